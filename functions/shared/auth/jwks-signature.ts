import { createHash } from 'node:crypto';
import { KMSInvalidSignatureException, SignCommand, VerifyCommand } from '@aws-sdk/client-kms';
import { kmsClient } from '../kms-client';

/**
 * The signature that makes the table's JWKS copy trustworthy. Anyone with PutItem on a replica can write
 * the `JWKS` item (and replication copies it everywhere), but only the authorizers may sign with the
 * multi-Region KMS key (its key policy denies kms:Sign to every other principal), and every region can
 * verify with its own replica of that key while the pool's region is down.
 */

/** ECDSA on P-256 (KMS key spec ECC_NIST_P256): short signatures, supported by every KMS region. */
export const JWKS_SIGNING_ALGORITHM = 'ECDSA_SHA_256';

/**
 * What is signed: a SHA-256 digest over a version tag, the issuer the copy is for (so a copy signed for
 * one issuer cannot be moved to another's item) and the exact stored JWKS text. Signing the digest
 * (MessageType DIGEST) keeps KMS's 4 KB message limit out of the way of large JWKS.
 */
export function jwksDigest(issuer: string, jwksText: string): Uint8Array {
  return createHash('sha256').update(`jwks-copy/v1\n${issuer}\n${jwksText}`).digest();
}

/** Signs a JWKS copy with the signing key; resolves to the base64 signature. */
export async function signJwks(keyId: string, issuer: string, jwksText: string): Promise<string> {
  const { Signature } = await kmsClient().send(
    new SignCommand({
      KeyId: keyId,
      Message: jwksDigest(issuer, jwksText),
      MessageType: 'DIGEST',
      SigningAlgorithm: JWKS_SIGNING_ALGORITHM,
    }),
  );
  if (!Signature) throw new Error('KMS returned no signature');
  return Buffer.from(Signature).toString('base64');
}

/**
 * True when `signature` is the signing key's signature of this issuer's JWKS text; false for a missing,
 * malformed or wrong signature. Rejects only when KMS cannot answer (then nothing can be concluded).
 */
export async function jwksSignatureValid(
  keyId: string,
  issuer: string,
  jwksText: string,
  signature: string | undefined,
): Promise<boolean> {
  if (!signature || !/^[A-Za-z0-9+/]+={0,2}$/.test(signature)) return false;
  try {
    const { SignatureValid } = await kmsClient().send(
      new VerifyCommand({
        KeyId: keyId,
        Message: jwksDigest(issuer, jwksText),
        MessageType: 'DIGEST',
        Signature: Buffer.from(signature, 'base64'),
        SigningAlgorithm: JWKS_SIGNING_ALGORITHM,
      }),
    );
    return SignatureValid === true;
  } catch (error) {
    if (error instanceof KMSInvalidSignatureException) return false;
    throw error;
  }
}

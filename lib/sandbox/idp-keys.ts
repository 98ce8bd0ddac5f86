import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK, type KeyLike } from 'jose';

/** The identity provider's signing key: the private key signs, the public JWK is published. */
export interface SigningKey {
  readonly kid: string;
  readonly privateKey: KeyLike | Uint8Array;
  readonly publicJwk: JWK;
}

/**
 * Loads the RS256 signing key from `file`, or generates one and writes it there (mode 0600), so tokens
 * stay valid across restarts. Without a file the key lives only in memory.
 */
export async function loadOrCreateSigningKey(file?: string): Promise<SigningKey> {
  if (file && existsSync(file)) {
    const jwk = JSON.parse(readFileSync(file, 'utf8')) as JWK & { kid: string };
    return fromPrivateJwk(jwk);
  }
  const { privateKey } = await generateKeyPair('RS256', { extractable: true, modulusLength: 2048 });
  const jwk = { ...(await exportJWK(privateKey)), kid: randomUUID(), alg: 'RS256', use: 'sig' };
  if (file) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(jwk), { mode: 0o600 });
  }
  return fromPrivateJwk(jwk);
}

async function fromPrivateJwk(jwk: JWK & { kid: string }): Promise<SigningKey> {
  const { kty, n, e, kid } = jwk;
  return {
    kid,
    privateKey: await importJWK(jwk, 'RS256'),
    publicJwk: { kty, n, e, kid, alg: 'RS256', use: 'sig' },
  };
}

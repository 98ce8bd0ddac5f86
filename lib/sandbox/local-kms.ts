import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { dirname } from 'node:path';
import { closeServer, listen, readBody } from './http-util';
import { foreignOrBrowser } from './request-guard';

/** The key id every region's ARN ends with: one multi-Region key, as the CDK app deploys. */
export const LOCAL_JWKS_KEY_ID = 'mrk-sandbox-jwks-signing';

/** ARN of the JWKS signing key in one sandbox region (the handlers' JWKS_SIGNING_KEY_ID). */
export const localJwksKeyArn = (region: string, account: string) =>
  `arn:aws:kms:${region}:${account}:key/${LOCAL_JWKS_KEY_ID}`;

/** Options of {@link startLocalKms}. */
export interface LocalKmsOptions {
  /** PEM file of the private key (mode 0600), created if missing; in memory when absent. */
  readonly keyFile?: string;
  /** @default 0 (a free port) */
  readonly port?: number;
}

/** A running local KMS. */
export interface LocalKms {
  readonly endpoint: string;
  readonly port: number;
  close(): Promise<void>;
}

function loadOrCreateKey(file?: string): KeyObject {
  if (file && existsSync(file)) return createPrivateKey(readFileSync(file));
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  if (file) {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
  }
  return privateKey;
}

class KmsError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The sandbox's stand-in for AWS KMS, for the one thing the app uses it for: Sign and Verify with the
 * multi-Region ECC_NIST_P256 key that protects the table's JWKS copy (AWS JSON 1.1 protocol, so the
 * handlers' SDK client talks to it unchanged through KMS_ENDPOINT). One key serves every region, as a
 * multi-Region key's replicas share their key material. Unlike KMS, a DIGEST message is hashed once more
 * before signing (Node has no pre-hashed ECDSA); Sign and Verify agree, and nothing verifies elsewhere.
 */
export async function startLocalKms(options: LocalKmsOptions = {}): Promise<LocalKms> {
  const privateKey = loadOrCreateKey(options.keyFile);
  const publicKey = createPublicKey(privateKey);

  const keyOf = (keyId: unknown) => {
    if (
      typeof keyId !== 'string' ||
      !(keyId === LOCAL_JWKS_KEY_ID || keyId.endsWith(`:key/${LOCAL_JWKS_KEY_ID}`))
    )
      throw new KmsError('NotFoundException', `Key '${String(keyId)}' does not exist`);
    if (keyId.startsWith('arn:') && !/^arn:aws:kms:[a-z0-9-]+:\d{12}:key\//.test(keyId))
      throw new KmsError('NotFoundException', `Invalid arn ${keyId}`);
  };
  const blob = (value: unknown, field: string) => {
    if (typeof value !== 'string' || value.length === 0)
      throw new KmsError('ValidationException', `${field} must be a base64 blob`);
    return Buffer.from(value, 'base64');
  };
  const checkRequest = (input: Record<string, unknown>) => {
    keyOf(input.KeyId);
    if (input.SigningAlgorithm !== 'ECDSA_SHA_256')
      throw new KmsError('InvalidKeyUsageException', 'The key supports ECDSA_SHA_256 only');
    const message = blob(input.Message, 'Message');
    if (input.MessageType === 'DIGEST' && message.length !== 32)
      throw new KmsError('ValidationException', 'Digest is invalid length for algorithm ECDSA_SHA_256');
    return message;
  };

  const operations: Record<string, (input: Record<string, unknown>) => Record<string, unknown>> = {
    Sign: (input) => {
      const message = checkRequest(input);
      return {
        KeyId: input.KeyId,
        Signature: sign('sha256', message, privateKey).toString('base64'),
        SigningAlgorithm: 'ECDSA_SHA_256',
      };
    },
    Verify: (input) => {
      const message = checkRequest(input);
      const signature = blob(input.Signature, 'Signature');
      let valid = false;
      try {
        valid = verify('sha256', message, publicKey, signature);
      } catch {
        valid = false;
      }
      if (!valid) throw new KmsError('KMSInvalidSignatureException', 'Signature is not valid');
      return { KeyId: input.KeyId, SignatureValid: true, SigningAlgorithm: 'ECDSA_SHA_256' };
    },
  };

  const answer = (res: ServerResponse, status: number, body: unknown) => {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/x-amz-json-1.1',
      'content-length': Buffer.byteLength(text),
    });
    res.end(text);
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const refused = foreignOrBrowser(req);
    if (refused) return answer(res, 403, { __type: 'AccessDeniedException', message: refused });
    const target = String(req.headers['x-amz-target'] ?? '');
    const operation = operations[target.replace(/^TrentService\./, '')];
    if (req.method !== 'POST' || !target.startsWith('TrentService.') || !operation)
      return answer(res, 400, { __type: 'UnknownOperationException', message: `${target} is not supported` });
    let input: Record<string, unknown>;
    try {
      input = JSON.parse((await readBody(req, 64 * 1024)).toString('utf8')) as Record<string, unknown>;
      if (typeof input !== 'object' || input === null) throw new Error('not an object');
    } catch {
      return answer(res, 400, { __type: 'SerializationException', message: 'body must be a JSON object' });
    }
    try {
      answer(res, 200, operation(input));
    } catch (e) {
      if (!(e instanceof KmsError)) throw e;
      answer(res, 400, { __type: e.type, message: e.message });
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: Error) =>
      answer(res, 500, { __type: 'KMSInternalException', message: e.message }),
    );
  });
  const port = await listen(server, options.port ?? 0, 'local KMS');
  return { endpoint: `http://127.0.0.1:${port}`, port, close: () => closeServer(server) };
}

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK, type KeyLike, SignJWT } from 'jose';

/** A signing key and its public JWK. */
export interface TestKey {
  readonly kid: string;
  readonly privateKey: KeyLike;
  readonly jwk: JWK;
}

export async function newKey(kid: string): Promise<TestKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
}

/**
 * A stand-in for a Cognito user pool's JWKS endpoint on 127.0.0.1, counting fetches, whose keys can
 * change (rotation), which can fail (the pool's region impaired) and which can be stopped (the pool's
 * region down).
 */
export interface TestIssuer {
  readonly url: string;
  keys: JWK[];
  /** HTTP status of the JWKS endpoint; anything but 200 answers without a body. @default 200 */
  status: number;
  /** Requests for the JWKS so far, answered or failed. */
  readonly fetches: () => number;
  close(): Promise<void>;
}

export async function startIssuer(keys: JWK[]): Promise<TestIssuer> {
  let fetches = 0;
  const issuer = { keys, status: 200 };
  const server: Server = createServer((req, res) => {
    if (req.url !== '/.well-known/jwks.json') {
      res.writeHead(404).end();
      return;
    }
    fetches++;
    if (issuer.status !== 200) {
      res.writeHead(issuer.status).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: issuer.keys }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(issuer, {
    url: `http://127.0.0.1:${port}`,
    fetches: () => fetches,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

export interface TokenSpec {
  readonly key: TestKey;
  readonly issuer: string;
  readonly clientId: string;
  /** `null` leaves the claim out. @default 'sub-alice' */
  readonly sub?: string | null;
  readonly groups?: unknown[];
  /** Claims that replace or add to the Cognito-shaped ones (a malformed claim, say). */
  readonly claims?: Record<string, unknown>;
  readonly tokenUse?: 'access' | 'id';
  /** Seconds from now; negative for an expired token. @default 3600 */
  readonly expiresIn?: number;
  /** Sign with another key while claiming `key.kid`: a forged signature. */
  readonly signWith?: TestKey;
}

/** A token shaped like Cognito's: access tokens carry client_id, ID tokens aud. */
export function signToken(spec: TokenSpec): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const tokenUse = spec.tokenUse ?? 'access';
  const claims =
    tokenUse === 'access'
      ? { client_id: spec.clientId, username: 'alice', scope: 'aws.cognito.signin.user.admin' }
      : { aud: spec.clientId, 'cognito:username': 'alice' };
  const jwt = new SignJWT({
    ...claims,
    token_use: tokenUse,
    'cognito:groups': spec.groups ?? [],
    ...spec.claims,
  })
    .setProtectedHeader({ alg: 'RS256', kid: spec.key.kid })
    .setIssuer(spec.issuer);
  if (spec.sub !== null) jwt.setSubject(spec.sub ?? 'sub-alice');
  return jwt
    .setIssuedAt(now - 60)
    .setExpirationTime(now + (spec.expiresIn ?? 3600))
    .sign((spec.signWith ?? spec.key).privateKey);
}

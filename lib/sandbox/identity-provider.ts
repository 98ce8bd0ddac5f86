import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { SignJWT } from 'jose';
import { z } from 'zod';
import { closeServer, listen, problem, readBody, sendJson, sendProblem } from './http-util';
import type { SigningKey } from './idp-keys';
import { foreignHost } from './request-guard';

/** Options of the local stand-in for a Cognito user pool. */
export interface IdentityProviderOptions {
  readonly key: SigningKey;
  /** App client id: the access token's `client_id` and the ID token's `aud`. */
  readonly clientId: string;
  /** @default 0 (a free port) */
  readonly port?: number;
  /** Token lifetime, like the app client's access/ID token validity. @default 3600 */
  readonly tokenTtlSeconds?: number;
}

/** A running identity provider; `issuer` is its URL, as `iss` and JWT_ISSUER. */
export interface IdentityProvider {
  readonly issuer: string;
  readonly port: number;
  close(): Promise<void>;
}

const tokenRequest = z.strictObject({
  username: z
    .string()
    .min(1)
    .max(128)
    .regex(/^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u, 'must not contain whitespace (Cognito usernames do not)'),
  groups: z.array(z.string().min(1).max(128)).max(100).default([]),
});

/** Cognito's `sub` is a UUID fixed per user; derive one from the username so it survives restarts. */
export function subjectOf(username: string): string {
  const h = createHash('sha256').update(`sandbox-user:${username}`).digest('hex');
  const variant = ((Number.parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * `POST /token` with `{ "username", "groups" }` signs in without a password and returns Cognito-shaped
 * ID and access tokens; `GET /.well-known/jwks.json` publishes the public key. Claims follow Cognito's
 * user-pool tokens so the same verifier and checks apply.
 */
export async function startIdentityProvider(options: IdentityProviderOptions): Promise<IdentityProvider> {
  let issuer = '';
  const ttl = options.tokenTtlSeconds ?? 3600;

  async function issueTokens(username: string, groups: string[]) {
    const now = Math.floor(Date.now() / 1000);
    const common = {
      sub: subjectOf(username),
      ...(groups.length > 0 ? { 'cognito:groups': groups } : {}),
      auth_time: now,
      event_id: randomUUID(),
      origin_jti: randomUUID(),
    };
    const sign = (claims: Record<string, unknown>) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: options.key.kid })
        .setIssuer(issuer)
        .setIssuedAt(now)
        .setExpirationTime(now + ttl)
        .setJti(randomUUID())
        .sign(options.key.privateKey);
    const [idToken, accessToken] = await Promise.all([
      sign({ ...common, aud: options.clientId, token_use: 'id', 'cognito:username': username }),
      sign({
        ...common,
        client_id: options.clientId,
        token_use: 'access',
        scope: 'aws.cognito.signin.user.admin',
        username,
      }),
    ]);
    return { id_token: idToken, access_token: accessToken, token_type: 'Bearer', expires_in: ttl };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const foreign = foreignHost(req);
    if (foreign) {
      sendProblem(res, problem(403, 'Forbidden', foreign));
      return;
    }
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === '/.well-known/jwks.json' && req.method === 'GET') {
      sendJson(res, 200, { keys: [options.key.publicJwk] });
      return;
    }
    if (path === '/.well-known/openid-configuration' && req.method === 'GET') {
      sendJson(res, 200, {
        issuer,
        jwks_uri: `${issuer}/.well-known/jwks.json`,
        token_endpoint: `${issuer}/token`,
        id_token_signing_alg_values_supported: ['RS256'],
      });
      return;
    }
    if (path === '/token') {
      if (req.method !== 'POST') {
        sendProblem(res, problem(405, 'Method Not Allowed', 'use POST /token'), { allow: 'POST' });
        return;
      }
      // A web page can POST text/plain to any port without a CORS preflight; it cannot send JSON so.
      const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
      if (type !== 'application/json') {
        sendProblem(
          res,
          problem(415, 'Unsupported Media Type', 'POST /token takes content-type application/json'),
        );
        return;
      }
      let raw: unknown;
      try {
        raw = JSON.parse((await readBody(req, 64 * 1024)).toString('utf8'));
      } catch {
        sendProblem(res, problem(400, 'Bad Request', 'body must be JSON: {"username": "...", "groups": []}'));
        return;
      }
      const parsed = tokenRequest.safeParse(raw);
      if (!parsed.success) {
        const detail = parsed.error.issues
          .map((i) => `${i.path.length ? i.path.join('.') : 'body'}: ${i.message}`)
          .join('; ');
        sendProblem(res, problem(400, 'Bad Request', detail));
        return;
      }
      sendJson(res, 200, await issueTokens(parsed.data.username, parsed.data.groups), {
        'cache-control': 'no-store',
      });
      return;
    }
    sendProblem(res, problem(404, 'Not Found', `no ${req.method} ${path}; try POST /token`));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: Error) => sendProblem(res, problem(500, 'Internal Server Error', e.message)));
  });
  const port = await listen(server, options.port ?? 0, 'identity provider');
  issuer = `http://127.0.0.1:${port}`;
  return { issuer, port, close: () => closeServer(server) };
}

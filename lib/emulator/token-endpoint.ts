import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Tokens } from './cognito-users';

/** Signs a user in with exactly these groups; {@link signInAs} on the emulated pool. */
export type SignIn = (username: string, groups: readonly string[]) => Promise<Tokens>;

export interface TokenEndpoint {
  readonly url: string;
  close(): Promise<void>;
}

const MAX_BODY = 16 * 1024;

async function readBody(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > MAX_BODY) throw new Error('body too large');
  }
  return body;
}

/** `{ username, groups? }` from the body, or a message saying what is wrong. */
export function parseTokenRequest(body: string): { username: string; groups: string[] } | string {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return 'body: not JSON';
  }
  const { username, groups = [] } = (value ?? {}) as { username?: unknown; groups?: unknown };
  if (typeof username !== 'string' || !/^[A-Za-z0-9._@+-]{1,64}$/.test(username)) {
    return 'username: required, 1-64 of A-Z a-z 0-9 . _ @ + -';
  }
  if (
    !Array.isArray(groups) ||
    !groups.every((g) => typeof g === 'string' && /^[\w+=,.@-]{1,128}$/.test(g))
  ) {
    return 'groups: an array of Cognito group names';
  }
  return { username, groups };
}

/**
 * The sandbox issuer's `POST /token` contract (`{username, groups}` → `{access_token, id_token}`) on
 * 127.0.0.1, backed by the emulated Cognito pool, and `GET /.well-known/jwks.json` from the pool.
 */
export async function startTokenEndpoint(
  signIn: SignIn,
  jwks: () => Promise<unknown>,
  port = 0,
): Promise<TokenEndpoint> {
  const server: Server = createServer(async (req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, {
        'content-type': status < 300 ? 'application/json' : 'application/problem+json',
      });
      res.end(JSON.stringify(body));
    };
    const problem = (status: number, detail: string) =>
      send(status, { type: 'about:blank', title: status === 400 ? 'Bad Request' : 'Error', status, detail });
    try {
      if (req.method === 'GET' && req.url === '/.well-known/jwks.json') return send(200, await jwks());
      if (req.method !== 'POST' || req.url !== '/token')
        return problem(404, 'POST /token or GET /.well-known/jwks.json');
      const parsed = parseTokenRequest(await readBody(req));
      if (typeof parsed === 'string') return problem(400, parsed);
      send(200, await signIn(parsed.username, parsed.groups));
    } catch (error) {
      problem(502, `the emulated Cognito failed: ${(error as Error).message}`);
    }
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import type {
  APIGatewayAuthorizerResult,
  APIGatewayProxyEvent,
  APIGatewayRequestAuthorizerEvent,
} from 'aws-lambda';
import { AUTHORIZER_CACHE_TTL_SECONDS, type RouteDefinition } from '../../../functions/routes';
import { closeServer } from '../../../lib/sandbox/http-util';
import { createRestApiListener, type LambdaHandler } from '../../../lib/sandbox/rest-api-adapter';

const ROUTES: RouteDefinition[] = [
  { method: 'GET', path: '/things/{id}', handler: 'echo', authorized: true, tableAccess: 'none' },
  { method: 'POST', path: '/things', handler: 'echo', authorized: true, tableAccess: 'none' },
];
const api = { region: 'eu-west-1', accountId: '111111111111', apiId: 'api1', stage: 'prod', domainName: 'x' };
const TTL_MS = AUTHORIZER_CACHE_TTL_SECONDS * 1000;

type Authorizer = (e: APIGatewayRequestAuthorizerEvent) => Promise<APIGatewayAuthorizerResult>;

/** An answer like the project's authorizer gives: the caller's identity, a policy naming `resource`. */
function answer(sub: string, resource = '*', effect: 'Allow' | 'Deny' = 'Allow'): Authorizer {
  return async (e) => ({
    principalId: sub,
    policyDocument: {
      Version: '2012-10-17',
      Statement: [
        {
          Action: 'execute-api:Invoke',
          Effect: effect,
          Resource: `${e.methodArn.split('/').slice(0, 2).join('/')}/${resource}`,
        },
      ],
    },
    context: { sub },
  });
}

describe('REST API adapter: authorizer result cache', () => {
  let server: Server;
  let base: string;
  let clock: number;
  let authorizer: Authorizer;
  const invocations: string[] = [];
  const seenBy: Array<Record<string, string> | undefined> = [];

  const handlers = {
    echo: async (event: APIGatewayProxyEvent) => {
      seenBy.push(event.requestContext.authorizer as Record<string, string> | undefined);
      return { statusCode: 200, body: '{}' };
    },
    authorizer: async (event: APIGatewayRequestAuthorizerEvent) => {
      invocations.push(event.headers?.Authorization ?? event.headers?.authorization ?? '');
      return authorizer(event);
    },
  } as unknown as Record<string, LambdaHandler>;

  const get = (auth?: string, path = '/things/1') =>
    fetch(`${base}${path}`, { headers: auth === undefined ? {} : { Authorization: auth } });

  beforeAll(async () => {
    const listener = createRestApiListener({
      api,
      routes: ROUTES,
      authorizerHandler: 'authorizer',
      loadHandler: async (n) => handlers[n],
      now: () => clock,
    });
    server = createServer((req, res) => void listener(req, res));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => closeServer(server));
  // Each test starts at a fresh time far beyond the previous one, so no earlier answer is still kept.
  let epoch = 0;
  beforeEach(() => {
    epoch += 100 * TTL_MS;
    clock = epoch;
    invocations.length = 0;
    seenBy.length = 0;
    authorizer = answer('alice');
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('uses the CDK app’s TTL: 300 s', () => {
    expect(AUTHORIZER_CACHE_TTL_SECONDS).toBe(300);
  });

  it('invokes the authorizer once per Authorization value and serves its context from the cache', async () => {
    expect((await get('Bearer a')).status).toBe(200);
    authorizer = answer('someone else');
    expect((await get('Bearer a')).status).toBe(200);
    expect(
      (await fetch(`${base}/things`, { method: 'POST', headers: { Authorization: 'Bearer a' } })).status,
    ).toBe(200);
    expect(invocations).toEqual(['Bearer a']);
    expect(seenBy.map((c) => c?.sub)).toEqual(['alice', 'alice', 'alice']);
    expect(seenBy[1]).toEqual({ principalId: 'alice', sub: 'alice' });
  });

  it('keeps separate answers for separate Authorization values', async () => {
    await get('Bearer a');
    authorizer = answer('bob');
    await get('Bearer b');
    await get('Bearer a');
    await get('Bearer b');
    expect(invocations).toEqual(['Bearer a', 'Bearer b']);
    expect(seenBy.map((c) => c?.sub)).toEqual(['alice', 'bob', 'alice', 'bob']);
  });

  it('invokes the authorizer again once the TTL has passed, not before', async () => {
    await get('Bearer a');
    clock += TTL_MS - 1;
    await get('Bearer a');
    expect(invocations).toHaveLength(1);
    clock += 1;
    authorizer = answer('alice again');
    await get('Bearer a');
    expect(invocations).toHaveLength(2);
    expect(seenBy.at(-1)?.sub).toBe('alice again');
  });

  it('evaluates a cached policy against each request’s method, without invoking the authorizer', async () => {
    authorizer = answer('alice', 'GET/things/*');
    expect((await get('Bearer a', '/things/1')).status).toBe(200);
    expect((await get('Bearer a', '/things/2')).status).toBe(200);
    const post = await fetch(`${base}/things`, { method: 'POST', headers: { Authorization: 'Bearer a' } });
    expect(post.status).toBe(403);
    expect(invocations).toHaveLength(1);
  });

  it('caches an Unauthorized answer (401) and a Deny policy (403) for the TTL', async () => {
    authorizer = async () => {
      throw new Error('Unauthorized');
    };
    expect((await get('Bearer bad')).status).toBe(401);
    authorizer = answer('would allow');
    expect((await get('Bearer bad')).status).toBe(401);

    authorizer = answer('mallory', '*', 'Deny');
    expect((await get('Bearer denied')).status).toBe(403);
    authorizer = answer('would allow');
    expect((await get('Bearer denied')).status).toBe(403);

    expect(invocations).toEqual(['Bearer bad', 'Bearer denied']);
    expect(seenBy).toHaveLength(0);

    clock += TTL_MS;
    expect((await get('Bearer bad')).status).toBe(200);
    expect((await get('Bearer denied')).status).toBe(200);
    expect(invocations).toHaveLength(4);
  });

  it('does not cache an authorizer failure or output without a policy: the next request asks again', async () => {
    authorizer = async () => {
      throw new Error('kaboom');
    };
    expect((await get('Bearer a')).status).toBe(500);
    authorizer = async () => ({ principalId: 'x' }) as APIGatewayAuthorizerResult;
    expect((await get('Bearer a')).status).toBe(403);
    authorizer = answer('alice');
    expect((await get('Bearer a')).status).toBe(200);
    expect(invocations).toHaveLength(3);
  });

  it('answers 401 without invoking the authorizer when the Authorization header is missing or empty', async () => {
    expect((await get()).status).toBe(401);
    expect((await get('')).status).toBe(401);
    expect(invocations).toHaveLength(0);
  });
  it('refuses two Authorization headers with 400, before the authorizer or its cache (security review, finding 3)', async () => {
    // Prepare: the attack sends junk first (the cache key) and a valid token last (what is verified).
    authorizer = answer('alice');
    const twice = (names: [string, string]) =>
      new Promise<{ status: number; type: string }>((resolve, reject) => {
        // Raw HTTP: clients merge or refuse repeated headers, an attacker's socket does not.
        const { port } = new URL(base);
        const socket = connect(Number(port), '127.0.0.1');
        let raw = '';
        socket.on('data', (chunk) => {
          raw += chunk.toString('latin1');
        });
        socket.on('end', () => {
          const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(raw)?.[1]);
          resolve({ status, type: /\r\ncontent-type: ([^\r]*)/i.exec(raw)?.[1] ?? '' });
        });
        socket.on('error', reject);
        socket.end(
          `GET /things/1 HTTP/1.1\r\nHost: 127.0.0.1\r\n${names[0]}: Bearer junk\r\n` +
            `${names[1]}: Bearer valid\r\nConnection: close\r\n\r\n`,
        );
      });
    // Act
    const sameName = await twice(['Authorization', 'Authorization']);
    const twoCasings = await twice(['Authorization', 'authorization']);
    // Assess
    expect(sameName).toEqual({ status: 400, type: 'application/problem+json' });
    expect(twoCasings.status).toBe(400);
    expect(invocations).toEqual([]);
  });
});

describe('REST API adapter: authorizer cache TTL 0', () => {
  it('invokes the authorizer on every request', async () => {
    let calls = 0;
    const listener = createRestApiListener({
      api,
      routes: ROUTES,
      authorizerHandler: 'authorizer',
      authorizerCacheTtlMs: 0,
      loadHandler: async (n) =>
        (n === 'authorizer'
          ? async (e: APIGatewayRequestAuthorizerEvent) => {
              calls++;
              return answer('alice')(e);
            }
          : async () => ({ statusCode: 200, body: '{}' })) as unknown as LambdaHandler,
    });
    const server = createServer((req, res) => void listener(req, res));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/things/1`;
      for (let i = 0; i < 3; i++) {
        expect((await fetch(url, { headers: { Authorization: 'Bearer a' } })).status).toBe(200);
      }
      expect(calls).toBe(3);
    } finally {
      await closeServer(server);
    }
  });
});

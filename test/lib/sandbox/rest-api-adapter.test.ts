import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  APIGatewayAuthorizerResult,
  APIGatewayProxyEvent,
  APIGatewayRequestAuthorizerEvent,
} from 'aws-lambda';
import type { RouteDefinition } from '../../../functions/routes';
import { gatewayProblem } from '../../../lib/gateway-problems';
import { closeServer } from '../../../lib/sandbox/http-util';
import { createRestApiListener, type LambdaHandler } from '../../../lib/sandbox/rest-api-adapter';

const ROUTES: RouteDefinition[] = [
  { method: 'GET', path: '/public', handler: 'echo', authorized: false, tableAccess: 'none' },
  { method: 'POST', path: '/things/{id}', handler: 'echo', authorized: true, tableAccess: 'none' },
  { method: 'GET', path: '/boom', handler: 'boom', authorized: false, tableAccess: 'none' },
  { method: 'GET', path: '/binary', handler: 'binary', authorized: false, tableAccess: 'none' },
];
const api = {
  region: 'eu-west-1',
  accountId: '111111111111',
  apiId: 'api1',
  stage: 'prod',
  domainName: 'x.example.com',
};

function allow(
  event: APIGatewayRequestAuthorizerEvent,
  effect: 'Allow' | 'Deny' = 'Allow',
): APIGatewayAuthorizerResult {
  const apiArn = event.methodArn.split('/').slice(0, 2).join('/');
  return {
    principalId: 'sub-1',
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: `${apiArn}/*` }],
    },
    context: { sub: 'sub-1', username: 'alice', groups: '["admin","member"]', n: 3 },
  };
}

describe('REST API adapter (API Gateway v1 proxy integration)', () => {
  let server: Server;
  let base: string;
  const events: APIGatewayProxyEvent[] = [];
  const authorizerEvents: APIGatewayRequestAuthorizerEvent[] = [];
  let authorizer: (e: APIGatewayRequestAuthorizerEvent) => Promise<APIGatewayAuthorizerResult>;

  const handlers: Record<string, LambdaHandler> = {
    echo: async (event: APIGatewayProxyEvent) => {
      events.push(event);
      return {
        statusCode: 201,
        headers: { 'x-region': 'eu-west-1' },
        multiValueHeaders: { 'set-cookie': ['a=1', 'b=2'] },
        body: '{"ok":true}',
      };
    },
    boom: async () => {
      throw new Error('handler crashed');
    },
    binary: async () => ({
      statusCode: 200,
      headers: { 'content-type': 'image/png' },
      body: Buffer.from([1, 2, 3]).toString('base64'),
      isBase64Encoded: true,
    }),
    authorizer: async (event: APIGatewayRequestAuthorizerEvent) => {
      authorizerEvents.push(event);
      return authorizer(event);
    },
  } as unknown as Record<string, LambdaHandler>;

  beforeAll(async () => {
    const listener = createRestApiListener({
      api,
      routes: ROUTES,
      authorizerHandler: 'authorizer',
      loadHandler: async (n) => handlers[n],
    });
    server = createServer((req, res) => void listener(req, res));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => closeServer(server));
  beforeEach(() => {
    events.length = 0;
    authorizerEvents.length = 0;
    authorizer = async (e) => allow(e);
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('builds the proxy event API Gateway sends and passes the authorizer context as strings', async () => {
    const res = await fetch(`${base}/things/a%2Fb?tag=x&tag=y&q=1`, {
      method: 'POST',
      headers: { Authorization: 'Bearer t', 'Idempotency-Key': 'k1', 'content-type': 'application/json' },
      body: '{"name":"n"}',
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('set-cookie')).toBe('a=1, b=2');
    const event = events[0];
    expect(event).toMatchObject({
      resource: '/things/{id}',
      path: '/things/a%2Fb',
      httpMethod: 'POST',
      pathParameters: { id: 'a/b' },
      queryStringParameters: { tag: 'y', q: '1' },
      multiValueQueryStringParameters: { tag: ['x', 'y'], q: ['1'] },
      body: '{"name":"n"}',
      isBase64Encoded: false,
      stageVariables: null,
    });
    expect(event.headers['Idempotency-Key']).toBe('k1');
    expect(event.multiValueHeaders['Idempotency-Key']).toEqual(['k1']);
    expect(event.requestContext).toMatchObject({
      accountId: '111111111111',
      apiId: 'api1',
      stage: 'prod',
      resourcePath: '/things/{id}',
      httpMethod: 'POST',
      authorizer: {
        principalId: 'sub-1',
        sub: 'sub-1',
        username: 'alice',
        groups: '["admin","member"]',
        n: '3',
      },
    });
    expect(event.requestContext.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(authorizerEvents[0]).toMatchObject({
      type: 'REQUEST',
      methodArn: 'arn:aws:execute-api:eu-west-1:111111111111:api1/prod/POST/things/a%2Fb',
      headers: { Authorization: 'Bearer t' },
    });
  });

  it('public routes skip the authorizer and get null parameters when there are none', async () => {
    const res = await fetch(`${base}/public`);
    expect(res.status).toBe(201);
    expect(authorizerEvents).toHaveLength(0);
    expect(events[0]).toMatchObject({ pathParameters: null, queryStringParameters: null, body: null });
    expect(events[0].requestContext.authorizer).toBeUndefined();
  });

  it('passes query names that collide with Object.prototype through as plain parameters', async () => {
    const res = await fetch(`${base}/things/x?constructor=1&__proto__=2&toString=3&toString=4`, {
      method: 'POST',
      headers: { authorization: 'Bearer collide' },
    });
    expect(res.status).toBe(201);
    for (const event of [authorizerEvents[0], events[0]]) {
      expect(Object.entries(event.queryStringParameters ?? {})).toEqual([
        ['constructor', '1'],
        ['__proto__', '2'],
        ['toString', '4'],
      ]);
      expect(Object.entries(event.multiValueQueryStringParameters ?? {})).toEqual([
        ['constructor', ['1']],
        ['__proto__', ['2']],
        ['toString', ['3', '4']],
      ]);
    }
  });

  const unauthorized = {
    type: 'about:blank',
    title: 'Unauthorized',
    status: 401,
    detail: 'Missing or invalid bearer token',
  };

  it('answers 401 without calling the authorizer when the Authorization header is missing', async () => {
    const res = await fetch(`${base}/things/1`, { method: 'POST' });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.headers.get('x-region')).toBe('eu-west-1');
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await res.json()).toEqual(unauthorized);
    expect(authorizerEvents).toHaveLength(0);
  });

  it('answers 401 when the authorizer throws Unauthorized, 403 on a Deny policy, 500 on other errors', async () => {
    authorizer = async () => {
      throw new Error('Unauthorized');
    };
    let res = await fetch(`${base}/things/1`, { method: 'POST', headers: { authorization: 'Bearer bad' } });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual(unauthorized);

    authorizer = async (e) => allow(e, 'Deny');
    res = await fetch(`${base}/things/1`, { method: 'POST', headers: { authorization: 'Bearer x' } });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual(gatewayProblem('ACCESS_DENIED'));

    authorizer = async () => {
      throw new Error('kaboom');
    };
    res = await fetch(`${base}/things/1`, { method: 'POST', headers: { authorization: 'Bearer y' } });
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual(gatewayProblem('AUTHORIZER_FAILURE'));
    expect(events).toHaveLength(0);
  });

  it("answers unknown routes with the deployed app's gateway response (404) and handler errors with 502", async () => {
    const missing = await fetch(`${base}/nope`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toBe('application/problem+json');
    expect(await missing.json()).toEqual({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: 'No such route',
    });
    const boom = await fetch(`${base}/boom`);
    expect(boom.status).toBe(502);
    expect(boom.headers.get('x-region')).toBe('eu-west-1');
  });

  it('decodes base64 bodies', async () => {
    const res = await fetch(`${base}/binary`);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect([...new Uint8Array(await res.arrayBuffer())]).toEqual([1, 2, 3]);
  });
});

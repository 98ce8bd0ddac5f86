import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RouteDefinition } from '../../../functions/routes';
import { closeServer } from '../../../lib/sandbox/http-util';
import { createRestApiListener, type LambdaHandler } from '../../../lib/sandbox/rest-api-adapter';
import type { FunctionFaults } from '../../../lib/sandbox-contract/function-faults';

const ROUTES: RouteDefinition[] = [
  { method: 'GET', path: '/health', handler: 'health', authorized: false, tableAccess: 'probe' },
  { method: 'POST', path: '/items', handler: 'items/create', authorized: false, tableAccess: 'createItem' },
];
const api = { region: 'eu-west-1', accountId: '111111111111', apiId: 'a', stage: 'prod', domainName: 'x' };

describe('REST API adapter with injected function faults', () => {
  let server: Server;
  let base: string;
  let faults: FunctionFaults | null = null;
  const ran: string[] = [];
  const ok = (name: string) => async () => {
    ran.push(name);
    return { statusCode: 200, body: '{}' };
  };
  const handlers = { health: ok('health'), 'items/create': ok('items/create') } as unknown as Record<
    string,
    LambdaHandler
  >;

  beforeAll(async () => {
    const listener = createRestApiListener({
      api,
      routes: ROUTES,
      authorizerHandler: 'authorizer',
      loadHandler: async (n) => handlers[n],
      faults: () => faults,
      random: () => 0, // every percentage hits
      integrationTimeoutMs: 300,
    });
    server = createServer((req, res) => void listener(req, res));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => closeServer(server));
  beforeEach(() => {
    ran.length = 0;
    faults = null;
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('fails item routes with 502 without running them, while /health still answers 200', async () => {
    faults = { errors: { invocationPercentage: 100 } };
    const item = await fetch(`${base}/items`, { method: 'POST', body: '{}' });
    expect(item.status).toBe(502);
    expect(await item.json()).toMatchObject({ status: 502, detail: 'Internal server error' });
    expect(item.headers.get('x-region')).toBe('eu-west-1');
    expect((await fetch(`${base}/health`)).status).toBe(200);
    expect(ran).toEqual(['health']);
  });

  it('runs the handler first when preventExecution is false, and still answers 502', async () => {
    faults = { errors: { invocationPercentage: 100, preventExecution: false } };
    expect((await fetch(`${base}/items`, { method: 'POST', body: '{}' })).status).toBe(502);
    expect(ran).toEqual(['items/create']);
  });

  it('delays item routes before the handler, and times out like API Gateway past the limit', async () => {
    faults = { latency: { invocationPercentage: 100, startupDelayMilliseconds: 150 } };
    const started = Date.now();
    expect((await fetch(`${base}/items`, { method: 'POST', body: '{}' })).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    const health = Date.now();
    expect((await fetch(`${base}/health`)).status).toBe(200);
    expect(Date.now() - health).toBeLessThan(150);

    faults = { latency: { invocationPercentage: 100, startupDelayMilliseconds: 1000 } };
    const slow = await fetch(`${base}/items`, { method: 'POST', body: '{}' });
    expect(slow.status).toBe(504);
  });

  it('serves normally once the faults are cleared', async () => {
    faults = { errors: { invocationPercentage: 100 } };
    expect((await fetch(`${base}/items`, { method: 'POST', body: '{}' })).status).toBe(502);
    faults = null;
    expect((await fetch(`${base}/items`, { method: 'POST', body: '{}' })).status).toBe(200);
  });
});

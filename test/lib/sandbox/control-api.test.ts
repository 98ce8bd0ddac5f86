import { type SandboxControl, type SandboxState, startControlApi } from '../../../lib/sandbox/control-api';
import { HealthCheck } from '../../../lib/sandbox/health-check';

describe('control API', () => {
  const calls: string[] = [];
  const check = new HealthCheck({ id: 'eu-west-1', intervalSeconds: 10, failureThreshold: 3 });
  // The fake's region state follows the actions, so each answer shows the action's own effect.
  const region = { up: true, tableUp: true };
  const fake: SandboxControl = {
    regions: ['us-east-1', 'eu-west-1'],
    state: () =>
      ({
        routing: { mode: 'latency', serving: 'us-east-1', primaryRegion: 'us-east-1', latencyMs: {} },
        regions: { 'eu-west-1': { ...region, healthCheck: check.view() } },
        replication: { 'us-east-1->eu-west-1': { pending: 0, lagMs: 0 } },
      }) satisfies SandboxState,
    stopRegion: async (r) => {
      calls.push(`stop ${r}`);
      region.up = false;
    },
    startRegion: async (r) => {
      calls.push(`start ${r}`);
      region.up = true;
    },
    failTable: async (r) => {
      calls.push(`fail ${r}`);
      region.tableUp = false;
    },
    restoreTable: async (r) => {
      calls.push(`restore ${r}`);
      region.tableUp = true;
    },
    updateHealthCheck: (_r, change) => {
      Object.assign(check, change);
      return check.view();
    },
  };
  let api: Awaited<ReturnType<typeof startControlApi>>;
  beforeAll(async () => {
    api = await startControlApi(fake);
  });
  afterAll(() => api.close());

  it('serves the state and runs the region actions', async () => {
    expect(await (await fetch(`${api.url}/state`)).json()).toMatchObject({
      routing: { serving: 'us-east-1' },
    });
    const answers: Record<string, { up: boolean; tableUp: boolean }> = {
      stop: { up: false, tableUp: true },
      start: { up: true, tableUp: true },
      'table/fail': { up: true, tableUp: false },
      'table/restore': { up: true, tableUp: true },
    };
    for (const [action, after] of Object.entries(answers)) {
      const res = await fetch(`${api.url}/regions/eu-west-1/${action}`, { method: 'POST' });
      expect(res.status).toBe(200);
      // The region's state read after the action ran, not before it.
      expect(await res.json()).toMatchObject(after);
    }
    expect(calls).toEqual(['stop eu-west-1', 'start eu-west-1', 'fail eu-west-1', 'restore eu-west-1']);
  });

  it('updates a health check and validates the change', async () => {
    const put = (region: string, body: string) =>
      fetch(`${api.url}/health-checks/${region}`, { method: 'PUT', body });
    const res = await put('eu-west-1', '{"inverted":true}');
    expect(await res.json()).toMatchObject({ id: 'eu-west-1', inverted: true, disabled: false });
    expect((await put('eu-west-1', '{"inverted":1}')).status).toBe(400);
    expect((await put('eu-west-1', '{"other":true}')).status).toBe(400);
    expect((await put('eu-west-1', 'nope')).status).toBe(400);
    expect((await put('mars-1', '{}')).status).toBe(404);
  });

  it('answers unknown paths, regions and methods with problems', async () => {
    expect((await fetch(`${api.url}/regions/mars-1/stop`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(`${api.url}/regions/eu-west-1/stop`)).status).toBe(405);
    const res = await fetch(`${api.url}/nothing`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
  });

  describe('bad input is a 4xx problem, never a 500 (security review, finding 8)', () => {
    it.each([
      ['POST', '/regions/%E0/stop', 400],
      ['PUT', '/health-checks/%E0%A4', 400],
      ['POST', '/regions/%2e%2e/stop', 404],
    ])('%s %s answers %i', async (method, path, status) => {
      // Act
      const res = await fetch(`${api.url}${path}`, { method, body: method === 'PUT' ? '{}' : undefined });
      // Assess
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
    });

    it('answers a body over 64 KiB with 413', async () => {
      // Act
      const res = await fetch(`${api.url}/health-checks/eu-west-1`, {
        method: 'PUT',
        body: JSON.stringify({ inverted: true, pad: 'x'.repeat(70 * 1024) }),
      });
      // Assess
      expect(res.status).toBe(413);
      expect(await res.json()).toMatchObject({ status: 413, title: 'Content Too Large' });
    });
  });
});

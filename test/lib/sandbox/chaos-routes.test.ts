import { type SandboxControl, startControlApi } from '../../../lib/sandbox/control-api';
import type { FunctionFaults } from '../../../lib/sandbox/function-faults';
import { HealthCheck } from '../../../lib/sandbox/health-check';

/** A control with the chaos operations; it records calls and reflects them in its state. */
function fakeControl(withChaos = true) {
  const calls: string[] = [];
  const paused = new Set<string>();
  const faults = new Map<string, FunctionFaults | null>();
  const check = new HealthCheck({ id: 'eu-west-1', intervalSeconds: 10, failureThreshold: 3 });
  const regions = ['us-east-1', 'eu-west-1'];
  const control: SandboxControl = {
    regions,
    state: () => ({
      routing: { mode: 'latency', serving: 'us-east-1', primaryRegion: 'us-east-1', latencyMs: {} },
      regions: Object.fromEntries(
        regions.map((r) => [
          r,
          {
            up: true,
            tableUp: true,
            healthCheck: check.view(),
            replicationPaused: paused.has(r),
            functionFaults: faults.get(r) ?? null,
          },
        ]),
      ),
      replication: {},
    }),
    stopRegion: async () => {},
    startRegion: async () => {},
    failTable: async () => {},
    restoreTable: async () => {},
    updateHealthCheck: () => check.view(),
    ...(withChaos
      ? {
          pauseReplication: async (r: string) => {
            calls.push(`pause ${r}`);
            paused.add(r);
          },
          resumeReplication: async (r: string) => {
            calls.push(`resume ${r}`);
            paused.delete(r);
          },
          setFunctionFaults: async (r: string, f: FunctionFaults | null) => {
            calls.push(`faults ${r} ${JSON.stringify(f)}`);
            faults.set(r, f);
          },
        }
      : {}),
  };
  return { control, calls };
}

describe('control API chaos routes', () => {
  const { control, calls } = fakeControl();
  let api: Awaited<ReturnType<typeof startControlApi>>;
  beforeAll(async () => {
    api = await startControlApi(control);
  });
  afterAll(() => api.close());
  beforeEach(() => {
    calls.length = 0;
  });
  const send = (method: string, path: string, body?: string) => fetch(`${api.url}${path}`, { method, body });

  it("pauses and resumes replication of a region's replica and answers with its state", async () => {
    const paused = await send('POST', '/regions/eu-west-1/replication/pause');
    expect(paused.status).toBe(200);
    expect(await paused.json()).toMatchObject({ replicationPaused: true, functionFaults: null });
    const resumed = await send('POST', '/regions/eu-west-1/replication/resume');
    expect(await resumed.json()).toMatchObject({ replicationPaused: false });
    expect(calls).toEqual(['pause eu-west-1', 'resume eu-west-1']);
  });

  it('sets and clears item-route faults', async () => {
    const body = {
      errors: { invocationPercentage: 50 },
      latency: { invocationPercentage: 100, startupDelayMilliseconds: 2000 },
    };
    const set = await send('PUT', '/regions/us-east-1/function-faults', JSON.stringify(body));
    expect(set.status).toBe(200);
    expect(await set.json()).toMatchObject({ functionFaults: body });
    const cleared = await send('DELETE', '/regions/us-east-1/function-faults');
    expect(await cleared.json()).toMatchObject({ functionFaults: null });
    expect(calls).toEqual([`faults us-east-1 ${JSON.stringify(body)}`, 'faults us-east-1 null']);
  });

  it('refuses bad input with problem+json naming the field, and touches nothing', async () => {
    const cases: Array<[string, string, string | undefined, number, string]> = [
      [
        'PUT',
        '/regions/us-east-1/function-faults',
        '{"errors":{"invocationPercentage":0}}',
        400,
        'errors.invocationPercentage: must be at least 1',
      ],
      ['PUT', '/regions/us-east-1/function-faults', '{}', 400, 'name at least one fault'],
      ['PUT', '/regions/us-east-1/function-faults', 'not json', 400, 'body must be JSON'],
      [
        'PUT',
        '/regions/us-east-1/function-faults',
        JSON.stringify({ errors: { invocationPercentage: 1 }, pad: 'x'.repeat(20_000) }),
        413,
        'body larger than 16384 bytes',
      ],
      [
        'PUT',
        '/regions/mars-1/function-faults',
        '{"errors":{"invocationPercentage":5}}',
        404,
        'unknown region "mars-1"',
      ],
      ['POST', '/regions/mars-1/replication/pause', undefined, 404, 'unknown region "mars-1"'],
      ['GET', '/regions/us-east-1/replication/pause', undefined, 405, 'use POST'],
      ['POST', '/regions/us-east-1/function-faults', '{}', 405, 'use PUT, DELETE'],
    ];
    for (const [method, path, body, status, detail] of cases) {
      const res = await send(method, path, body);
      expect([method, path, res.status]).toEqual([method, path, status]);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(((await res.json()) as { detail: string }).detail).toContain(detail);
    }
    expect(calls).toEqual([]);
  });

  it('answers 404 when the sandbox behind the API cannot inject these faults', async () => {
    const plain = await startControlApi(fakeControl(false).control);
    try {
      const res = await fetch(`${plain.url}/regions/us-east-1/replication/pause`, { method: 'POST' });
      expect(res.status).toBe(404);
      expect(((await res.json()) as { detail: string }).detail).toContain('does not support');
    } finally {
      await plain.close();
    }
  });
});

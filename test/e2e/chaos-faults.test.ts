import type { ConsoleState } from '../../lib/console/console-control';
import type { Sandbox } from '../../lib/sandbox/sandbox';
import {
  accessToken,
  call,
  control,
  HEALTH_INTERVAL_MS,
  REPLICATION_LAG_MS,
  startTestSandbox,
  waitFor,
} from './support/sandbox-fixture';

jest.setTimeout(60_000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('sandbox end to end: chaos faults through the control API', () => {
  let sandbox: Sandbox;
  let token: string;
  let east: string;
  let west: string;
  const state = async () =>
    (await (await fetch(`${sandbox.endpoints.control}/state`)).json()) as ConsoleState;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    token = await accessToken(sandbox);
    [east, west] = sandbox.regions.map((r) => sandbox.endpoints.regions[r]);
  });
  afterAll(() => sandbox?.stop());

  it("pauses replication of a region's replica both ways: writes queue up and all of them arrive after resume", async () => {
    const paused = await control(sandbox, '/regions/eu-west-1/replication/pause');
    expect(paused).toMatchObject({ status: 200, body: { replicationPaused: true } });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const created = await call(`${east}/items`, token, {
        method: 'POST',
        body: { name: `during pause ${i}` },
      });
      expect(created.status).toBe(201);
      ids.push(created.body.id as string);
    }
    await sleep(REPLICATION_LAG_MS * 4);
    for (const id of ids) expect((await call(`${west}/items/${id}`, token)).status).toBe(404);
    const during = await state();
    // Five items, plus whatever else the handlers wrote (the authorizer's JWKS copy, for one).
    expect(during.replication['us-east-1->eu-west-1'].pending).toBeGreaterThanOrEqual(5);
    expect(during.replication['us-east-1->eu-west-1'].lagMs).toBeGreaterThanOrEqual(REPLICATION_LAG_MS * 4);
    // The paused region still accepts writes, but they do not leave it until the resume.
    const fromWest = await call(`${west}/items`, token, {
      method: 'POST',
      body: { name: 'from the paused region' },
    });
    expect(fromWest.status).toBe(201);
    await sleep(REPLICATION_LAG_MS * 2);
    expect((await call(`${east}/items/${fromWest.body.id}`, token)).status).toBe(404);
    // The region's own /health is unaffected: nothing takes it out of DNS.
    expect(during.regions['eu-west-1'].healthCheck.healthy).toBe(true);

    const resumed = await control(sandbox, '/regions/eu-west-1/replication/resume');
    expect(resumed.body).toMatchObject({ replicationPaused: false });
    await waitFor('every write made during the pause in eu-west-1', async () => {
      const found = await Promise.all(
        ids.map(async (id) => (await call(`${west}/items/${id}`, token)).status),
      );
      return found.every((s) => s === 200) ? true : undefined;
    });
    await waitFor("the paused region's write in us-east-1", async () =>
      (await call(`${east}/items/${fromWest.body.id}`, token)).status === 200 ? true : undefined,
    );
    const timeline = await waitFor('the caught-up event', async () => {
      const t = (await state()).timeline;
      return t?.endedAt ? t : undefined;
    });
    expect(timeline.events.map((e) => e.text)).toEqual(
      expect.arrayContaining([
        'eu-west-1 replica paused: no replication to or from it',
        'eu-west-1 replica resumed: replication to and from it again',
        expect.stringMatching(/^eu-west-1 caught up: every queued write applied \(\d+\.\d s after resume\)$/),
      ]),
    );
  });

  it("fails a share of a region's item routes while its /health passes and routing stays put", async () => {
    const set = await control(sandbox, '/regions/us-east-1/function-faults', 'PUT', {
      errors: { invocationPercentage: 100 },
    });
    expect(set).toMatchObject({
      status: 200,
      body: { functionFaults: { errors: { invocationPercentage: 100 } } },
    });
    const failed = await call(`${sandbox.endpoints.router}/items`, token, {
      method: 'POST',
      body: { name: 'x' },
    });
    expect(failed).toMatchObject({
      status: 502,
      region: 'us-east-1',
      body: { detail: 'Internal server error' },
    });
    expect((await call(`${west}/items`, token, { method: 'POST', body: { name: 'west' } })).status).toBe(201);
    // Several health-check rounds: /health answers 200, so the region stays in and keeps the traffic.
    await sleep(HEALTH_INTERVAL_MS * 5);
    const s = await state();
    expect(s.regions['us-east-1'].healthCheck.healthy).toBe(true);
    expect(s.routing.serving).toBe('us-east-1');

    await control(sandbox, '/regions/us-east-1/function-faults', 'PUT', {
      errors: { invocationPercentage: 50 },
    });
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await call(`${east}/items?limit=1`, token)).status);
    const share = statuses.filter((x) => x === 502).length / statuses.length;
    expect(statuses.every((x) => x === 200 || x === 502)).toBe(true);
    expect(share).toBeGreaterThan(0.15); // 50 % of 40 draws; P(outside 15–85 %) < 1e-5
    expect(share).toBeLessThan(0.85);

    const cleared = await control(sandbox, '/regions/us-east-1/function-faults', 'DELETE');
    expect(cleared.body).toMatchObject({ functionFaults: null });
    expect((await call(`${east}/items?limit=1`, token)).status).toBe(200);
    const events = (await state()).timeline?.events.map((e) => e.text) ?? [];
    expect(events).toEqual(
      expect.arrayContaining([
        'us-east-1 item-route functions impaired: 100 % of invocations fail',
        'us-east-1 item-route functions impaired: 50 % of invocations fail',
        'us-east-1 item-route functions no longer impaired',
      ]),
    );
  });

  it('slows item routes down, keeps /health fast, and keeps the fault across a region restart', async () => {
    await control(sandbox, '/regions/us-east-1/function-faults', 'PUT', {
      latency: { invocationPercentage: 100, startupDelayMilliseconds: 600 },
    });
    const timed = async (url: string) => {
      const started = Date.now();
      const res = await call(url, token);
      return { status: res.status, ms: Date.now() - started };
    };
    const slow = await timed(`${east}/items?limit=1`);
    expect(slow.status).toBe(200);
    expect(slow.ms).toBeGreaterThanOrEqual(600);
    expect((await timed(`${east}/health`)).ms).toBeLessThan(600);

    await control(sandbox, '/regions/us-east-1/stop');
    await control(sandbox, '/regions/us-east-1/start');
    expect((await state()).regions['us-east-1'].functionFaults).toEqual({
      latency: { invocationPercentage: 100, startupDelayMilliseconds: 600 },
    });
    expect((await timed(`${east}/items?limit=1`)).ms).toBeGreaterThanOrEqual(600);
    await control(sandbox, '/regions/us-east-1/function-faults', 'DELETE');
    expect((await timed(`${east}/items?limit=1`)).ms).toBeLessThan(600);
  });
});

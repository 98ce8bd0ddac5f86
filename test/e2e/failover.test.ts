import type { Sandbox } from '../../lib/sandbox/sandbox';
import {
  accessToken,
  call,
  control,
  HEALTH_INTERVAL_MS,
  startTestSandbox,
  waitFor,
} from './support/sandbox-fixture';

jest.setTimeout(40_000);

const THRESHOLD = 3; // cdk.json healthCheck.failureThreshold
const DETECTION_BOUND_MS = HEALTH_INTERVAL_MS * THRESHOLD + HEALTH_INTERVAL_MS;

describe('sandbox end to end: failover, health checks and catch-up', () => {
  let sandbox: Sandbox;
  let token: string;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    token = await accessToken(sandbox);
  });
  afterAll(() => sandbox?.stop());

  /** The region answering through the router, or null while the request fails. */
  const servedBy = async () => (await call(`${sandbox.endpoints.router}/health`, undefined)).region;
  const waitServedBy = (region: string, timeoutMs = 10_000) =>
    waitFor(
      `traffic on ${region}`,
      async () => ((await servedBy()) === region ? Date.now() : undefined),
      timeoutMs,
      20,
    );

  it('moves traffic off a stopped region within interval × threshold + one interval, losing no acknowledged write', async () => {
    expect(await servedBy()).toBe('us-east-1');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await call(`${sandbox.endpoints.router}/items`, token, {
        method: 'POST',
        body: { name: `before ${i}` },
      });
      expect(r).toMatchObject({ status: 201, region: 'us-east-1' });
      ids.push(r.body.id);
    }

    const stoppedAt = Date.now();
    expect((await control(sandbox, '/regions/us-east-1/stop')).body).toMatchObject({
      up: false,
      tableUp: true,
    });
    const movedAt = await waitServedBy('eu-west-1');
    expect(movedAt - stoppedAt).toBeLessThanOrEqual(DETECTION_BOUND_MS);

    const state = (await control(sandbox, '/state', 'GET')).body as {
      routing: { serving: string };
      regions: Record<
        string,
        { healthCheck: { healthy: boolean; lastResults: { ok: boolean; status: number | null }[] } }
      >;
    };
    expect(state.routing.serving).toBe('eu-west-1');
    expect(state.regions['us-east-1'].healthCheck.healthy).toBe(false);
    expect(state.regions['us-east-1'].healthCheck.lastResults.at(-1)).toMatchObject({
      ok: false,
      status: null,
    });

    for (const id of ids) {
      const r = await call(`${sandbox.endpoints.router}/items/${id}`, token);
      expect(r).toMatchObject({ status: 200, region: 'eu-west-1' });
    }
  });

  it('brings the region back: traffic returns after threshold healthy checks', async () => {
    expect((await control(sandbox, '/regions/us-east-1/start')).body).toMatchObject({ up: true });
    await waitServedBy('us-east-1');
  });

  it('moves traffic when the serving region’s health check is inverted, and back when it is not', async () => {
    const invertedAt = Date.now();
    const updated = await control(sandbox, '/health-checks/us-east-1', 'PUT', { inverted: true });
    expect(updated.body).toMatchObject({ id: 'us-east-1', inverted: true, disabled: false });
    expect((await waitServedBy('eu-west-1')) - invertedAt).toBeLessThanOrEqual(DETECTION_BOUND_MS);

    // A disabled check counts as healthy, even while inverted: traffic comes straight back.
    await control(sandbox, '/health-checks/us-east-1', 'PUT', { disabled: true });
    expect(await servedBy()).toBe('us-east-1');
    await control(sandbox, '/health-checks/us-east-1', 'PUT', { disabled: false, inverted: false });
    expect((await control(sandbox, '/health-checks/nowhere', 'PUT', {})).status).toBe(404);
    expect((await control(sandbox, '/health-checks/us-east-1', 'PUT', { inverted: 'yes' })).status).toBe(400);
  });

  it('keeps writes for a region whose table failed and catches it up when the table returns', async () => {
    await control(sandbox, '/regions/eu-west-1/table/fail');
    const health = await call(`${sandbox.endpoints.regions['eu-west-1']}/health`, undefined);
    expect(health.status).toBe(503);

    const created = await call(`${sandbox.endpoints.regions['us-east-1']}/items`, token, {
      method: 'POST',
      body: { name: 'written during the outage' },
    });
    expect(created.status).toBe(201);
    const pending = await waitFor('a pending replication', async () => {
      const s = (await control(sandbox, '/state', 'GET')).body as {
        replication: Record<string, { pending: number; lagMs: number }>;
      };
      const pair = s.replication['us-east-1->eu-west-1'];
      return pair.pending > 0 && pair.lagMs > 0 ? pair : undefined;
    });
    expect(pending.pending).toBeGreaterThanOrEqual(1);

    expect((await control(sandbox, '/regions/eu-west-1/table/restore')).body).toMatchObject({
      tableUp: true,
    });
    const caughtUp = await waitFor('eu-west-1 to catch up', async () => {
      const r = await call(`${sandbox.endpoints.regions['eu-west-1']}/items/${created.body.id}`, token);
      return r.status === 200 ? r : undefined;
    });
    expect(caughtUp.body.name).toBe('written during the outage');
    const s = (await control(sandbox, '/state', 'GET')).body as {
      replication: Record<string, { pending: number }>;
    };
    expect(s.replication['us-east-1->eu-west-1'].pending).toBe(0);
  });
});

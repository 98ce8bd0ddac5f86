import type { Sandbox } from '../../lib/sandbox/sandbox';
import type { CheckResult, HealthCheckView } from '../../lib/sandbox-contract/health-check-view';
import {
  accessToken,
  call,
  control,
  HEALTH_INTERVAL_MS,
  startTestSandbox,
  waitFor,
} from './support/sandbox-fixture';

jest.setTimeout(40_000);

/** Timer slack: Node never fires an interval early, but Date's millisecond rounding can look 1–2 ms early. */
const EARLY_MS = 5;

/** What one poll of the sandbox's own state said about a region's check and the routing. */
interface Snapshot {
  readonly check: HealthCheckView;
  readonly serving: string | null;
}

/** The newest results that all had outcome `ok`, oldest first. */
function trailingRun(results: readonly CheckResult[], ok: boolean): CheckResult[] {
  const run: CheckResult[] = [];
  for (let i = results.length - 1; i >= 0 && results[i].ok === ok; i--) run.unshift(results[i]);
  return run;
}

describe('sandbox end to end: failover, health checks and catch-up', () => {
  // Every test gets its own sandbox: none depends on the state another left behind.
  let sandbox: Sandbox;
  let token: string;
  beforeEach(async () => {
    sandbox = await startTestSandbox();
    token = await accessToken(sandbox);
  });
  afterEach(() => sandbox?.stop());

  /** The region answering through the router, or null while the request fails. */
  const servedBy = async () => (await call(`${sandbox.endpoints.router}/health`, undefined)).region;
  const snapshot = (region: string): Snapshot => {
    const s = sandbox.control.state();
    return { check: s.regions[region].healthCheck, serving: s.routing.serving };
  };

  /**
   * Polls the sandbox's state every 5 ms until `region`'s check is `healthy`, then asserts the transition
   * against the sandbox's own probe records: the check flipped on the threshold-th consecutive result
   * (threshold read from the sandbox), not earlier, those results were probed an interval apart, and the
   * routing followed in the same state. Returns the probe that completed the threshold.
   */
  async function expectTransition(region: string, healthy: boolean): Promise<CheckResult> {
    const before: Snapshot[] = [];
    const final = await waitFor(
      `${region} ${healthy ? 'healthy' : 'unhealthy'}`,
      async () => {
        const s = snapshot(region);
        if (s.check.healthy === healthy) return s;
        before.push(s);
        return undefined;
      },
      10_000,
      5,
    );
    const threshold = final.check.failureThreshold;
    expect(threshold).toBe(sandbox.config.healthCheck.failureThreshold);
    // Not earlier: while fewer than `threshold` results in a row said so, the check had not flipped.
    for (const s of before) {
      expect(trailingRun(s.check.lastResults, healthy).length).toBeLessThan(threshold);
    }
    const run = trailingRun(final.check.lastResults, healthy);
    expect(run.length).toBeGreaterThanOrEqual(threshold);
    // Results are recorded as probes complete; a slow probe can complete after a later one started, so
    // the start times are sorted. Distinct probe rounds start at least an interval apart.
    const times = run
      .slice(0, threshold)
      .map((r) => Date.parse(r.at))
      .sort((a, b) => a - b);
    for (let i = 1; i < threshold; i++) {
      expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(HEALTH_INTERVAL_MS - EARLY_MS);
    }
    // Detection in the sandbox's own time: at least (threshold - 1) intervals from the first such probe.
    // No wall-clock upper bound: on a loaded machine the probe timer itself runs late (613 ms seen for a
    // nominal 400). Detection is bounded in results, not milliseconds: not before the threshold-th (above),
    // and exactly on it (test/lib/sandbox/health-check.test.ts steps the state machine probe by probe).
    const detectMs = times[threshold - 1] - times[0];
    expect(detectMs).toBeGreaterThanOrEqual((threshold - 1) * HEALTH_INTERVAL_MS - EARLY_MS);
    // The router follows the check at once: the same state names the new serving region.
    if (healthy) expect(final.serving).toBe(region);
    else expect(final.serving).not.toBe(region);
    return run[threshold - 1];
  }

  /** Waits until the router serves `region`; the move cannot precede the probe that flipped the check. */
  async function expectServedAfter(region: string, flip: CheckResult): Promise<void> {
    const movedAt = await waitFor(
      `traffic on ${region}`,
      async () => ((await servedBy()) === region ? Date.now() : undefined),
      10_000,
      20,
    );
    expect(movedAt).toBeGreaterThanOrEqual(Date.parse(flip.at));
  }

  it('moves traffic off a stopped region after threshold failed probes, losing no acknowledged write, and back after threshold healthy ones', async () => {
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

    expect((await control(sandbox, '/regions/us-east-1/stop')).body).toMatchObject({
      up: false,
      tableUp: true,
    });
    const down = await expectTransition('us-east-1', false);
    expect(down).toMatchObject({ ok: false, status: null });
    await expectServedAfter('eu-west-1', down);
    for (const id of ids) {
      const r = await call(`${sandbox.endpoints.router}/items/${id}`, token);
      expect(r).toMatchObject({ status: 200, region: 'eu-west-1' });
    }

    expect((await control(sandbox, '/regions/us-east-1/start')).body).toMatchObject({ up: true });
    const up = await expectTransition('us-east-1', true);
    expect(up).toMatchObject({ ok: true, status: 200 });
    await expectServedAfter('us-east-1', up);
  });

  it('moves traffic when the serving region’s health check is inverted, and back when it is not', async () => {
    const updated = await control(sandbox, '/health-checks/us-east-1', 'PUT', { inverted: true });
    expect(updated.body).toMatchObject({ id: 'us-east-1', inverted: true, disabled: false });
    // Inverted: the endpoint still answers 200, and that counts as a failure.
    const out = await expectTransition('us-east-1', false);
    expect(out).toMatchObject({ ok: false, status: 200 });
    await expectServedAfter('eu-west-1', out);

    // A disabled check counts as healthy, even while inverted: traffic comes straight back.
    await control(sandbox, '/health-checks/us-east-1', 'PUT', { disabled: true });
    expect(snapshot('us-east-1')).toMatchObject({ check: { healthy: true }, serving: 'us-east-1' });
    expect(await servedBy()).toBe('us-east-1');
    // Enabled again while still inverted: measured afresh, out again after threshold new failures.
    await control(sandbox, '/health-checks/us-east-1', 'PUT', { disabled: false });
    await expectServedAfter('eu-west-1', await expectTransition('us-east-1', false));

    // Un-inverted: back after threshold successes.
    await control(sandbox, '/health-checks/us-east-1', 'PUT', { inverted: false });
    const back = await expectTransition('us-east-1', true);
    expect(back).toMatchObject({ ok: true, status: 200 });
    await expectServedAfter('us-east-1', back);

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
      const pair = sandbox.control.state().replication['us-east-1->eu-west-1'];
      return pair.pending > 0 && pair.lagMs > 0 ? pair : undefined;
    });
    expect(pending.pending).toBeGreaterThanOrEqual(1);

    expect((await control(sandbox, '/regions/eu-west-1/table/restore')).body).toMatchObject({
      tableUp: true,
    });
    expect((await call(`${sandbox.endpoints.regions['eu-west-1']}/health`, undefined)).status).toBe(200);
    const caughtUp = await waitFor('eu-west-1 to catch up', async () => {
      const r = await call(`${sandbox.endpoints.regions['eu-west-1']}/items/${created.body.id}`, token);
      return r.status === 200 ? r : undefined;
    });
    expect(caughtUp.body.name).toBe('written during the outage');
    expect(sandbox.control.state().replication['us-east-1->eu-west-1'].pending).toBe(0);
  });
});

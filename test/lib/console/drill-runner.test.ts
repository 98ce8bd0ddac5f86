import { DrillBusyError, DrillRunner, type DrillView } from '../../../lib/console/drill-runner';
import type { Clock } from '../../../lib/drill/clock';
import { UnknownRegionError } from '../../../lib/drill/errors';
import type { CheckStatus, HealthCheckControl, HealthCheckRef } from '../../../lib/drill/ports';
import { CONFIG, ScriptedProber } from '../drill/fakes';

/** Virtual time that still yields to the event loop on every sleep, so a test can cancel mid-drill. */
function steppingClock(): Clock {
  let t = Date.parse('2026-11-27T12:00:00.000Z');
  return {
    now: () => t,
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw signal.reason;
      t += ms;
      await new Promise((r) => setTimeout(r, 1));
    },
  };
}

/** Two sandbox-like checks: inverting one makes it unhealthy at once; `stuck` keeps it healthy anyway. */
function world(options: { stuck?: boolean; unhealthy?: string } = {}) {
  const inverted = new Map<string, boolean>();
  const healthy = (r: string) => r !== options.unhealthy && (options.stuck || !inverted.get(r));
  const control: HealthCheckControl = {
    findChecks: async (regions) =>
      new Map(
        regions.map((region) => [region, { region, id: region, intervalSeconds: 1, failureThreshold: 3 }]),
      ),
    status: async (check: HealthCheckRef): Promise<CheckStatus> => ({
      region: check.region,
      healthy: healthy(check.region),
      inverted: inverted.get(check.region) ?? false,
      disabled: false,
      detail: 'fake',
    }),
    setInverted: async (check, value) => void inverted.set(check.region, value),
    routingMode: async () => 'latency',
  };
  const prober = new ScriptedProber(() => {
    const region = ['us-east-1', 'eu-west-1'].find(healthy) ?? 'us-east-1';
    return { ok: true, status: 200, region };
  });
  const events: string[] = [];
  const dataChecks: boolean[] = [];
  const runner = new DrillRunner({
    config: CONFIG,
    adapters: (dataCheck) => {
      dataChecks.push(dataCheck);
      return { control, prober, close: () => events.push(`close ${dataChecks.length}`) };
    },
    clock: steppingClock(),
    onStart: (region) => events.push(`start ${region}`),
    onFinish: (view: DrillView) => events.push(`finish ${view.region} ${view.status}`),
  });
  return { runner, inverted, events, dataChecks };
}

describe('DrillRunner', () => {
  it('runs the engine with --execute semantics and keeps its log and report', async () => {
    const { runner, inverted, events, dataChecks } = world();
    const started = runner.start({ region: 'us-east-1', pollMs: 100 });
    expect(started).toMatchObject({ id: 1, status: 'running', region: 'us-east-1', report: null });
    await runner.settled();

    const view = runner.view();
    expect(view).toMatchObject({ status: 'passed', error: null, region: 'us-east-1' });
    expect(view?.report).toMatchObject({ target: 'local', outcome: 'passed', failoverRegion: 'eu-west-1' });
    expect(view?.report?.durations.detectMs).toEqual(expect.any(Number));
    expect(view?.finishedAt).not.toBeNull();
    expect(view?.log.join('\n')).toContain('Drill plan (local, latency routing)');
    expect(view?.log.join('\n')).toContain('Drill PASSED: us-east-1');
    expect(inverted.get('us-east-1')).toBe(false);
    expect(events).toEqual(['start us-east-1', 'close 1', 'finish us-east-1 passed']);
    expect(dataChecks).toEqual([true]);
  });

  it('refuses a second drill while one runs, and unknown regions', async () => {
    const { runner } = world({ stuck: true });
    expect(() => runner.start({ region: 'mars-1' })).toThrow(UnknownRegionError);
    runner.start({ region: 'eu-west-1', dataCheck: false, timeoutSeconds: 5, pollMs: 100 });
    expect(() => runner.start({ region: 'us-east-1' })).toThrow(DrillBusyError);
    await runner.settled();
    expect(runner.view()).toMatchObject({ status: 'failed', error: 'Drill timed out after 5 s' });
    expect(runner.start({ region: 'us-east-1', timeoutSeconds: 1 }).id).toBe(2);
    await runner.settled();
  });

  it('cancels like Ctrl-C: the engine restores the health check', async () => {
    const { runner, inverted, events } = world({ stuck: true });
    runner.start({ region: 'us-east-1', pollMs: 100 });
    while (inverted.get('us-east-1') !== true) await new Promise((r) => setTimeout(r, 1));
    expect(runner.cancel()).toMatchObject({ status: 'running' });
    await runner.settled();
    expect(runner.view()).toMatchObject({ status: 'cancelled' });
    expect(runner.view()?.error).toContain('cancelled from the console');
    expect(inverted.get('us-east-1')).toBe(false);
    expect(events.slice(-2)).toEqual(['close 1', 'finish us-east-1 cancelled']);
    expect(runner.cancel()).toBeNull();
  });

  it('reports a refusal as a failed drill that changed nothing', async () => {
    const { runner, inverted } = world({ unhealthy: 'eu-west-1' });
    runner.start({ region: 'us-east-1' });
    await runner.settled();
    expect(runner.view()?.status).toBe('failed');
    expect(runner.view()?.error).toContain('Refusing to drill: eu-west-1 is unhealthy');
    expect(runner.view()?.report).toBeNull();
    expect(inverted.size).toBe(0);
  });

  it("closes each drill's adapters when it ends, pass or fail, so a long-lived console leaks nothing", async () => {
    const { runner, events } = world({ unhealthy: 'eu-west-1' });
    runner.start({ region: 'us-east-1' });
    await runner.settled();
    runner.start({ region: 'us-east-1' });
    await runner.settled();
    expect(events.filter((e) => e.startsWith('close'))).toEqual(['close 1', 'close 2']);
  });
});

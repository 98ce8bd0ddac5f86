import { createConsoleControl } from '../../../lib/console/console-control';
import { TrafficMeter } from '../../../lib/console/traffic-meter';
import { HealthCheck } from '../../../lib/sandbox/health-check';
import type { SandboxControl, SandboxState } from '../../../lib/sandbox-contract/control';
import { CONFIG } from '../drill/fakes';

/** The sandbox's own control, faked: regions go up and down, checks follow the API. */
function inner() {
  const regions = ['us-east-1', 'eu-west-1'];
  const up = new Map(regions.map((r) => [r, true]));
  const checks = new Map(
    regions.map((id) => [id, new HealthCheck({ id, intervalSeconds: 1, failureThreshold: 1 })]),
  );
  const calls: string[] = [];
  const need = <T>(map: Map<string, T>, r: string): T => {
    const value = map.get(r);
    if (value === undefined) throw new Error(`no ${r} in the fake`);
    return value;
  };
  const control: SandboxControl = {
    regions,
    state: (): SandboxState => ({
      routing: {
        mode: 'latency',
        serving: regions.find((r) => checks.get(r)?.healthy) ?? null,
        primaryRegion: 'us-east-1',
        latencyMs: { 'us-east-1': 10, 'eu-west-1': 60 },
      },
      regions: Object.fromEntries(
        regions.map((r) => [
          r,
          { up: up.get(r) ?? false, tableUp: true, healthCheck: need(checks, r).view() },
        ]),
      ),
      replication: {},
    }),
    stopRegion: async (r) => {
      calls.push(`stop ${r}`);
      up.set(r, false);
    },
    startRegion: async (r) => {
      calls.push(`start ${r}`);
      up.set(r, true);
    },
    failTable: async () => {},
    restoreTable: async () => {},
    updateHealthCheck: (r, change) => {
      const check = checks.get(r) as HealthCheck;
      Object.assign(check, change);
      return check.view();
    },
  };
  /** One probe round: a stopped API fails its probe. */
  const probe = () => {
    for (const [r, check] of checks) check.record(up.get(r) ?? false, up.get(r) ? 200 : null);
  };
  return { control, calls, probe };
}

describe('createConsoleControl', () => {
  it('runs each action through the sandbox control and writes it to the timeline', async () => {
    const { control: core, calls, probe } = inner();
    const traffic = new TrafficMeter();
    traffic.record('eu-west-1', false);
    const { control, recorder } = createConsoleControl(core, {
      config: CONFIG,
      traffic,
      endpoints: () => ({ router: 'r', control: 'c', issuer: 'i', regions: {} }),
    });
    await control.stopRegion('us-east-1');
    probe();
    recorder.observe();
    expect(calls).toEqual(['stop us-east-1']);

    const state = control.state();
    expect(state.routing.serving).toBe('eu-west-1');
    expect(state.routing.reason).toBe(
      'Latency routing: eu-west-1 (60 ms) has the lowest latency of the healthy regions; us-east-1 (10 ms) is unhealthy.',
    );
    expect(state.regions['eu-west-1'].traffic).toMatchObject({ requests: 1, errors: 1, errorRate: 1 });
    expect(state.drill).toBeNull();
    expect(state.timeline?.events.map((e) => e.text)).toEqual([
      'us-east-1 API stopped',
      'us-east-1 health check unhealthy: failure detected',
      'traffic moved to eu-west-1 (was us-east-1)',
    ]);

    await control.startRegion('us-east-1');
    probe();
    recorder.observe();
    expect(control.state().timeline).toMatchObject({ endedAt: expect.any(String) });
    expect(control.state().timeline?.milestones.back).toBeDefined();
  });

  it('writes down only health-check changes that change something', () => {
    const { control: core } = inner();
    const { control } = createConsoleControl(core, {
      config: CONFIG,
      traffic: new TrafficMeter(),
      endpoints: () => ({ router: 'r', control: 'c', issuer: 'i', regions: {} }),
    });
    control.updateHealthCheck('eu-west-1', { inverted: false });
    expect(control.state().timeline).toBeNull();
    expect(control.updateHealthCheck('eu-west-1', { inverted: true, disabled: true })).toMatchObject({
      inverted: true,
      disabled: true,
    });
    expect(control.state().timeline?.events.map((e) => e.text)).toEqual([
      'eu-west-1 health check inverted',
      'eu-west-1 health check disabled (Route 53 counts it healthy)',
    ]);
  });
});

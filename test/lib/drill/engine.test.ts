import 'aws-sdk-client-mock-jest';
import {
  GetHealthCheckStatusCommand,
  ListHealthChecksCommand,
  ListTagsForResourcesCommand,
  Route53Client,
  UpdateHealthCheckCommand,
} from '@aws-sdk/client-route-53';
import { Route53HealthCheckControl } from '../../../lib/drill/aws/route53-control';
import { type DrillDeps, type DrillOptions, runDrill } from '../../../lib/drill/engine';
import { DrillError, NoHealthChecksError, RefusedError, UnknownRegionError } from '../../../lib/drill/errors';
import type { DataCheck, TrafficProber } from '../../../lib/drill/ports';
import { CONFIG, FakeClock, HC_IDS, mockRoute53, observations, ScriptedProber, served } from './fakes';

const TTL_MS = 60_000;

function setup(opts: { prober?: (world: ReturnType<typeof mockRoute53>) => TrafficProber } = {}) {
  const clock = new FakeClock();
  const world = mockRoute53(clock);
  // DNS: clients keep the old answer for one TTL after the health check's status changes.
  const prober =
    opts.prober?.(world) ??
    new ScriptedProber(() => served(world.stillOut('us-east-1', TTL_MS) ? 'eu-west-1' : 'us-east-1'));
  const lines: string[] = [];
  const deps: DrillDeps = {
    control: new Route53HealthCheckControl(new Route53Client({ region: 'us-east-1' }), CONFIG.appName),
    prober,
    clock,
    log: (l) => lines.push(l),
  };
  const options: DrillOptions = {
    config: CONFIG,
    target: 'aws',
    region: 'us-east-1',
    execute: true,
    timeoutMs: 900_000,
    pollMs: 5000,
  };
  return { clock, world, deps, options, lines };
}

const updates = (world: ReturnType<typeof mockRoute53>) =>
  world.r53.commandCalls(UpdateHealthCheckCommand).map((c) => c.args[0].input);

afterEach(() => jest.restoreAllMocks());

describe('dry run', () => {
  it('prints the plan with expected times and sends no mutating command', async () => {
    const { world, deps, options, lines } = setup();
    const result = await runDrill({ ...options, execute: false }, deps);

    expect(result.outcome).toBe('planned');
    expect(world.r53).not.toHaveReceivedCommand(UpdateHealthCheckCommand);
    const sent = world.r53.calls().map((c) => c.args[0].constructor.name);
    expect(new Set(sent)).toEqual(
      new Set(['ListHealthChecksCommand', 'ListTagsForResourcesCommand', 'GetHealthCheckStatusCommand']),
    );
    const plan = lines.join('\n');
    expect(plan).toContain('hc-use1');
    expect(plan).toMatch(/expected ~30 s \(interval × threshold\)/);
    expect(plan).toMatch(/expected ~90 s \(\+ TTL 60 s\)/);
    expect(plan).toContain('Dry run: nothing changed');
  });

  it('defaults the region to where probes land now', async () => {
    const { deps, options } = setup({ prober: () => new ScriptedProber(() => served('eu-west-1')) });
    const result = await runDrill({ ...options, region: undefined, execute: false }, deps);
    expect(result.plan.region).toBe('eu-west-1');
    expect(result.plan.check.id).toBe(HC_IDS['eu-west-1']);
  });

  it('falls back to the primary region when the probe fails', async () => {
    const { deps, options } = setup({
      prober: () =>
        new ScriptedProber(() => ({ ok: false, status: null, region: null, error: 'ECONNREFUSED' })),
    });
    const result = await runDrill({ ...options, region: undefined, execute: false }, deps);
    expect(result.plan.region).toBe('us-east-1');
    expect(result.plan.notes.join()).toMatch(/probe of .* failed/);
  });
});

describe('execute', () => {
  it('inverts the check, waits for unhealthy and the move, then un-inverts and waits for traffic back', async () => {
    const { world, deps, options, lines } = setup();
    const result = await runDrill(options, deps);

    expect(result.error).toBeUndefined();
    expect(result.outcome).toBe('passed');
    expect(updates(world)).toEqual([
      { HealthCheckId: 'hc-use1', Inverted: true },
      { HealthCheckId: 'hc-use1', Inverted: false },
    ]);
    // Never Disabled: Route 53 treats a disabled check as healthy.
    for (const u of updates(world)) expect(u).not.toHaveProperty('Disabled');
    expect(result.failoverRegion).toBe('eu-west-1');
    const t = result.timeline;
    expect(t.start).toBeDefined();
    expect((t.unhealthy as number) - (t.start as number)).toBeLessThan(TTL_MS);
    // 3 consecutive probes 5 s apart, the first one after the TTL has passed.
    expect((t.moved as number) - (t.inverted as number)).toBe(TTL_MS + 2 * 5000);
    expect((t.back as number) - (t.restoreRequested as number)).toBe(TTL_MS + 2 * 5000);
    expect(result.probes.failed).toBe(0);
    expect(result.probes.total).toBeGreaterThan(10);
    expect(lines.some((l) => /traffic off us-east-1\?: x-region eu-west-1, 1\/3 in a row/.test(l))).toBe(
      true,
    );
  });

  it('refuses, changing nothing, when another region is already unhealthy', async () => {
    const { world, deps, options } = setup();
    world.r53
      .on(GetHealthCheckStatusCommand, { HealthCheckId: 'hc-euw1' })
      .resolves({ HealthCheckObservations: observations(2) });
    await expect(runDrill(options, deps)).rejects.toThrow(RefusedError);
    await expect(runDrill(options, deps)).rejects.toThrow(/eu-west-1 is unhealthy \(2\/16 checkers/);
    expect(world.r53).not.toHaveReceivedCommand(UpdateHealthCheckCommand);
  });

  it('refuses when a check is already inverted (an interrupted drill)', async () => {
    const { world, deps, options } = setup();
    const stale = world.listed.HealthChecks.map((h) =>
      h.Id === 'hc-euw1' ? { ...h, HealthCheckConfig: { ...h.HealthCheckConfig, Inverted: true } } : h,
    );
    world.r53.on(ListHealthChecksCommand).resolves({ ...world.listed, HealthChecks: stale });
    await expect(runDrill(options, deps)).rejects.toThrow(/eu-west-1 is unhealthy, inverted/);
    expect(world.r53).not.toHaveReceivedCommand(UpdateHealthCheckCommand);
  });

  it('refuses when a check is disabled (Route 53 counts a disabled check as healthy)', async () => {
    const { world, deps, options } = setup();
    const disabled = world.listed.HealthChecks.map((h) =>
      h.Id === 'hc-euw1' ? { ...h, HealthCheckConfig: { ...h.HealthCheckConfig, Disabled: true } } : h,
    );
    world.r53.on(ListHealthChecksCommand).resolves({ ...world.listed, HealthChecks: disabled });
    const refused = runDrill(options, deps);
    await expect(refused).rejects.toBeInstanceOf(RefusedError);
    await expect(refused).rejects.toThrow(/Refusing to drill: eu-west-1 is disabled \(/);
    expect(world.r53).not.toHaveReceivedCommand(UpdateHealthCheckCommand);
  });

  it('restores when a probe throws', async () => {
    let n = 0;
    const { world, deps, options } = setup({
      prober: () =>
        new ScriptedProber(() => {
          if (++n === 4) throw new Error('socket hang up in the prober');
          return served('us-east-1');
        }),
    });
    const result = await runDrill(options, deps);
    expect(result.outcome).toBe('failed');
    expect(result.error).toMatch(/socket hang up/);
    expect(updates(world)).toEqual([
      { HealthCheckId: 'hc-use1', Inverted: true },
      { HealthCheckId: 'hc-use1', Inverted: false },
    ]);
    expect(result.restored).toBe(true);
  });

  it('restores on the overall timeout when the status never flips', async () => {
    const { world, deps, options, clock } = setup();
    // Checkers all failing while inverted reads as healthy: the status never turns unhealthy.
    world.r53.on(GetHealthCheckStatusCommand, { HealthCheckId: 'hc-use1' }).callsFake(() => ({
      HealthCheckObservations: observations(world.inverted.get('hc-use1')?.value ? 0 : 16),
    }));
    const result = await runDrill({ ...options, timeoutMs: 120_000 }, deps);
    expect(result.outcome).toBe('failed');
    expect(result.error).toMatch(/timed out after 120 s/);
    expect(updates(world).at(-1)).toEqual({ HealthCheckId: 'hc-use1', Inverted: false });
    expect(clock.now() - (result.timeline.start as number)).toBeLessThanOrEqual(125_000);
  });

  it('restores when aborted (Ctrl-C) while waiting', async () => {
    const controller = new AbortController();
    let n = 0;
    const { world, deps, options } = setup({
      prober: (w) =>
        new ScriptedProber(() => {
          if (++n === 5) controller.abort(new Error('received SIGINT'));
          return served(w.stillOut('us-east-1', TTL_MS) ? 'eu-west-1' : 'us-east-1');
        }),
    });
    const dataCheck: DataCheck = {
      description: 'fake',
      write: async (region) => ({ id: 'm1', region, writtenAt: '' }),
      read: async () => true,
    };
    const result = await runDrill({ ...options, signal: controller.signal }, { ...deps, dataCheck });
    expect(result.outcome).toBe('failed');
    expect(result.error).toMatch(/aborted \(received SIGINT\)/);
    expect(result.dataCheck).toMatchObject({ found: false, error: expect.stringMatching(/not read/) });
    expect(updates(world)).toEqual([
      { HealthCheckId: 'hc-use1', Inverted: true },
      { HealthCheckId: 'hc-use1', Inverted: false },
    ]);
    expect(result.timeline.back).toBeUndefined();
  });

  it('restores even when the first restore call is throttled', async () => {
    const { world, deps, options } = setup();
    let n = 0;
    world.r53.on(UpdateHealthCheckCommand).callsFake((input) => {
      n++;
      if (n === 2) throw Object.assign(new Error('Rate exceeded'), { name: 'Throttling' });
      world.inverted.set(input.HealthCheckId, { value: input.Inverted, at: deps.clock.now() });
      return {};
    });
    const result = await runDrill(options, deps);
    expect(result.outcome).toBe('passed');
    expect(world.r53).toHaveReceivedCommandTimes(UpdateHealthCheckCommand, 3);
    expect(updates(world).map((u) => u.Inverted)).toEqual([true, false, false]);
  });

  it('reports a failed restore loudly and as not restored', async () => {
    const { world, deps, options, lines } = setup();
    world.r53
      .on(UpdateHealthCheckCommand, { Inverted: false })
      .rejects(Object.assign(new Error('Access denied'), { name: 'AccessDenied' }));
    const result = await runDrill(options, deps);
    expect(result.restored).toBe(false);
    expect(result.outcome).toBe('failed');
    expect(lines.join('\n')).toMatch(/RESTORE FAILED for us-east-1 .*hc-use1/);
  });

  it('retries throttled Route 53 calls with backoff', async () => {
    const { world, deps, options, lines } = setup();
    world.r53
      .on(ListHealthChecksCommand)
      .rejectsOnce(Object.assign(new Error('Rate exceeded'), { name: 'Throttling' }))
      .rejectsOnce(Object.assign(new Error('busy'), { name: 'PriorRequestNotComplete' }))
      .resolves(world.listed);
    const result = await runDrill({ ...options, execute: false }, deps);
    expect(result.outcome).toBe('planned');
    expect(world.r53).toHaveReceivedCommandTimes(ListHealthChecksCommand, 3);
    expect(lines.filter((l) => l.includes('throttled'))).toEqual([
      expect.stringMatching(/throttled \(Throttling\); retry 1 in \d+ ms/),
      expect.stringMatching(/throttled \(PriorRequestNotComplete\); retry 2 in \d+ ms/),
    ]);
  });

  it('names the missing regions when no health checks are tagged for the app', async () => {
    const { world, deps, options } = setup();
    world.r53.on(ListTagsForResourcesCommand).resolves({ ResourceTagSets: [] });
    await expect(runDrill(options, deps)).rejects.toThrow(NoHealthChecksError);
    await expect(runDrill(options, deps)).rejects.toThrow(/us-east-1, eu-west-1 .*AppName=active-active/);
  });

  it('rejects an unknown region before calling AWS', async () => {
    const { world, deps, options } = setup();
    await expect(runDrill({ ...options, region: 'ap-south-1' }, deps)).rejects.toThrow(UnknownRegionError);
    expect(world.r53.calls()).toHaveLength(0);
  });

  it('requires a region to execute', async () => {
    const { deps, options } = setup();
    const refused = runDrill({ ...options, region: undefined }, deps);
    await expect(refused).rejects.toBeInstanceOf(DrillError);
    await expect(refused).rejects.toThrow(
      /^--region is required with --execute: name the region to take out$/,
    );
  });

  it('writes a marker before and reads it from the survivor after the move (RPO check)', async () => {
    const { deps, options, world } = setup();
    const events: string[] = [];
    const dataCheck: DataCheck = {
      description: 'fake',
      write: async (region) => {
        events.push(`write ${region} inverted=${world.inverted.get('hc-use1')?.value ?? false}`);
        return { id: 'm1', region, writtenAt: new Date().toISOString() };
      },
      read: async (region, marker) => {
        events.push(`read ${region} ${marker.id}`);
        return events.filter((e) => e.startsWith('read')).length >= 2; // visible on the second read
      },
    };
    const result = await runDrill(options, { ...deps, dataCheck });
    expect(events).toEqual(['write us-east-1 inverted=false', 'read eu-west-1 m1', 'read eu-west-1 m1']);
    expect(result.dataCheck).toEqual({
      writtenIn: 'us-east-1',
      readFrom: 'eu-west-1',
      found: true,
      markerId: 'm1',
    });
    expect(result.outcome).toBe('passed');
  });

  it('fails the drill, still restoring, when the marker never shows up in the survivor', async () => {
    const { deps, options, world } = setup();
    const dataCheck: DataCheck = {
      description: 'fake',
      write: async (region) => ({ id: 'm1', region, writtenAt: '' }),
      read: async () => false,
    };
    const result = await runDrill(options, { ...deps, dataCheck });
    expect(result.outcome).toBe('failed');
    expect(result.dataCheck?.found).toBe(false);
    expect(updates(world).at(-1)).toEqual({ HealthCheckId: 'hc-use1', Inverted: false });
  });

  it('reports firing alarms once the region is out', async () => {
    const { deps, options } = setup();
    const result = await runDrill(options, {
      ...deps,
      alarms: { alarmsFiring: async (r) => [`${r}:active-active-health`] },
    });
    expect(result.alarmsFiring).toEqual(['us-east-1:active-active-health']);
  });

  it('in failover mode waits for traffic back on the primary', async () => {
    const { deps, options } = setup();
    const result = await runDrill({ ...options, config: { ...CONFIG, routing: 'failover' } }, deps);
    expect(result.plan.backRegion).toBe('us-east-1');
    expect(result.outcome).toBe('passed');
  });
});

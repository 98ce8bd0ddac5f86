import { Route53Client } from '@aws-sdk/client-route-53';
import { Route53HealthCheckControl } from '../../../../lib/drill/aws/route53-control';
import { DrillError, RefusedError } from '../../../../lib/drill/errors';
import type { DataCheck, DataMarker } from '../../../../lib/drill/ports';
import type {
  FaultInjector,
  ItemProbeResult,
  ItemProber,
  ReplicationStatus,
} from '../../../../lib/drill/scenarios/fault-ports';
import { runScenario } from '../../../../lib/drill/scenarios/run-scenario';
import type { ScenarioDeps, ScenarioOptions } from '../../../../lib/drill/scenarios/scenario-types';
import type { FunctionFaults } from '../../../../lib/sandbox-contract/function-faults';
import { CONFIG, FakeClock, mockRoute53, ScriptedProber, served } from '../fakes';

/**
 * A sandbox-like world in virtual time: pausing stops markers reaching the region, faults make item
 * probes fail or slow. Every call is recorded so the tests can assert exactly what was done, in order.
 */
function world(clock: FakeClock) {
  const calls: string[] = [];
  let paused = false;
  let faults: FunctionFaults | null = null;
  const written: Array<{ marker: DataMarker; at: number }> = [];
  let resumedAt: number | null = null;
  let failResume = 0;
  const injector: FaultInjector = {
    description: 'fake',
    activeFaults: async () => [
      ...(paused ? ["replication of eu-west-1's replica is paused"] : []),
      ...(faults ? ['faults'] : []),
    ],
    pauseReplication: async (r) => {
      calls.push(`pause ${r}`);
      paused = true;
    },
    resumeReplication: async (r) => {
      calls.push(`resume ${r}`);
      if (failResume-- > 0) throw new Error('control API down');
      paused = false;
      resumedAt = clock.now();
    },
    replication: async (): Promise<ReplicationStatus> => {
      const pending = paused ? written.length : 0;
      const lagMs = paused && written.length ? clock.now() - written[0].at : 0;
      return { pending, lagMs, alarm: lagMs > 5000, alarmThresholdMs: 5000 };
    },
    setFunctionFaults: async (r, f) => {
      calls.push(`faults ${r} ${JSON.stringify(f)}`);
      faults = f;
    },
  };
  const dataCheck: DataCheck = {
    description: 'fake table',
    write: async (region) => {
      const marker = { id: `m${written.length}`, region, writtenAt: new Date(clock.now()).toISOString() };
      written.push({ marker, at: clock.now() });
      return marker;
    },
    // A marker reaches eu-west-1 only when not paused (or 1 s after the resume).
    read: async (region, marker) =>
      region !== 'eu-west-1' ||
      (!paused && (resumedAt === null || clock.now() - resumedAt >= 1000)) ||
      !written.find((w) => w.marker.id === marker.id),
  };
  const items: ItemProber = {
    url: 'http://router/items?limit=1',
    probe: async (): Promise<ItemProbeResult> => {
      const delay = faults?.latency?.startupDelayMilliseconds ?? 0;
      if (faults?.errors) return { ok: false, status: 502, region: 'us-east-1', ms: 5 };
      return { ok: true, status: 200, region: 'us-east-1', ms: 5 + delay };
    },
  };
  return {
    calls,
    injector,
    dataCheck,
    items,
    setFailResume: (n: number) => {
      failResume = n;
    },
    state: () => ({ paused, faults }),
  };
}

describe('runScenario (chaos scenarios on fakes, virtual time)', () => {
  const setup = (overrides: Partial<ScenarioOptions> = {}) => {
    const clock = new FakeClock();
    const { r53 } = mockRoute53(clock);
    const w = world(clock);
    const log: string[] = [];
    const deps: ScenarioDeps = {
      control: new Route53HealthCheckControl(new Route53Client({ region: 'us-east-1' }), 'active-active'),
      prober: new ScriptedProber(() => served('us-east-1')),
      faults: w.injector,
      dataCheck: w.dataCheck,
      items: w.items,
      clock,
      log: (l) => log.push(l),
    };
    const options: ScenarioOptions = {
      config: CONFIG,
      target: 'local',
      scenario: 'replication-pause',
      region: 'eu-west-1',
      execute: true,
      timeoutMs: 120_000,
      pollMs: 1000,
      ...overrides,
    };
    return { clock, r53, w, log, deps, options };
  };
  afterEach(() => jest.restoreAllMocks());

  it('replication-pause: pauses, measures lag, items behind and the alarm, resumes, waits for every write', async () => {
    const { w, deps, options, log } = setup();
    const result = await runScenario(options, deps);
    expect(w.calls).toEqual(['pause eu-west-1', 'resume eu-west-1']);
    expect(result.plan.holdMs).toBe(7000); // alarm threshold 5 s + 2 polls
    expect(result).toMatchObject({ outcome: 'passed', restored: true, findings: [] });
    expect(result.measures).toEqual({
      writesAcknowledged: 7,
      writesMissingAfterCatchUp: 0,
      maxItemsBehind: 8, // the warm-up write counts in the fake's queue too
      maxSecondsBehind: 6, // the last poll of the 7 s hold, 6 s after the first write
      staleReadSeen: true,
      replicationAlarmFired: true,
      alarmAfterSeconds: 6,
      catchUpSeconds: 1,
      probesTotal: 7,
      probesFailed: 0,
    });
    expect(Object.keys(result.marks)).toEqual(['start', 'paused', 'alarm', 'resumed', 'caughtUp']);
    expect(log.join('\n')).toContain('Scenario plan: replication-pause in eu-west-1 (local)');
  });

  it('replication-pause: resumes even when the hold fails, and says so when resuming fails too', async () => {
    const { w, deps, options } = setup();
    const failing = {
      ...deps,
      dataCheck: {
        ...w.dataCheck,
        write: jest
          .fn()
          .mockResolvedValueOnce({ id: 'warm', region: 'us-east-1', writtenAt: '' })
          .mockRejectedValue(new Error('table gone')),
      },
    };
    w.setFailResume(0);
    const result = await runScenario(options, failing);
    expect(w.calls).toEqual(['pause eu-west-1', 'resume eu-west-1']);
    expect(result).toMatchObject({ outcome: 'failed', error: 'table gone', restored: true });
    expect(w.state().paused).toBe(false);

    const again = setup();
    again.w.setFailResume(10);
    const stuck = await runScenario(again.options, again.deps).catch((e) => e);
    expect(stuck).toMatchObject({ outcome: 'failed', restored: false, error: 'control API down' });
    expect(again.log.join('\n')).toContain(
      "RESTORE FAILED (control API down). Resume replication of eu-west-1's replica by hand NOW",
    );
  });

  it('stops on Ctrl-C and still resumes', async () => {
    const { w, deps, options } = setup();
    const controller = new AbortController();
    const abortingClock = deps.clock as FakeClock;
    const sleep = abortingClock.sleep.bind(abortingClock);
    let sleeps = 0;
    abortingClock.sleep = async (ms, signal) => {
      if (++sleeps === 3) controller.abort(new Error('SIGINT'));
      return sleep(ms, signal);
    };
    const result = await runScenario({ ...options, signal: controller.signal }, deps);
    expect(result).toMatchObject({ outcome: 'failed', error: 'Drill aborted (SIGINT)', restored: true });
    expect(w.calls).toEqual(['pause eu-west-1', 'resume eu-west-1']);
  });

  it('function-errors: injects the FIS-named faults, measures what users see, removes them', async () => {
    const { w, deps, options } = setup({
      scenario: 'function-errors',
      region: 'us-east-1',
      percentage: 100,
      holdMs: 5000,
    });
    const result = await runScenario(options, deps);
    expect(w.calls).toEqual([
      'faults us-east-1 {"errors":{"invocationPercentage":100}}',
      'faults us-east-1 null',
    ]);
    expect(result.outcome).toBe('passed');
    expect(result.measures).toMatchObject({
      requestsWhileImpaired: 5,
      failedWhileImpaired: 5,
      failedPercent: 100,
      timeToDetectSeconds: null,
      timeToMoveSeconds: null,
      recoverSeconds: 2,
    });
    expect(result.findings).toEqual([
      "Not detected: us-east-1's routing health stayed healthy for 5 s while 100 % of item requests failed; traffic was not moved (routing health covers /health only).",
    ]);
  });

  it('function-latency: fails the drill when no probe felt the delay', async () => {
    const { deps, options } = setup({
      scenario: 'function-latency',
      region: 'us-east-1',
      delayMs: 2500,
      holdMs: 10_000,
    });
    const felt = await runScenario(options, deps);
    expect(felt.measures).toMatchObject({
      slowWhileImpaired: 10,
      p50Ms: 2505,
      baselineMs: 5,
      failedWhileImpaired: 0,
    });
    expect(felt.outcome).toBe('passed');
    const numb = setup({ scenario: 'function-latency', region: 'us-east-1', delayMs: 2500, holdMs: 10_000 });
    const unfelt = await runScenario(options, {
      ...numb.deps,
      faults: { ...numb.w.injector, setFunctionFaults: async () => {} },
    });
    expect(unfelt).toMatchObject({
      outcome: 'failed',
      findings: expect.arrayContaining(['No probe felt the fault: it did not take effect.']),
    });
  });

  it('refuses while a fault is in place, and to execute without a fault injector', async () => {
    const { w, deps, options } = setup();
    await w.injector.pauseReplication('eu-west-1');
    await expect(runScenario(options, deps)).rejects.toThrow(RefusedError);
    await expect(runScenario(options, deps)).rejects.toThrow(/replication of eu-west-1's replica is paused/);

    const aws = setup({ target: 'aws' });
    await expect(runScenario(aws.options, { ...aws.deps, faults: undefined })).rejects.toThrow(
      /replication-pause cannot run against aws: it has no fault injector/,
    );
    await expect(runScenario({ ...aws.options, region: undefined }, aws.deps)).rejects.toThrow(DrillError);
    const plan = await runScenario({ ...aws.options, execute: false }, { ...aws.deps, faults: undefined });
    expect(plan).toMatchObject({ outcome: 'planned', executed: false, plan: { holdMs: 360_000 } });
    expect(aws.w.calls).toEqual([]);
  });
});

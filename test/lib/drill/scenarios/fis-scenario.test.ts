import {
  FisClient,
  GetExperimentCommand,
  GetExperimentTemplateCommand,
  ListExperimentsCommand,
  StartExperimentCommand,
  StopExperimentCommand,
} from '@aws-sdk/client-fis';
import { Route53Client } from '@aws-sdk/client-route-53';
import { FisFaultInjector } from '../../../../lib/drill/aws/fis-faults';
import { Route53HealthCheckControl } from '../../../../lib/drill/aws/route53-control';
import type { ItemProbeResult } from '../../../../lib/drill/scenarios/fault-ports';
import { runScenario } from '../../../../lib/drill/scenarios/run-scenario';
import type { ScenarioDeps, ScenarioOptions } from '../../../../lib/drill/scenarios/scenario-types';
import { APP, fisAccount, inputs } from '../aws/fis-account';
import { CONFIG, FakeClock, mockRoute53, ScriptedProber, served } from '../fakes';

/**
 * The function scenarios against AWS: Route 53 and FIS behind aws-sdk-client-mock, in virtual time. Item
 * probes fail while the region's FIS experiment runs, as the Lambda extension makes them.
 */
function setup(overrides: Partial<ScenarioOptions> = {}) {
  const clock = new FakeClock();
  const { r53 } = mockRoute53(clock);
  const account = fisAccount(clock);
  const running = () => [...account.experiments.values()].some((e) => e.status === 'running');
  const log: string[] = [];
  const deps: ScenarioDeps = {
    control: new Route53HealthCheckControl(new Route53Client({ region: 'us-east-1' }), APP),
    prober: new ScriptedProber(() => served('eu-west-1')),
    faults: new FisFaultInjector(() => new FisClient({ region: 'eu-west-1' }), APP, {
      clock,
      pollMs: 1000,
      waitMs: 10_000,
      token: () => 'token-1',
    }),
    items: {
      url: 'https://api.example.com/items?limit=1',
      probe: async (): Promise<ItemProbeResult> =>
        running()
          ? { ok: false, status: 502, region: 'eu-west-1', ms: 5 }
          : { ok: true, status: 200, region: 'eu-west-1', ms: 5 },
    },
    clock,
    log: (l) => log.push(l),
  };
  const options: ScenarioOptions = {
    config: CONFIG,
    target: 'aws',
    scenario: 'function-errors',
    region: 'eu-west-1',
    execute: true,
    timeoutMs: 600_000,
    pollMs: 5000,
    holdMs: 30_000,
    ...overrides,
  };
  const restore = () => {
    r53.restore();
    account.fis.restore();
  };
  return { clock, account, deps, options, log, restore };
}

describe('chaos scenarios against AWS FIS (mocked)', () => {
  let world: ReturnType<typeof setup>;
  afterEach(() => world.restore());

  it('function-errors: plans with the template, starts it, polls it while measuring, stops it', async () => {
    // Prepare
    world = setup();
    const { account, deps, options, log } = world;
    // Act
    const result = await runScenario(options, deps);
    // Assess
    expect(log.join('\n')).toContain(
      [
        '  injected by:',
        '    FIS experiment template EXTerrors (active-active: 100 % of item-route invocations fail in eu-west-1)',
        '    action aws:lambda:invocation-error: duration PT10M, invocationPercentage 100, preventExecution true',
        '    stop conditions: alarm active-active-eu-west-1-region-unhealthy, alarm active-active-canary-shared',
      ].join('\n'),
    );
    expect(inputs(account.fis, StartExperimentCommand)).toEqual([
      {
        experimentTemplateId: 'EXTerrors',
        clientToken: 'token-1',
        tags: {
          AppName: APP,
          AppRegion: 'eu-west-1',
          Scenario: 'function-errors',
          StartedBy: 'npm run drill',
        },
      },
    ]);
    expect(inputs(account.fis, StopExperimentCommand)).toEqual([{ id: 'EXP1' }]);
    // 2 to start, 1 per poll of the 30 s hold (6), 3 to stop
    expect(inputs(account.fis, GetExperimentCommand)).toEqual(Array(11).fill({ id: 'EXP1' }));
    expect(result).toMatchObject({ outcome: 'passed', restored: true });
    expect(result.measures).toMatchObject({ requestsWhileImpaired: 6, failedWhileImpaired: 6 });
    expect(account.experiments.get('EXP1')?.status).toBe('stopped');
  });

  it('dry run: the plan shows the template and its stop conditions, and nothing is started', async () => {
    world = setup({ scenario: 'function-latency', execute: false });
    const { account, deps, options, log } = world;
    account.fis.on(GetExperimentTemplateCommand, { id: 'EXTlatency' }).resolves({
      experimentTemplate: {
        id: 'EXTlatency',
        description: 'active-active: 100 % of item-route invocations start 3000 ms late in eu-west-1',
        actions: {
          Inject: {
            actionId: 'aws:lambda:invocation-add-delay',
            parameters: { duration: 'PT10M', invocationPercentage: '100', startupDelayMilliseconds: '3000' },
          },
        },
        stopConditions: [
          { source: 'aws:cloudwatch:alarm', value: 'arn:aws:cloudwatch:eu-west-1:1:alarm:region-unhealthy' },
        ],
      },
    });
    const result = await runScenario(options, deps);
    expect(result).toMatchObject({ outcome: 'planned', executed: false });
    const plan = log.join('\n');
    expect(plan).toContain(
      [
        '  injected by:',
        '    FIS experiment template EXTlatency (active-active: 100 % of item-route invocations start 3000 ms late in eu-west-1)',
        '    action aws:lambda:invocation-add-delay: duration PT10M, invocationPercentage 100, startupDelayMilliseconds 3000',
        '    stop conditions: alarm region-unhealthy',
      ].join('\n'),
    );
    expect(plan).toContain('100 % of item-route invocations start 3000 ms late');
    expect(inputs(account.fis, StartExperimentCommand)).toEqual([]);
    expect(inputs(account.fis, StopExperimentCommand)).toEqual([]);
  });

  it('stops the experiment when the hold fails', async () => {
    world = setup();
    const { account, deps, options } = world;
    let probes = 0;
    const items = {
      ...deps.items,
      url: 'x',
      probe: async () => {
        if (++probes === 3) throw new Error('network down');
        return { ok: true, status: 200, region: 'eu-west-1', ms: 5 };
      },
    };
    const result = await runScenario(options, { ...deps, items });
    expect(result).toMatchObject({ outcome: 'failed', error: 'network down', restored: true });
    expect(inputs(account.fis, StopExperimentCommand)).toEqual([{ id: 'EXP1' }]);
    expect(account.experiments.get('EXP1')?.status).toBe('stopped');
  });

  it('stops the experiment on Ctrl-C (the signal the bin wires to SIGINT), also while it is starting', async () => {
    for (const abortAtSleep of [1, 3]) {
      world?.restore();
      world = setup();
      const { account, deps, options, clock } = world;
      const controller = new AbortController();
      const sleep = clock.sleep.bind(clock);
      let sleeps = 0;
      clock.sleep = async (ms, signal) => {
        if (++sleeps === abortAtSleep) controller.abort(new Error('received SIGINT'));
        return sleep(ms, signal);
      };
      const faults = new FisFaultInjector(() => new FisClient({ region: 'eu-west-1' }), APP, {
        clock,
        signal: controller.signal,
        pollMs: 1000,
        token: () => 'token-1',
      });
      const result = await runScenario({ ...options, signal: controller.signal }, { ...deps, faults });
      expect(result).toMatchObject({ outcome: 'failed', restored: true });
      expect(result.error).toMatch(/received SIGINT/);
      expect(inputs(account.fis, StopExperimentCommand)).toEqual([{ id: 'EXP1' }]);
      expect(account.experiments.get('EXP1')?.status).toBe('stopped');
    }
  });

  it('ends the hold when FIS ends the experiment (a stop condition), and says so', async () => {
    world = setup({ holdMs: 60_000 });
    const { account, deps, options } = world;
    let probes = 0;
    const items = {
      ...deps.items,
      url: 'x',
      probe: async (): Promise<ItemProbeResult> => {
        // The region-unhealthy alarm fires after the third failed request: FIS stops the experiment.
        const e = account.experiments.get('EXP1');
        if (e?.status !== 'running') return { ok: true, status: 200, region: 'eu-west-1', ms: 5 };
        if (++probes === 3)
          Object.assign(e, { status: 'stopped', reason: 'Experiment stopped by a stop condition' });
        return { ok: false, status: 502, region: 'eu-west-1', ms: 5 };
      },
    };
    const result = await runScenario(options, { ...deps, items });
    expect(result.marks.faultEnded).toBeDefined();
    expect(result.measures).toMatchObject({ requestsWhileImpaired: 3 });
    expect(result.findings[0]).toBe(
      'The fault ended before the hold was over (FIS experiment EXP1 stopped (Experiment stopped by a stop ' +
        "condition)): a stop condition's alarm fired or the action's duration passed. The measures cover the time until then.",
    );
    expect(inputs(account.fis, StopExperimentCommand)).toEqual([]);
  });

  it('refuses while an experiment of the app runs in a region, and a --percentage the template does not have', async () => {
    world = setup();
    const { account, deps, options } = world;
    await expect(runScenario({ ...options, percentage: 50 }, deps)).rejects.toThrow(
      "--percentage 50 differs from the experiment template's 100 (config chaos.invocationPercentage, fixed when the app was deployed)",
    );
    account.experiments.set('EXP9', { templateId: 'EXTpause', status: 'running' });
    await expect(runScenario(options, deps)).rejects.toThrow(
      /Refusing to run the scenario: FIS experiment EXP9 \(replication-pause\) is running in eu-west-1/,
    );
    expect(inputs(account.fis, ListExperimentsCommand).length).toBeGreaterThan(0);
    expect(inputs(account.fis, StartExperimentCommand)).toEqual([]);
  });
});

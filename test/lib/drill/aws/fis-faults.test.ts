import {
  FisClient,
  GetExperimentCommand,
  GetExperimentTemplateCommand,
  ListExperimentTemplatesCommand,
  StartExperimentCommand,
  StopExperimentCommand,
} from '@aws-sdk/client-fis';
import { FisFaultInjector } from '../../../../lib/drill/aws/fis-faults';
import { FakeClock } from '../fakes';
import { APP, fisAccount, inputs } from './fis-account';

describe('FisFaultInjector', () => {
  const clock = new FakeClock();
  let account: ReturnType<typeof fisAccount>;
  let tokens: number;
  const injector = () =>
    new FisFaultInjector(() => new FisClient({ region: 'eu-west-1' }), APP, {
      clock,
      pollMs: 1000,
      waitMs: 10_000,
      token: () => `token-${++tokens}`,
    });
  beforeEach(() => {
    tokens = 0;
    account = fisAccount(clock);
  });
  afterEach(() => account.fis.restore());

  it("describes the region's template by its tags: action, parameters and stop conditions", async () => {
    const injection = await injector().injection('function-errors', 'eu-west-1');
    expect(injection).toEqual({
      lines: [
        'FIS experiment template EXTerrors (active-active: 100 % of item-route invocations fail in eu-west-1)',
        'action aws:lambda:invocation-error: duration PT10M, invocationPercentage 100, preventExecution true',
        'stop conditions: alarm active-active-eu-west-1-region-unhealthy, alarm active-active-canary-shared',
      ],
      percentage: 100,
    });
    expect(inputs(account.fis, ListExperimentTemplatesCommand)).toEqual([{}, { nextToken: 'page2' }]);
    expect(inputs(account.fis, GetExperimentTemplateCommand)).toEqual([{ id: 'EXTerrors' }]);
  });

  it('starts the template with a client token and tags, waits until it runs, and stops it', async () => {
    // Act
    const fis = injector();
    await fis.setFunctionFaults('eu-west-1', { errors: { invocationPercentage: 100 } });
    const during = await fis.faultStatus('eu-west-1');
    await fis.setFunctionFaults('eu-west-1', null);
    // Assess
    expect(during).toEqual({ active: true, detail: 'FIS experiment EXP1 running' });
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
    expect(inputs(account.fis, GetExperimentCommand)).toEqual([
      { id: 'EXP1' }, // initiating
      { id: 'EXP1' }, // running: started
      { id: 'EXP1' }, // faultStatus
      { id: 'EXP1' }, // before stopping: still running
      { id: 'EXP1' }, // stopping
      { id: 'EXP1' }, // stopped: gone
    ]);
    expect(account.experiments.get('EXP1')?.status).toBe('stopped');
    expect(await fis.faultStatus('eu-west-1')).toBeNull();
  });

  it('replication-pause runs the pause template; without CloudWatch it reports no replication figures', async () => {
    const fis = injector();
    await fis.pauseReplication('eu-west-1');
    expect(await fis.replication('us-east-1', 'eu-west-1')).toEqual({
      pending: null,
      lagMs: null,
      alarm: null,
      alarmThresholdMs: null,
    });
    await fis.resumeReplication('eu-west-1');
    expect(inputs(account.fis, StartExperimentCommand)).toEqual([
      expect.objectContaining({ experimentTemplateId: 'EXTpause', clientToken: 'token-1' }),
    ]);
    expect(inputs(account.fis, StopExperimentCommand)).toEqual([{ id: 'EXP1' }]);
  });

  it('fails when the experiment does not run, and then has nothing to stop', async () => {
    account.fis.on(GetExperimentCommand).resolves({
      experiment: { id: 'EXP1', state: { status: 'failed', reason: 'Target resolution returned empty set' } },
    });
    const fis = injector();
    await expect(fis.pauseReplication('eu-west-1')).rejects.toThrow(
      'FIS experiment EXP1 (replication-pause) did not run: failed, Target resolution returned empty set',
    );
    await fis.resumeReplication('eu-west-1');
    expect(inputs(account.fis, StopExperimentCommand)).toEqual([]);
  });

  it('stops an experiment of its templates that it lost track of (a start whose answer was lost)', async () => {
    account.experiments.set('EXPlost', { templateId: 'EXTlatency', status: 'running' });
    account.experiments.set('EXPdone', { templateId: 'EXTlatency', status: 'completed' });
    await injector().setFunctionFaults('eu-west-1', null);
    expect(inputs(account.fis, StopExperimentCommand)).toEqual([{ id: 'EXPlost' }]);
    expect(account.experiments.get('EXPlost')?.status).toBe('stopped');
  });

  it("lists the app's running experiments in a region as active faults, ignoring ended ones and others' templates", async () => {
    account.experiments.set('EXP7', { templateId: 'EXTpause', status: 'running' });
    account.experiments.set('EXP8', { templateId: 'EXTerrors', status: 'stopped' });
    account.experiments.set('EXP9', { templateId: 'EXTother', status: 'running' });
    expect(await injector().activeFaults(['eu-west-1'])).toEqual([
      'FIS experiment EXP7 (replication-pause) is running in eu-west-1',
    ]);
  });

  it('names the tags it looked for when the region has no template (chaos not enabled)', async () => {
    await expect(injector().injection('function-latency', 'ap-southeast-2')).rejects.toThrow(
      'No FIS experiment template for function-latency in ap-southeast-2 (tags AppName=active-active, ' +
        'AppRegion=ap-southeast-2, Scenario=function-latency). Deploy the app with "chaos": { "enabled": true }',
    );
  });

  it('reports an experiment FIS ended by itself (a stop condition) as no longer active', async () => {
    const fis = injector();
    await fis.setFunctionFaults('eu-west-1', {
      latency: { invocationPercentage: 100, startupDelayMilliseconds: 3000 },
    });
    const e = account.experiments.get('EXP1');
    if (e) Object.assign(e, { status: 'stopped', reason: 'Experiment stopped by a stop condition' });
    expect(await fis.faultStatus('eu-west-1')).toEqual({
      active: false,
      detail: 'FIS experiment EXP1 stopped (Experiment stopped by a stop condition)',
    });
  });
});

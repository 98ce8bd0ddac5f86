import {
  type ExperimentStatus,
  FisClient,
  GetExperimentCommand,
  GetExperimentTemplateCommand,
  ListExperimentsCommand,
  ListExperimentTemplatesCommand,
  StartExperimentCommand,
  StopExperimentCommand,
} from '@aws-sdk/client-fis';
import { mockClient } from 'aws-sdk-client-mock';
import type { FakeClock } from '../fakes';

/** What the tests use of aws-sdk-client-mock's stub. */
export interface FisStub {
  on(
    command: unknown,
    input?: object,
  ): { resolves(output: object): unknown; callsFake(fn: (input: never) => unknown): unknown };
  commandCalls(command: unknown): { args: [{ input: unknown }] }[];
  restore(): void;
}

/**
 * client-fis 3.523.0 is typed with @smithy/types 2, aws-sdk-client-mock with 4: the same runtime client
 * (mockClient stubs its prototype's send), types from two majors that TypeScript cannot unify.
 */
export const mockFis = () => mockClient(FisClient as never) as unknown as FisStub;

/** The inputs of every call of `command`, in order. */
export const inputs = (fis: FisStub, command: unknown) =>
  fis.commandCalls(command).map((c) => c.args[0].input);

export const APP = 'active-active';
const ALARM = 'arn:aws:cloudwatch:eu-west-1:111111111111:alarm';

/** The templates of lib/constructs/chaos-experiments.ts in eu-west-1, plus another app's and another region's. */
const TEMPLATES = [
  { id: 'EXTother', tags: { AppName: 'someone-else', AppRegion: 'eu-west-1', Scenario: 'function-errors' } },
  { id: 'EXTuse1', tags: { AppName: APP, AppRegion: 'us-east-1', Scenario: 'function-errors' } },
  { id: 'EXTpause', tags: { AppName: APP, AppRegion: 'eu-west-1', Scenario: 'replication-pause' } },
  { id: 'EXTerrors', tags: { AppName: APP, AppRegion: 'eu-west-1', Scenario: 'function-errors' } },
  { id: 'EXTlatency', tags: { AppName: APP, AppRegion: 'eu-west-1', Scenario: 'function-latency' } },
];

/**
 * A FIS account in virtual time: StartExperiment creates an experiment that is `initiating`, then `running`
 * from the next GetExperiment on; StopExperiment makes it `stopping`, then `stopped`.
 */
export function fisAccount(clock: FakeClock) {
  const fis = mockFis();
  const experiments = new Map<string, { templateId: string; status: ExperimentStatus; reason?: string }>();
  fis.on(ListExperimentTemplatesCommand, { nextToken: undefined }).resolves({
    experimentTemplates: TEMPLATES.slice(0, 2),
    nextToken: 'page2',
  });
  fis
    .on(ListExperimentTemplatesCommand, { nextToken: 'page2' })
    .resolves({ experimentTemplates: TEMPLATES.slice(2) });
  fis.on(GetExperimentTemplateCommand, { id: 'EXTerrors' }).resolves({
    experimentTemplate: {
      id: 'EXTerrors',
      description: `${APP}: 100 % of item-route invocations fail in eu-west-1`,
      actions: {
        Inject: {
          actionId: 'aws:lambda:invocation-error',
          parameters: { duration: 'PT10M', invocationPercentage: '100', preventExecution: 'true' },
          targets: { Functions: 'Targets' },
        },
      },
      stopConditions: [
        { source: 'aws:cloudwatch:alarm', value: `${ALARM}:active-active-eu-west-1-region-unhealthy` },
        { source: 'aws:cloudwatch:alarm', value: `${ALARM}:active-active-canary-shared` },
      ],
    },
  });
  fis.on(StartExperimentCommand).callsFake((input: { experimentTemplateId: string }) => {
    const id = `EXP${experiments.size + 1}`;
    experiments.set(id, { templateId: input.experimentTemplateId, status: 'initiating' });
    return {
      experiment: { id, experimentTemplateId: input.experimentTemplateId, state: { status: 'initiating' } },
    };
  });
  fis.on(GetExperimentCommand).callsFake((input: { id: string }) => {
    const e = experiments.get(input.id);
    if (!e) throw Object.assign(new Error('not found'), { name: 'ResourceNotFoundException' });
    const seen = { status: e.status, reason: e.reason };
    if (e.status === 'initiating') e.status = 'running';
    if (e.status === 'stopping') e.status = 'stopped';
    return { experiment: { id: input.id, experimentTemplateId: e.templateId, state: seen } };
  });
  fis.on(StopExperimentCommand).callsFake((input: { id: string }) => {
    const e = experiments.get(input.id);
    if (e) e.status = 'stopping';
    return { experiment: { id: input.id, state: { status: 'stopping' } } };
  });
  fis.on(ListExperimentsCommand).callsFake(() => ({
    experiments: [...experiments].map(([id, e]) => ({
      id,
      experimentTemplateId: e.templateId,
      state: { status: e.status },
    })),
  }));
  return { fis, experiments, clock };
}

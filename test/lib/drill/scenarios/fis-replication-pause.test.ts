import {
  CloudWatchClient,
  DescribeAlarmsForMetricCommand,
  GetMetricDataCommand,
} from '@aws-sdk/client-cloudwatch';
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import {
  FisClient,
  GetExperimentTemplateCommand,
  StartExperimentCommand,
  StopExperimentCommand,
} from '@aws-sdk/client-fis';
import { Route53Client } from '@aws-sdk/client-route-53';
import { mockClient } from 'aws-sdk-client-mock';
import { DynamoDataCheck } from '../../../../lib/drill/aws/dynamo-data-check';
import { FisFaultInjector } from '../../../../lib/drill/aws/fis-faults';
import { CloudWatchReplicationMetrics } from '../../../../lib/drill/aws/replication-metrics';
import { Route53HealthCheckControl } from '../../../../lib/drill/aws/route53-control';
import { runScenario } from '../../../../lib/drill/scenarios/run-scenario';
import { formatScenarioSummary, toScenarioReport } from '../../../../lib/drill/scenarios/scenario-report';
import type { ScenarioDeps, ScenarioOptions } from '../../../../lib/drill/scenarios/scenario-types';
import { APP, fisAccount, inputs } from '../aws/fis-account';
import { CONFIG, FakeClock, mockRoute53, ScriptedProber, served } from '../fakes';

const SOURCE = 'us-east-1';
const PAUSED = 'eu-west-1';
/** Replication catches up this long after the experiment stops. */
const CATCH_UP_MS = 10_000;

/**
 * replication-pause against AWS: FIS, CloudWatch and both DynamoDB replicas behind aws-sdk-client-mock, in
 * virtual time. A marker written in us-east-1 is readable in eu-west-1 unless the pause experiment has
 * held it back; held-back markers arrive CATCH_UP_MS after the experiment stops.
 */
function setup(alarm: { period: number; evaluationPeriods: number; firesAfterMs: number | null }) {
  const clock = new FakeClock();
  const { r53 } = mockRoute53(clock);
  const account = fisAccount(clock);
  account.fis.on(GetExperimentTemplateCommand, { id: 'EXTpause' }).resolves({
    experimentTemplate: {
      id: 'EXTpause',
      description: `${APP}: pause global-table replication of the ${PAUSED} replica`,
      actions: {
        Inject: {
          actionId: 'aws:dynamodb:global-table-pause-replication',
          parameters: { duration: 'PT10M' },
        },
      },
      stopConditions: [],
    },
  });
  const experiment = () => account.experiments.get('EXP1');
  const pauseHolds = () => ['initiating', 'running', 'stopping'].includes(experiment()?.status ?? '');
  let pausedAt: number | null = null;
  let resumedAt: number | null = null;
  const tick = () => {
    if (pausedAt === null && experiment()?.status === 'running') pausedAt = clock.now();
    if (pausedAt !== null && resumedAt === null && !pauseHolds()) resumedAt = clock.now();
  };

  const ddb: Record<string, DynamoDBClient> = {
    [SOURCE]: new DynamoDBClient({ region: SOURCE }),
    [PAUSED]: new DynamoDBClient({ region: PAUSED }),
  };
  const ddbMocks = Object.values(ddb).map((c) => mockClient(c));
  const written = new Map<string, { heldBack: boolean }>();
  ddbMocks[0].on(PutItemCommand).callsFake((input: { Item: { pk: { S: string } } }) => {
    tick();
    written.set(input.Item.pk.S, { heldBack: pauseHolds() });
    return {};
  });
  ddbMocks[1].on(GetItemCommand).callsFake((input: { Key: { pk: { S: string } } }) => {
    tick();
    const w = written.get(input.Key.pk.S);
    const arrived = w && (!w.heldBack || (resumedAt !== null && clock.now() >= resumedAt + CATCH_UP_MS));
    return arrived ? { Item: input.Key } : {};
  });

  const cwRegions: string[] = [];
  const cw = new CloudWatchClient({ region: SOURCE });
  const cwMock = mockClient(cw);
  cwMock.on(GetMetricDataCommand).callsFake(() => {
    tick();
    const lag = pausedAt !== null && resumedAt === null ? [clock.now() - pausedAt] : [];
    return { MetricDataResults: [{ Id: 'lag', Values: lag }] };
  });
  cwMock.on(DescribeAlarmsForMetricCommand).callsFake(() => {
    tick();
    const firing =
      alarm.firesAfterMs !== null && pausedAt !== null && clock.now() >= pausedAt + alarm.firesAfterMs;
    return {
      MetricAlarms: [
        {
          AlarmName: `${APP}-${SOURCE}-AlarmsReplicationLatencyeuwest1-ABC`,
          StateValue: firing ? 'ALARM' : 'OK',
          Period: alarm.period,
          EvaluationPeriods: alarm.evaluationPeriods,
        },
      ],
    };
  });

  const log: string[] = [];
  const deps: ScenarioDeps = {
    control: new Route53HealthCheckControl(new Route53Client({ region: 'us-east-1' }), APP),
    prober: new ScriptedProber(() => served(PAUSED)),
    faults: new FisFaultInjector(() => new FisClient({ region: PAUSED }), APP, {
      clock,
      pollMs: 1000,
      waitMs: 10_000,
      token: () => 'token-1',
      replicationMetrics: new CloudWatchReplicationMetrics(
        (region) => {
          cwRegions.push(region);
          return cw;
        },
        `${APP}-data`,
        APP,
      ),
    }),
    dataCheck: new DynamoDataCheck(
      (region) => ddb[region],
      `${APP}-data`,
      () => clock.now(),
    ),
    clock,
    log: (l) => log.push(l),
  };
  const options: ScenarioOptions = {
    config: CONFIG,
    target: 'aws',
    scenario: 'replication-pause',
    region: PAUSED,
    execute: true,
    timeoutMs: 600_000,
    pollMs: 5000,
    holdMs: 30_000,
  };
  const restore = () => {
    r53.restore();
    account.fis.restore();
    for (const m of [...ddbMocks, cwMock]) m.restore();
  };
  return {
    clock,
    account,
    deps,
    options,
    log,
    restore,
    cwMock,
    ddbMocks,
    cwRegions,
    pausedAt: () => pausedAt,
  };
}

describe('replication-pause against AWS (FIS, CloudWatch and DynamoDB mocked)', () => {
  let world: ReturnType<typeof setup>;
  afterEach(() => world.restore());

  it('measures items and seconds behind, time to alarm and catch-up, and that no acknowledged write is missing', async () => {
    // Prepare: an alarm of 3 periods of 5 s, firing 15 s into the pause; the hold is 30 s
    world = setup({ period: 5, evaluationPeriods: 3, firesAfterMs: 15_000 });
    const { deps, options, log, cwMock, ddbMocks, cwRegions, account } = world;
    // Act
    const result = await runScenario(options, deps);
    // Assess
    const plan = log.join('\n');
    expect(plan).toContain(
      `replication alarm                             ${APP}-${SOURCE}-AlarmsReplicationLatencyeuwest1-ABC in ALARM ~15 s after the pause starts (period x evaluation periods)`,
    );
    expect(plan).toContain('items: markers not yet in the replica; lag: CloudWatch ReplicationLatency');
    expect(result).toMatchObject({ outcome: 'passed', restored: true, findings: [] });
    const paused = result.marks.paused;
    expect(paused).toBe(world.pausedAt());
    // One marker per 5 s poll of the 30 s hold, none readable in eu-west-1 while paused.
    expect(result.measures).toEqual({
      writesAcknowledged: 6,
      writesMissingAfterCatchUp: 0,
      maxItemsBehind: 6,
      maxSecondsBehind: 25, // CloudWatch's highest lag: the last poll, 25 s into the pause
      staleReadSeen: true,
      replicationAlarmFired: true,
      alarmAfterSeconds: 15,
      alarmExpectedAfterSeconds: 15,
      catchUpSeconds: 10,
      probesTotal: 6,
      probesFailed: 0,
    });
    // Lag and alarm are read in the source region, over the pause, for the paused replica.
    expect([...new Set(cwRegions)]).toEqual([SOURCE]);
    const lagQueries = inputs(cwMock as never, GetMetricDataCommand) as {
      StartTime: Date;
      EndTime: Date;
      MetricDataQueries: unknown;
    }[];
    const dimensions = [
      { Name: 'TableName', Value: `${APP}-data` },
      { Name: 'ReceivingRegion', Value: PAUSED },
    ];
    expect(lagQueries[1]).toEqual({
      MetricDataQueries: [
        {
          Id: 'lag',
          MetricStat: {
            Metric: { Namespace: 'AWS/DynamoDB', MetricName: 'ReplicationLatency', Dimensions: dimensions },
            Period: 60,
            Stat: 'Maximum',
          },
        },
      ],
      StartTime: new Date(paused),
      EndTime: new Date(paused),
    });
    expect(lagQueries.slice(1).every((q) => q.StartTime.getTime() === paused)).toBe(true);
    expect(
      new Set(inputs(cwMock as never, DescribeAlarmsForMetricCommand).map((i) => JSON.stringify(i))),
    ).toEqual(
      new Set([
        JSON.stringify({
          Namespace: 'AWS/DynamoDB',
          MetricName: 'ReplicationLatency',
          Dimensions: dimensions,
          Statistic: 'Average',
          Period: 300,
        }),
      ]),
    );
    // Markers are written in the source only and read in the paused replica only.
    expect(ddbMocks[0].commandCalls(GetItemCommand)).toHaveLength(0);
    expect(ddbMocks[1].commandCalls(PutItemCommand)).toHaveLength(0);
    expect(inputs(account.fis, StopExperimentCommand)).toEqual([{ id: 'EXP1' }]);
    expect(inputs(account.fis, StartExperimentCommand)).toHaveLength(1);

    const summary = formatScenarioSummary(toScenarioReport(result));
    expect(summary).toContain(
      [
        '  writesAcknowledged         6',
        '  writesMissingAfterCatchUp  0',
        '  maxItemsBehind             6',
        '  maxSecondsBehind           25',
        '  staleReadSeen              true',
        '  replicationAlarmFired      true',
        '  alarmAfterSeconds          15',
        '  alarmExpectedAfterSeconds  15',
        '  catchUpSeconds             10',
      ].join('\n'),
    );
  });

  it('says the alarm did not fire within a pause shorter than its evaluation window, and does not fail for it', async () => {
    // Prepare: the app's alarm (3 periods of 300 s) cannot fire within a 30 s pause; CloudWatch has no lag data
    world = setup({ period: 300, evaluationPeriods: 3, firesAfterMs: null });
    const { deps, options, log, cwMock } = world;
    cwMock.on(GetMetricDataCommand).resolves({ MetricDataResults: [{ Id: 'lag', Values: [] }] });
    // Act
    const result = await runScenario(options, deps);
    // Assess
    const out = log.join('\n');
    expect(out).toContain(
      `${APP}-${SOURCE}-AlarmsReplicationLatencyeuwest1-ABC needs ~900 s (period x evaluation periods), longer than the hold: expect "did not fire within the pause"; a longer --hold (and --timeout, chaos.maxDurationMinutes) proves it`,
    );
    expect(out).toContain(
      `The replication alarm ${APP}-${SOURCE}-AlarmsReplicationLatencyeuwest1-ABC did not fire within the pause: it needs ~900 s (period x evaluation periods), the pause held 30 s.`,
    );
    expect(result).toMatchObject({ outcome: 'passed', findings: [] });
    expect(result.measures).toMatchObject({
      replicationAlarmFired: false,
      alarmAfterSeconds: null,
      alarmExpectedAfterSeconds: 900,
      maxSecondsBehind: null, // no data point: not reported as 0
      maxItemsBehind: 6,
      writesMissingAfterCatchUp: 0,
    });
  });

  it('fails the drill when the alarm had the time to fire and did not', async () => {
    world = setup({ period: 5, evaluationPeriods: 3, firesAfterMs: null });
    const result = await runScenario(world.options, world.deps);
    expect(result.outcome).toBe('failed');
    expect(result.findings).toEqual([
      `The ${SOURCE}->${PAUSED} replication alarm did not fire during the pause.`,
    ]);
  });
});

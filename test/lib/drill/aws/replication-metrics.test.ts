import {
  CloudWatchClient,
  DescribeAlarmsForMetricCommand,
  GetMetricDataCommand,
} from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { CloudWatchReplicationMetrics } from '../../../../lib/drill/aws/replication-metrics';

const cw = mockClient(CloudWatchClient);
beforeEach(() => cw.reset());
afterAll(() => cw.restore());

const DIMENSIONS = [
  { Name: 'TableName', Value: 'shop-data' },
  { Name: 'ReceivingRegion', Value: 'eu-west-1' },
];

function reader() {
  const regions: string[] = [];
  const metrics = new CloudWatchReplicationMetrics(
    (region) => {
      regions.push(region);
      return new CloudWatchClient({ region });
    },
    'shop-data',
    'shop',
  );
  return { metrics, regions };
}

describe('CloudWatchReplicationMetrics', () => {
  const window = { startMs: Date.parse('2026-12-02T14:00:00Z'), endMs: Date.parse('2026-12-02T14:06:00Z') };

  it("reads the pair's highest ReplicationLatency and its alarm in the source region, by exact metric", async () => {
    cw.on(GetMetricDataCommand).resolves({
      MetricDataResults: [{ Id: 'lag', Values: [800, 95_000, 12_000] }],
    });
    cw.on(DescribeAlarmsForMetricCommand).resolves({
      MetricAlarms: [
        { AlarmName: 'someone-elses-alarm', StateValue: 'OK', Period: 60, EvaluationPeriods: 1 },
        {
          AlarmName: 'shop-us-east-1-AlarmsReplicationLatencyeuwest1A1B2-XYZ',
          StateValue: 'ALARM',
          Period: 300,
          EvaluationPeriods: 3,
        },
      ],
    });
    const { metrics, regions } = reader();

    const read = await metrics.read('us-east-1', 'eu-west-1', window);

    expect(read).toEqual({
      maxLagMs: 95_000,
      alarm: {
        name: 'shop-us-east-1-AlarmsReplicationLatencyeuwest1A1B2-XYZ',
        inAlarm: true,
        windowMs: 900_000,
      },
    });
    expect(regions).toEqual(['us-east-1', 'us-east-1']);
    expect(cw.commandCalls(GetMetricDataCommand).map((c) => c.args[0].input)).toEqual([
      {
        MetricDataQueries: [
          {
            Id: 'lag',
            MetricStat: {
              Metric: { Namespace: 'AWS/DynamoDB', MetricName: 'ReplicationLatency', Dimensions: DIMENSIONS },
              Period: 60,
              Stat: 'Maximum',
            },
          },
        ],
        StartTime: new Date(window.startMs),
        EndTime: new Date(window.endMs),
      },
    ]);
    expect(cw.commandCalls(DescribeAlarmsForMetricCommand).map((c) => c.args[0].input)).toEqual([
      {
        Namespace: 'AWS/DynamoDB',
        MetricName: 'ReplicationLatency',
        Dimensions: DIMENSIONS,
        Statistic: 'Average',
        Period: 300,
      },
    ]);
  });

  it('says "no data" and "no alarm" rather than zero', async () => {
    cw.on(GetMetricDataCommand).resolves({ MetricDataResults: [{ Id: 'lag', Values: [] }] });
    cw.on(DescribeAlarmsForMetricCommand).resolves({ MetricAlarms: [] });
    expect(await reader().metrics.read('us-east-1', 'eu-west-1', window)).toEqual({
      maxLagMs: null,
      alarm: null,
    });
  });
});

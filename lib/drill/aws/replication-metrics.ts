import {
  type CloudWatchClient,
  DescribeAlarmsForMetricCommand,
  GetMetricDataCommand,
  type MetricAlarm,
} from '@aws-sdk/client-cloudwatch';

/**
 * The metric of lib/constructs/region-alarms.ts's replication alarm. DynamoDB publishes ReplicationLatency
 * per source and destination region pair, with dimensions TableName and ReceivingRegion, in the region the
 * writes come from (DynamoDB developer guide, "Monitoring global tables"), so it is read there.
 */
const NAMESPACE = 'AWS/DynamoDB';
const METRIC = 'ReplicationLatency';
/** The alarm's statistic and period (region-alarms.ts: Average over 5 minutes). */
const ALARM_STATISTIC = 'Average';
const ALARM_PERIOD_SECONDS = 300;
/** Resolution of the lag read over the pause: the finest DynamoDB publishes at. */
const LAG_PERIOD_SECONDS = 60;

/** The replication alarm of a pair of regions as CloudWatch describes it. */
export interface ReplicationAlarm {
  readonly name: string;
  readonly inAlarm: boolean;
  /** Period × evaluation periods: the earliest it can fire after replication stops. */
  readonly windowMs: number;
}

/** Replication from one region into another as CloudWatch shows it. */
export interface ReplicationMetrics {
  /** The highest ReplicationLatency over the window; null when CloudWatch has no data point in it. */
  readonly maxLagMs: number | null;
  /** null when no alarm watches the pair's ReplicationLatency. */
  readonly alarm: ReplicationAlarm | null;
}

/**
 * Reads (never changes) a global table's replication lag and the app's replication alarm, both in the
 * source region: cloudwatch:GetMetricData and cloudwatch:DescribeAlarmsForMetric.
 */
export class CloudWatchReplicationMetrics {
  constructor(
    private readonly clientFor: (region: string) => CloudWatchClient,
    private readonly tableName: string,
    private readonly appName: string,
  ) {}

  async read(
    from: string,
    to: string,
    window: { startMs: number; endMs: number },
  ): Promise<ReplicationMetrics> {
    const [maxLagMs, alarm] = await Promise.all([this.maxLag(from, to, window), this.alarm(from, to)]);
    return { maxLagMs, alarm };
  }

  private dimensions(to: string) {
    return [
      { Name: 'TableName', Value: this.tableName },
      { Name: 'ReceivingRegion', Value: to },
    ];
  }

  private async maxLag(
    from: string,
    to: string,
    w: { startMs: number; endMs: number },
  ): Promise<number | null> {
    // CloudWatch rounds StartTime down to the period; a minute of margin still keeps the window the pause.
    const out = await this.clientFor(from).send(
      new GetMetricDataCommand({
        MetricDataQueries: [
          {
            Id: 'lag',
            MetricStat: {
              Metric: { Namespace: NAMESPACE, MetricName: METRIC, Dimensions: this.dimensions(to) },
              Period: LAG_PERIOD_SECONDS,
              Stat: 'Maximum',
            },
          },
        ],
        StartTime: new Date(w.startMs),
        EndTime: new Date(w.endMs),
      }),
    );
    const values = out.MetricDataResults?.[0]?.Values ?? [];
    return values.length > 0 ? Math.max(...values) : null;
  }

  private async alarm(from: string, to: string): Promise<ReplicationAlarm | null> {
    // The alarm has a name CloudFormation generates (stack name first), so it is found by its exact metric.
    const out = await this.clientFor(from).send(
      new DescribeAlarmsForMetricCommand({
        Namespace: NAMESPACE,
        MetricName: METRIC,
        Dimensions: this.dimensions(to),
        Statistic: ALARM_STATISTIC,
        Period: ALARM_PERIOD_SECONDS,
      }),
    );
    const alarms = out.MetricAlarms ?? [];
    const a: MetricAlarm | undefined =
      alarms.find((x) => x.AlarmName?.startsWith(`${this.appName}-`)) ?? alarms[0];
    if (!a?.AlarmName) return null;
    return {
      name: a.AlarmName,
      inAlarm: a.StateValue === 'ALARM',
      windowMs: (a.Period ?? ALARM_PERIOD_SECONDS) * (a.EvaluationPeriods ?? 1) * 1000,
    };
  }
}

import { Duration } from 'aws-cdk-lib';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import { AlarmStatusWidget, Dashboard, GraphWidget, type IAlarm, Metric } from 'aws-cdk-lib/aws-cloudwatch';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

/** Props of {@link RegionDashboard}. */
export interface RegionDashboardProps {
  /** Dashboard name, e.g. `<appName>-<region>`. */
  readonly dashboardName: string;
  readonly api: RestApi;
  readonly functions: ReadonlyMap<string, IFunction>;
  readonly tableName: string;
  /** Regions this region replicates to. */
  readonly replicaRegions: readonly string[];
  /** Alarms shown in the status widget. */
  readonly alarms: readonly IAlarm[];
}

const PERIOD = Duration.minutes(1);

/** One region at a glance: alarm states, API traffic/errors/latency, Lambda, table and replication. */
export class RegionDashboard extends Construct {
  public readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: RegionDashboardProps) {
    super(scope, id);
    const fns = [...props.functions.entries()];
    const table = (
      metricName: string,
      statistic: string,
      dims: Record<string, string> = {},
      label?: string,
    ) =>
      new Metric({
        namespace: 'AWS/DynamoDB',
        metricName,
        dimensionsMap: { TableName: props.tableName, ...dims },
        statistic,
        period: PERIOD,
        label,
      });
    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: props.dashboardName,
      widgets: [
        [new AlarmStatusWidget({ title: 'Alarms', alarms: [...props.alarms], width: 24 })],
        [
          new GraphWidget({
            title: 'API requests and errors',
            left: [
              props.api.metricCount({ period: PERIOD, statistic: 'Sum' }),
              props.api.metricClientError({ period: PERIOD }),
              props.api.metricServerError({ period: PERIOD }),
            ],
          }),
          new GraphWidget({
            title: 'API latency (ms)',
            left: ['p50', 'p90', 'p99'].map((statistic) =>
              props.api.metricLatency({ period: PERIOD, statistic }),
            ),
          }),
        ],
        [
          new GraphWidget({
            title: 'Lambda errors',
            left: fns.map(([name, fn]) => fn.metricErrors({ period: PERIOD, label: name })),
          }),
          new GraphWidget({
            title: 'Lambda duration p99 (ms)',
            left: fns.map(([name, fn]) =>
              fn.metricDuration({ period: PERIOD, statistic: 'p99', label: name }),
            ),
          }),
        ],
        [
          new GraphWidget({
            title: 'Table capacity and throttles',
            left: [table('ConsumedReadCapacityUnits', 'Sum'), table('ConsumedWriteCapacityUnits', 'Sum')],
            right: [table('ReadThrottleEvents', 'Sum'), table('WriteThrottleEvents', 'Sum')],
          }),
          new GraphWidget({
            title: 'Replication latency (ms)',
            left: props.replicaRegions.map((r) =>
              table('ReplicationLatency', 'Average', { ReceivingRegion: r }, `to ${r}`),
            ),
          }),
        ],
      ],
    });
  }
}

import { Duration } from 'aws-cdk-lib';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import {
  type Alarm,
  AlarmRule,
  ComparisonOperator,
  CompositeAlarm,
  type IAlarm,
  MathExpression,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

/** Alarm thresholds; every one is documented in docs/DEPLOY.md. */
export interface AlarmThresholds {
  /** Percentage of API requests answered 5xx over 5 minutes. */
  readonly api5xxPercent: number;
  /** API p99 latency in milliseconds. */
  readonly apiP99LatencyMs: number;
  /** Lambda errors of one function in 5 minutes. */
  readonly lambdaErrors: number;
  /** DynamoDB replication lag to any other region, average over 5 minutes, in milliseconds. */
  readonly replicationLatencyMs: number;
}

export const DEFAULT_THRESHOLDS: AlarmThresholds = {
  api5xxPercent: 5,
  apiP99LatencyMs: 3000,
  lambdaErrors: 5,
  replicationLatencyMs: 60_000,
};

/** Props of {@link RegionAlarms}. */
export interface RegionAlarmsProps {
  readonly api: RestApi;
  /** Functions to watch (errors and throttles), keyed by a readable name. */
  readonly functions: ReadonlyMap<string, IFunction>;
  /** The table replica in this region. */
  readonly tableName: string;
  /** Regions this region replicates to (ReplicationLatency `ReceivingRegion`). */
  readonly replicaRegions: readonly string[];
  /** Every alarm notifies this topic on ALARM and OK. */
  readonly topic: ITopic;
  /** @default DEFAULT_THRESHOLDS */
  readonly thresholds?: Partial<AlarmThresholds>;
}

const FIVE_MINUTES = Duration.minutes(5);

/**
 * The alarms of one region, each notifying the alert topic, and a composite "region unhealthy" alarm
 * that fires when the API fails (5xx rate or latency) or its table replica does (system errors).
 */
export class RegionAlarms extends Construct {
  public readonly alarms: IAlarm[] = [];
  public readonly regionUnhealthy: CompositeAlarm;

  constructor(scope: Construct, id: string, props: RegionAlarmsProps) {
    super(scope, id);
    const t = { ...DEFAULT_THRESHOLDS, ...props.thresholds };
    const action = new SnsAction(props.topic);
    const add = (alarm: Alarm) => {
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
      this.alarms.push(alarm);
      return alarm;
    };

    const api5xx = add(
      new MathExpression({
        expression: 'IF(requests > 0, 100 * errors / requests, 0)',
        usingMetrics: {
          errors: props.api.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' }),
          requests: props.api.metricCount({ period: FIVE_MINUTES, statistic: 'Sum' }),
        },
        period: FIVE_MINUTES,
        label: 'API 5xx %',
      }).createAlarm(this, 'Api5xxRate', {
        alarmDescription: `More than ${t.api5xxPercent}% of API requests failed with 5xx in 5 minutes`,
        threshold: t.api5xxPercent,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    );
    const latency = add(
      props.api.metricLatency({ period: FIVE_MINUTES, statistic: 'p99' }).createAlarm(this, 'ApiLatencyP99', {
        alarmDescription: `API p99 latency above ${t.apiP99LatencyMs} ms for 3 periods of 5 minutes`,
        threshold: t.apiP99LatencyMs,
        evaluationPeriods: 3,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    );
    for (const [name, fn] of props.functions) {
      add(
        fn.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }).createAlarm(this, `${name}Errors`, {
          alarmDescription: `Lambda ${name}: ${t.lambdaErrors} or more errors in 5 minutes`,
          threshold: t.lambdaErrors,
          evaluationPeriods: 1,
          comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }),
      );
      add(
        fn.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' }).createAlarm(this, `${name}Throttles`, {
          alarmDescription: `Lambda ${name} was throttled`,
          threshold: 1,
          evaluationPeriods: 1,
          comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }),
      );
    }
    const table = (metricName: string, statistic = 'Sum', dims: Record<string, string> = {}) =>
      new Metric({
        namespace: 'AWS/DynamoDB',
        metricName,
        dimensionsMap: { TableName: props.tableName, ...dims },
        period: FIVE_MINUTES,
        statistic,
      });
    add(
      new MathExpression({
        expression: 'reads + writes',
        usingMetrics: { reads: table('ReadThrottleEvents'), writes: table('WriteThrottleEvents') },
        period: FIVE_MINUTES,
        label: 'DynamoDB throttle events',
      }).createAlarm(this, 'TableThrottles', {
        alarmDescription: 'DynamoDB throttled reads or writes on this replica',
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    );
    const systemErrors = add(
      new MathExpression({
        expression: 'SUM(METRICS())',
        usingMetrics: Object.fromEntries(
          ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query'].map((op) => [
            op.toLowerCase(),
            table('SystemErrors', 'Sum', { Operation: op }),
          ]),
        ),
        period: FIVE_MINUTES,
        label: 'DynamoDB system errors',
      }).createAlarm(this, 'TableSystemErrors', {
        alarmDescription: 'DynamoDB returned 5xx (system errors) on this replica',
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    );
    for (const receiving of props.replicaRegions) {
      add(
        table('ReplicationLatency', 'Average', { ReceivingRegion: receiving }).createAlarm(
          this,
          `ReplicationLatency-${receiving}`,
          {
            alarmDescription: `Replication to ${receiving} lags more than ${t.replicationLatencyMs} ms`,
            threshold: t.replicationLatencyMs,
            evaluationPeriods: 3,
            comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
            treatMissingData: TreatMissingData.NOT_BREACHING,
          },
        ),
      );
    }

    this.regionUnhealthy = new CompositeAlarm(this, 'RegionUnhealthy', {
      alarmDescription: 'This region fails its users: API 5xx rate, API latency or table system errors',
      alarmRule: AlarmRule.anyOf(api5xx, latency, systemErrors),
    });
    this.regionUnhealthy.addAlarmAction(action);
    this.regionUnhealthy.addOkAction(action);
  }
}

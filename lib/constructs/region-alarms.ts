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
import type { RouteDefinition } from '../../functions/routes';
import { methodMetric, routeId, userRoutes } from './route-metrics';

/** Alarm thresholds; every one is documented in docs/DEPLOY.md. */
export interface AlarmThresholds {
  /** Percentage of one item route's requests answered 5xx over 5 minutes. */
  readonly api5xxPercent: number;
  /** p99 latency of one item route in milliseconds, 3 periods of 5 minutes in a row. */
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
  /** Every route of the API (functions/routes.ts); the authorized ones get a 5xx-rate and a p99 alarm each. */
  readonly routes: readonly RouteDefinition[];
  /** Functions to watch (errors and throttles), keyed by a readable name. */
  readonly functions: ReadonlyMap<string, IFunction>;
  /** The table replica in this region. */
  readonly tableName: string;
  /**
   * Regions this region replicates to (ReplicationLatency `ReceivingRegion`). Missing data breaches: the
   * region must write a heartbeat (ReplicationHeartbeat) so that the metric exists without user writes.
   */
  readonly replicaRegions: readonly string[];
  /** Name of the composite "unhealthy" alarm: fixed, so that the bake step finds it (`regionUnhealthyAlarmName`). */
  readonly unhealthyAlarmName: string;
  /** Every alarm notifies this topic on ALARM and OK. */
  readonly topic: ITopic;
  /** @default DEFAULT_THRESHOLDS */
  readonly thresholds?: Partial<AlarmThresholds>;
}

const FIVE_MINUTES = Duration.minutes(5);

/**
 * The alarms of one region, each notifying the alert topic, and a composite "region unhealthy" alarm
 * that fires when an item route fails (5xx rate or p99 latency) or the table replica does (system errors).
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

    // Per item route, never API-wide: Route 53 probes of /health would dilute an API-wide rate (see
    // userRoutes). One metric per alarm (5XXError's Average is the route's 5xx rate, as API Gateway
    // documents it) keeps every alarm within CloudWatch's 10-metrics-per-math-alarm limit however many
    // routes functions/routes.ts lists.
    const routeAlarms: Alarm[] = [];
    for (const route of userRoutes(props.routes)) {
      const id = routeId(route);
      routeAlarms.push(
        add(
          methodMetric(props.api, route, '5XXError', 'Average', FIVE_MINUTES).createAlarm(
            this,
            `${id}5xxRate`,
            {
              alarmDescription: `More than ${t.api5xxPercent}% of ${route.method} ${route.path} requests failed with 5xx in 5 minutes`,
              threshold: t.api5xxPercent / 100,
              evaluationPeriods: 1,
              comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
              treatMissingData: TreatMissingData.NOT_BREACHING,
            },
          ),
        ),
        add(
          methodMetric(props.api, route, 'Latency', 'p99', FIVE_MINUTES).createAlarm(
            this,
            `${id}LatencyP99`,
            {
              alarmDescription: `${route.method} ${route.path} p99 latency above ${t.apiP99LatencyMs} ms for 3 periods of 5 minutes`,
              threshold: t.apiP99LatencyMs,
              evaluationPeriods: 3,
              comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
              treatMissingData: TreatMissingData.NOT_BREACHING,
            },
          ),
        ),
      );
    }
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
            alarmDescription: `Replication to ${receiving} lags more than ${t.replicationLatencyMs} ms, or reports nothing (heartbeat or replication stopped)`,
            threshold: t.replicationLatencyMs,
            evaluationPeriods: 3,
            comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
            // The region writes a heartbeat item every minute (ReplicationHeartbeat), so the metric always
            // has data while replication works; no data for 15 minutes means replication or the heartbeat
            // stopped, and that must page rather than look healthy.
            treatMissingData: TreatMissingData.BREACHING,
          },
        ),
      );
    }

    this.regionUnhealthy = new CompositeAlarm(this, 'RegionUnhealthy', {
      compositeAlarmName: props.unhealthyAlarmName,
      alarmDescription:
        'This region fails its users: an item route answers 5xx or slowly, or the table returns system errors',
      alarmRule: AlarmRule.anyOf(...routeAlarms, systemErrors),
    });
    this.regionUnhealthy.addAlarmAction(action);
    this.regionUnhealthy.addOkAction(action);
  }
}

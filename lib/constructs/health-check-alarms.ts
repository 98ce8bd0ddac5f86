import { Duration } from 'aws-cdk-lib';
import { type Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

/** One region's Route 53 health check, as the alarms see it. */
export interface WatchedHealthCheck {
  /** Health check id: a weak reference (`Fn::GetStackOutput`) when the check lives in another stack. */
  readonly id: string;
  /**
   * The check's create-only settings (HealthRouting.healthCheckSettings), written into the alarm
   * description. A change that replaces the check thereby changes this template too, so `cdk deploy` updates
   * the alarm and CloudFormation resolves the new id, instead of skipping an unchanged template.
   */
  readonly settings: string;
}

/** Props of {@link HealthCheckAlarms}. */
export interface HealthCheckAlarmsProps {
  /** Region → its health check. */
  readonly healthChecks: ReadonlyMap<string, WatchedHealthCheck>;
  /** Notified on ALARM and OK. */
  readonly topic: ITopic;
  /**
   * Consecutive unhealthy minutes before the alarm fires.
   * @default 1
   */
  readonly evaluationPeriods?: number;
}

/**
 * An alarm per region on Route 53's `HealthCheckStatus` (1 healthy, 0 unhealthy). Route 53 publishes
 * these metrics only in us-east-1, so this construct must live in a us-east-1 stack.
 */
export class HealthCheckAlarms extends Construct {
  public readonly alarms = new Map<string, Alarm>();

  constructor(scope: Construct, id: string, props: HealthCheckAlarmsProps) {
    super(scope, id);
    const action = new SnsAction(props.topic);
    for (const [region, check] of props.healthChecks) {
      const alarm = new Metric({
        namespace: 'AWS/Route53',
        metricName: 'HealthCheckStatus',
        dimensionsMap: { HealthCheckId: check.id },
        statistic: 'Minimum',
        period: Duration.minutes(1),
      }).createAlarm(this, `HealthCheck-${region}`, {
        alarmDescription: `Route 53 sees ${region} as unhealthy: its traffic is being routed elsewhere (health check: ${check.settings})`,
        threshold: 1,
        evaluationPeriods: props.evaluationPeriods ?? 1,
        comparisonOperator: ComparisonOperator.LESS_THAN_THRESHOLD,
        treatMissingData: TreatMissingData.BREACHING,
      });
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
      this.alarms.set(region, alarm);
    }
  }
}

import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { AppConfig } from '../config/app-config';
import { AlertTopic } from '../constructs/alert-topic';
import { HealthCheckAlarms } from '../constructs/health-check-alarms';
import { RegionKey } from '../constructs/region-key';

/** Props of {@link HealthAlarmsStack}. */
export interface HealthAlarmsStackProps extends StackProps {
  readonly config: AppConfig;
  /** Region → health check id (cross-region references from the regional stacks). */
  readonly healthChecks: ReadonlyMap<string, string>;
}

/**
 * Alarms on every region's Route 53 health check. Route 53 publishes HealthCheckStatus only in
 * us-east-1, so this stack always deploys there, with its own key and alert topic.
 */
export class HealthAlarmsStack extends Stack {
  public readonly alarms: HealthCheckAlarms;

  constructor(scope: Construct, id: string, props: HealthAlarmsStackProps) {
    super(scope, id, props);
    const c = props.config;
    const key = new RegionKey(this, 'AlertKey', {
      aliasName: `alias/${c.appName}-health-alerts`,
      description: 'Encrypts the health-check alert topic',
    });
    const topic = new AlertTopic(this, 'Alerts', {
      key: key.key,
      email: c.alarmEmail,
      displayName: `${c.appName} health-check alerts`,
    }).topic;
    this.alarms = new HealthCheckAlarms(this, 'HealthCheckAlarms', {
      healthChecks: props.healthChecks,
      topic,
    });
  }
}

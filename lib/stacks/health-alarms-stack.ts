import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { AppConfig } from '../config/app-config';
import { AlertTopic } from '../constructs/alert-topic';
import { HealthCheckAlarms, type WatchedHealthCheck } from '../constructs/health-check-alarms';
import { RegionKey } from '../constructs/region-key';

/** Props of {@link HealthAlarmsStack}. */
export interface HealthAlarmsStackProps extends StackProps {
  readonly config: AppConfig;
  /** Region → its health check (weak cross-stack references to the regional stacks' checks). */
  readonly healthChecks: ReadonlyMap<string, WatchedHealthCheck>;
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

import { type CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import type { AlarmReader } from '../ports';

/** Route 53 publishes HealthCheckStatus only in us-east-1, so alarms on health checks live there. */
const HEALTH_CHECK_METRICS_REGION = 'us-east-1';

/**
 * Reads (never changes) the app's alarms in ALARM state, in the drilled region and in us-east-1;
 * the app prefixes every physical name with appName.
 */
export class CloudWatchAlarmReader implements AlarmReader {
  constructor(
    private readonly clientFor: (region: string) => CloudWatchClient,
    private readonly appName: string,
  ) {}

  async alarmsFiring(region: string): Promise<string[]> {
    const regions = [...new Set([region, HEALTH_CHECK_METRICS_REGION])];
    const names: string[] = [];
    for (const r of regions) names.push(...(await this.firingIn(r)));
    return names;
  }

  private async firingIn(region: string): Promise<string[]> {
    const names: string[] = [];
    let token: string | undefined;
    do {
      const out = await this.clientFor(region).send(
        new DescribeAlarmsCommand({
          StateValue: 'ALARM',
          AlarmNamePrefix: this.appName,
          // Without AlarmTypes, DescribeAlarms returns metric alarms only, never the composite
          // "region unhealthy" alarm (CloudWatch API Reference, DescribeAlarms, AlarmTypes).
          AlarmTypes: ['MetricAlarm', 'CompositeAlarm'],
          NextToken: token,
        }),
      );
      for (const a of [...(out.MetricAlarms ?? []), ...(out.CompositeAlarms ?? [])]) {
        if (a.AlarmName) names.push(`${region}:${a.AlarmName}`);
      }
      token = out.NextToken;
    } while (token);
    return names;
  }
}

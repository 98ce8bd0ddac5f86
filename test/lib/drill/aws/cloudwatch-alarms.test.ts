import 'aws-sdk-client-mock-jest';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { CloudWatchAlarmReader } from '../../../../lib/drill/aws/cloudwatch-alarms';

const cw = mockClient(CloudWatchClient);

describe('CloudWatchAlarmReader', () => {
  it('lists the app alarms in ALARM in the region and in us-east-1 (where health-check metrics live)', async () => {
    cw.reset();
    const asked: string[] = [];
    cw.on(DescribeAlarmsCommand)
      .resolvesOnce({ MetricAlarms: [{ AlarmName: 'shop-5xx' }], NextToken: 't2' })
      .resolvesOnce({ CompositeAlarms: [{ AlarmName: 'shop-region' }] })
      .resolves({ MetricAlarms: [{ AlarmName: 'shop-health-check-eu-west-1' }] });
    const reader = new CloudWatchAlarmReader((region) => {
      asked.push(region);
      return new CloudWatchClient({ region });
    }, 'shop');
    const firing = await reader.alarmsFiring('eu-west-1');
    expect([...new Set(asked)]).toEqual(['eu-west-1', 'us-east-1']);
    expect(firing.sort()).toEqual(
      ['eu-west-1:shop-5xx', 'eu-west-1:shop-region', 'us-east-1:shop-health-check-eu-west-1'].sort(),
    );
    // Exactly these requests: both alarm types (omitted, DescribeAlarms returns metric alarms only), and
    // the second page asked for with the first page's NextToken.
    const query = {
      StateValue: 'ALARM',
      AlarmNamePrefix: 'shop',
      AlarmTypes: ['MetricAlarm', 'CompositeAlarm'],
    };
    expect(cw.commandCalls(DescribeAlarmsCommand).map((c) => c.args[0].input)).toEqual([
      { ...query, NextToken: undefined },
      { ...query, NextToken: 't2' },
      { ...query, NextToken: undefined },
    ]);
    expect(asked).toEqual(['eu-west-1', 'eu-west-1', 'us-east-1']);
  });
});

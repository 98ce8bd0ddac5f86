import { Match } from 'aws-cdk-lib/assertions';
import { buildMonitoring } from '../../helpers/monitoring';

describe('RegionAlarms', () => {
  const { template } = buildMonitoring();
  const alarms = template.findResources('AWS::CloudWatch::Alarm');
  const topicRef = { Ref: Object.keys(template.findResources('AWS::SNS::Topic'))[0] };

  it('has the API, per-function, table and per-receiving-region replication alarms', () => {
    // 5xx rate + p99 latency + 2 functions x (errors, throttles) + table throttles + system errors
    // + replication latency to 2 regions.
    expect(Object.keys(alarms)).toHaveLength(2 + 4 + 2 + 2);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Latency',
      Namespace: 'AWS/ApiGateway',
      ExtendedStatistic: 'p99',
      Threshold: 3000,
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Metrics: Match.arrayWith([
        Match.objectLike({ Expression: 'IF(requests > 0, 100 * errors / requests, 0)' }),
      ]),
      Threshold: 5,
    });
    for (const receiving of ['us-east-1', 'ap-southeast-2']) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: 'ReplicationLatency',
        Namespace: 'AWS/DynamoDB',
        Dimensions: Match.arrayWith([{ Name: 'ReceivingRegion', Value: receiving }]),
      });
    }
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Throttles',
      Namespace: 'AWS/Lambda',
    });
  });

  it('points every alarm action and OK action at the alert topic', () => {
    for (const alarm of Object.values(alarms)) {
      expect(alarm.Properties.AlarmActions).toEqual([topicRef]);
      expect(alarm.Properties.OKActions).toEqual([topicRef]);
    }
  });

  it('has a composite region-unhealthy alarm over 5xx, latency and table system errors, wired to the topic', () => {
    template.resourceCountIs('AWS::CloudWatch::CompositeAlarm', 1);
    const composite = Object.values(template.findResources('AWS::CloudWatch::CompositeAlarm'))[0].Properties;
    expect(composite.AlarmActions).toEqual([topicRef]);
    const rule = JSON.stringify(composite.AlarmRule);
    for (const part of ['Api5xxRate', 'ApiLatencyP99', 'TableSystemErrors']) expect(rule).toContain(part);
  });
});

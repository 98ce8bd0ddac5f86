import { Match } from 'aws-cdk-lib/assertions';
import { buildMonitoring } from '../../helpers/monitoring';

describe('RegionAlarms', () => {
  const { template } = buildMonitoring();
  const alarms = template.findResources('AWS::CloudWatch::Alarm');
  const topicRef = { Ref: Object.keys(template.findResources('AWS::SNS::Topic'))[0] };
  const apiGatewayAlarms = Object.values(alarms).filter((a) => a.Properties.Namespace === 'AWS/ApiGateway');

  it('has per-item-route, per-function, table and per-receiving-region replication alarms', () => {
    // 2 item routes x (5xx rate, p99) + 2 functions x (errors, throttles) + table throttles + system errors
    // + replication latency to 2 regions.
    expect(Object.keys(alarms)).toHaveLength(4 + 4 + 2 + 2);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Throttles',
      Namespace: 'AWS/Lambda',
    });
  });

  it('alarms on replication latency per receiving region, and on missing data (the heartbeat keeps it flowing)', () => {
    for (const receiving of ['us-east-1', 'ap-southeast-2']) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/DynamoDB',
        MetricName: 'ReplicationLatency',
        Dimensions: Match.arrayEquals([
          { Name: 'ReceivingRegion', Value: receiving },
          { Name: 'TableName', Value: 'app-data' },
        ]),
        Statistic: 'Average',
        Period: 300,
        Threshold: 60_000,
        EvaluationPeriods: 3,
        ComparisonOperator: 'GreaterThanThreshold',
        TreatMissingData: 'breaching',
      });
    }
  });

  it('alarms on the 5xx rate of each item route: 5XXError average above 5 % in one 5-minute period', () => {
    for (const [method, resource] of [
      ['POST', '/items'],
      ['GET', '/items/{id}'],
    ]) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/ApiGateway',
        MetricName: '5XXError',
        Statistic: 'Average',
        Dimensions: Match.arrayEquals([
          { Name: 'ApiName', Value: 'Api' },
          { Name: 'Method', Value: method },
          { Name: 'Resource', Value: resource },
          { Name: 'Stage', Value: { Ref: Match.stringLikeRegexp('^ApiDeploymentStageprod') } },
        ]),
        Period: 300,
        Threshold: 0.05,
        EvaluationPeriods: 1,
        ComparisonOperator: 'GreaterThanThreshold',
        TreatMissingData: 'notBreaching',
      });
    }
  });

  it('alarms on the p99 latency of each item route above 3 s for 3 periods of 5 minutes', () => {
    for (const [method, resource] of [
      ['POST', '/items'],
      ['GET', '/items/{id}'],
    ]) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/ApiGateway',
        MetricName: 'Latency',
        ExtendedStatistic: 'p99',
        Dimensions: Match.arrayWith([
          { Name: 'Method', Value: method },
          { Name: 'Resource', Value: resource },
        ]),
        Period: 300,
        Threshold: 3000,
        EvaluationPeriods: 3,
        ComparisonOperator: 'GreaterThanThreshold',
        TreatMissingData: 'notBreaching',
      });
    }
  });

  it('keeps the public routes (/health, /openapi.json) and API-wide metrics out of every API alarm', () => {
    expect(apiGatewayAlarms).toHaveLength(4);
    for (const alarm of apiGatewayAlarms) {
      const dims = alarm.Properties.Dimensions as { Name: string; Value: unknown }[];
      const resource = dims.find((d) => d.Name === 'Resource')?.Value;
      expect(resource).toMatch(/^\/items/);
    }
    expect(JSON.stringify(alarms)).not.toContain('/health');
    expect(JSON.stringify(alarms)).not.toContain('/openapi.json');
  });

  it('points every alarm action and OK action at the alert topic', () => {
    for (const alarm of Object.values(alarms)) {
      expect(alarm.Properties.AlarmActions).toEqual([topicRef]);
      expect(alarm.Properties.OKActions).toEqual([topicRef]);
    }
  });

  it('has a composite region-unhealthy alarm over every item-route alarm and table system errors', () => {
    template.resourceCountIs('AWS::CloudWatch::CompositeAlarm', 1);
    const composite = Object.values(template.findResources('AWS::CloudWatch::CompositeAlarm'))[0].Properties;
    expect(composite.AlarmActions).toEqual([topicRef]);
    const rule = JSON.stringify(composite.AlarmRule);
    for (const part of [
      'PostItems5xxRate',
      'PostItemsLatencyP99',
      'GetItemsId5xxRate',
      'GetItemsIdLatencyP99',
      'TableSystemErrors',
    ]) {
      expect(rule).toContain(part);
    }
  });
});

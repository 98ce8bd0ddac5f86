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
    // A fixed name: the bake step finds it from the config alone.
    expect(composite.AlarmName).toBe('app-eu-west-1-unhealthy');
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

/**
 * Each alarm's settings as docs/DEPLOY.md states them ("per item route 5xx above 5 % in 5 minutes and p99
 * above 3 s for 15 minutes, 5 Lambda errors or 1 throttle in 5 minutes per function, any DynamoDB throttle
 * or system error, replication to any region lagging over 60 s"): threshold, comparison, period,
 * statistic, evaluation periods, datapoints and how missing data counts, for every alarm by its id.
 */
describe('RegionAlarms settings', () => {
  const { template } = buildMonitoring();
  const alarms = template.findResources('AWS::CloudWatch::Alarm');
  /** The one alarm whose logical id starts with `Alarms<id>`. */
  const alarm = (id: string) => {
    const found = Object.entries(alarms).filter(([logicalId]) => logicalId.startsWith(`Alarms${id}`));
    expect(found).toHaveLength(1);
    return found[0][1].Properties;
  };
  /** Period of every metric a math-expression alarm reads. */
  const mathPeriods = (p: { Metrics: { MetricStat?: { Period: number } }[] }) => [
    ...new Set(p.Metrics.flatMap((m) => (m.MetricStat ? [m.MetricStat.Period] : []))),
  ];

  const atLeast = 'GreaterThanOrEqualToThreshold';
  const above = 'GreaterThanThreshold';
  const quiet = 'notBreaching';
  const cases: [string, Record<string, unknown>, string | null][] = [
    // 5XXError's Average is the route's 5xx rate as a fraction: 5 % is 0.05.
    [
      'PostItems5xxRate',
      { Threshold: 0.05, ComparisonOperator: above, EvaluationPeriods: 1, TreatMissingData: quiet },
      'Average',
    ],
    [
      'GetItemsId5xxRate',
      { Threshold: 0.05, ComparisonOperator: above, EvaluationPeriods: 1, TreatMissingData: quiet },
      'Average',
    ],
    [
      'PostItemsLatencyP99',
      { Threshold: 3000, ComparisonOperator: above, EvaluationPeriods: 3, TreatMissingData: quiet },
      'p99',
    ],
    [
      'GetItemsIdLatencyP99',
      { Threshold: 3000, ComparisonOperator: above, EvaluationPeriods: 3, TreatMissingData: quiet },
      'p99',
    ],
    [
      'healthErrors',
      { Threshold: 5, ComparisonOperator: atLeast, EvaluationPeriods: 1, TreatMissingData: quiet },
      'Sum',
    ],
    [
      'healthThrottles',
      { Threshold: 1, ComparisonOperator: atLeast, EvaluationPeriods: 1, TreatMissingData: quiet },
      'Sum',
    ],
    [
      'authorizerErrors',
      { Threshold: 5, ComparisonOperator: atLeast, EvaluationPeriods: 1, TreatMissingData: quiet },
      'Sum',
    ],
    [
      'authorizerThrottles',
      { Threshold: 1, ComparisonOperator: atLeast, EvaluationPeriods: 1, TreatMissingData: quiet },
      'Sum',
    ],
    [
      'TableThrottles',
      { Threshold: 1, ComparisonOperator: atLeast, EvaluationPeriods: 1, TreatMissingData: quiet },
      null,
    ],
    [
      'TableSystemErrors',
      { Threshold: 1, ComparisonOperator: atLeast, EvaluationPeriods: 1, TreatMissingData: quiet },
      null,
    ],
    // The heartbeat keeps ReplicationLatency flowing, so no data is itself an alarm.
    [
      'ReplicationLatencyuseast1',
      { Threshold: 60_000, ComparisonOperator: above, EvaluationPeriods: 3, TreatMissingData: 'breaching' },
      'Average',
    ],
    [
      'ReplicationLatencyapsoutheast2',
      { Threshold: 60_000, ComparisonOperator: above, EvaluationPeriods: 3, TreatMissingData: 'breaching' },
      'Average',
    ],
  ];

  it('covers every alarm of the region', () => {
    expect(Object.keys(alarms)).toHaveLength(cases.length);
  });

  it.each(cases)('%s: %o over 5-minute periods (%s)', (id, settings, statistic) => {
    const p = alarm(id);
    expect(p).toMatchObject(settings);
    // Every evaluated period must breach: no "M out of N".
    expect(p.DatapointsToAlarm).toBeUndefined();
    if (statistic === null) {
      expect(p.Period).toBeUndefined();
      expect(mathPeriods(p)).toEqual([300]);
    } else {
      expect(p.Period).toBe(300);
      expect(statistic === 'p99' ? p.ExtendedStatistic : p.Statistic).toBe(statistic);
    }
  });
});

import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { MockIntegration, RestApi } from 'aws-cdk-lib/aws-apigateway';
import { Code, Function as LambdaFn, Runtime } from 'aws-cdk-lib/aws-lambda';
import { AlertTopic } from '../../../lib/constructs/alert-topic';
import { RegionAlarms } from '../../../lib/constructs/region-alarms';
import { RegionDashboard } from '../../../lib/constructs/region-dashboard';
import { stackWithKey } from '../../helpers/stack';

function build(email?: string) {
  const { stack, key } = stackWithKey('eu-west-1');
  const api = new RestApi(stack, 'Api', { cloudWatchRole: false });
  api.root.addMethod('GET', new MockIntegration());
  const fn = (id: string) =>
    new LambdaFn(stack, id, {
      runtime: Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: Code.fromInline('x'),
    });
  const functions = new Map([
    ['health', fn('Health')],
    ['authorizer', fn('Authorizer')],
  ]);
  const topic = new AlertTopic(stack, 'Alerts', { key, email }).topic;
  const alarms = new RegionAlarms(stack, 'Alarms', {
    api,
    functions,
    tableName: 'app-data',
    replicaRegions: ['us-east-1', 'ap-southeast-2'],
    topic,
  });
  new RegionDashboard(stack, 'Dashboard', {
    dashboardName: 'app-eu-west-1',
    api,
    functions,
    tableName: 'app-data',
    replicaRegions: ['us-east-1', 'ap-southeast-2'],
    alarms: alarms.alarms,
  });
  return { stack, key, template: Template.fromStack(stack) };
}

describe('AlertTopic', () => {
  it('is KMS-encrypted, TLS-only, and subscribes the alarm email', () => {
    const { stack, key, template } = build('ops@example.com');
    template.hasResourceProperties('AWS::SNS::Topic', {
      KmsMasterKeyId: { 'Fn::GetAtt': [Stack.of(key).getLogicalId(key.node.defaultChild as never), 'Arn'] },
    });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.com',
    });
    expect(stack.region).toBe('eu-west-1');
  });

  it('has no subscription without an email', () => {
    build().template.resourceCountIs('AWS::SNS::Subscription', 0);
  });
});

describe('RegionAlarms', () => {
  const { template } = build();
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

describe('RegionDashboard', () => {
  it('is named after the region stack and shows alarms and replication latency', () => {
    const { template } = build();
    template.hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardName: 'app-eu-west-1' });
    const body = JSON.stringify(
      Object.values(template.findResources('AWS::CloudWatch::Dashboard'))[0].Properties.DashboardBody,
    );
    expect(body).toContain('ReplicationLatency');
    expect(body).toContain('AlarmsApi5xxRate');
    expect(body).toContain('AlarmsTableSystemErrors');
  });
});

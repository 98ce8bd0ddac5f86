import { Match, Template } from 'aws-cdk-lib/assertions';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { HealthCheckAlarms } from '../../../lib/constructs/health-check-alarms';
import { testStack } from '../../helpers/stack';

describe('HealthCheckAlarms', () => {
  const stack = testStack('us-east-1');
  const topic = new Topic(stack, 'Topic');
  new HealthCheckAlarms(stack, 'Alarms', {
    healthChecks: new Map([
      ['us-east-1', { id: 'hc-1', settings: 'HTTPS every 10 s' }],
      ['eu-west-1', { id: 'hc-2', settings: 'HTTPS every 10 s' }],
    ]),
    topic,
  });
  const template = Template.fromStack(stack);

  it("alarms on each region's Route 53 HealthCheckStatus and notifies the topic", () => {
    template.resourceCountIs('AWS::CloudWatch::Alarm', 2);
    for (const id of ['hc-1', 'hc-2']) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/Route53',
        MetricName: 'HealthCheckStatus',
        Dimensions: [{ Name: 'HealthCheckId', Value: id }],
        Statistic: 'Minimum',
        Threshold: 1,
        ComparisonOperator: 'LessThanThreshold',
        // One minute below 1 (unhealthy at any point of it) fires; no data counts as unhealthy.
        Period: 60,
        EvaluationPeriods: 1,
        DatapointsToAlarm: Match.absent(),
        TreatMissingData: 'breaching',
        AlarmActions: [{ Ref: stack.getLogicalId(topic.node.defaultChild as never) }],
        OKActions: [{ Ref: stack.getLogicalId(topic.node.defaultChild as never) }],
      });
    }
  });

  it("writes the check's create-only settings into the description, so a replaced check updates the alarm", () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmDescription:
        'Route 53 sees eu-west-1 as unhealthy: its traffic is being routed elsewhere (health check: HTTPS every 10 s)',
    });
  });
});

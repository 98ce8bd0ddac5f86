import { Match, Template } from 'aws-cdk-lib/assertions';
import { AlertTopic } from '../../../lib/constructs/alert-topic';
import { BackupJobAlerts } from '../../../lib/constructs/backup-job-alerts';
import { stackWithKey } from '../../helpers/stack';

describe('BackupJobAlerts', () => {
  const { stack, key } = stackWithKey('eu-west-1');
  const topic = new AlertTopic(stack, 'Alerts', { key }).topic;
  new BackupJobAlerts(stack, 'BackupAlerts', { topic, topicKey: key });
  const template = Template.fromStack(stack);
  const topicRef = { Ref: stack.getLogicalId(topic.node.defaultChild as never) };

  it('matches backup and copy jobs that ended FAILED, ABORTED or EXPIRED', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.backup'],
        'detail-type': ['Backup Job State Change', 'Copy Job State Change'],
        detail: { state: ['FAILED', 'ABORTED', 'EXPIRED'] },
      },
      State: 'ENABLED',
    });
  });

  it('publishes a message naming the event, state, region and details to the alert topic', () => {
    const rule = Object.values(template.findResources('AWS::Events::Rule'))[0].Properties;
    expect(rule.Targets).toHaveLength(1);
    expect(rule.Targets[0].Arn).toEqual(topicRef);
    const input = rule.Targets[0].InputTransformer;
    expect(input.InputPathsMap).toEqual(
      expect.objectContaining({
        'detail-type': '$.detail-type',
        'detail-state': '$.detail.state',
        region: '$.region',
        detail: '$.detail',
      }),
    );
    expect(input.InputTemplate).toContain('<detail-state>');
  });

  it('lets EventBridge publish to the topic and use the key only for this account and region', () => {
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 'sns:Publish',
            Effect: 'Allow',
            Principal: { Service: 'events.amazonaws.com' },
            Resource: topicRef,
          }),
        ]),
      },
    });
    const keyPolicy = JSON.stringify(
      Object.values(template.findResources('AWS::KMS::Key'))[0].Properties.KeyPolicy.Statement,
    );
    expect(keyPolicy).toContain('"Sid":"EventBridgeToThisAccountsTopics"');
    expect(keyPolicy).toContain('kms:EncryptionContext:aws:sns:topicArn');
  });
});

import { Stack } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { buildMonitoring } from '../../helpers/monitoring';

describe('AlertTopic', () => {
  it('is KMS-encrypted, TLS-only, and subscribes the alarm email', () => {
    const { stack, key, template } = buildMonitoring('ops@example.com');
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

  it('lets only CloudWatch alarms of its own account and region publish (its policy replaces the default)', () => {
    const { stack, template } = buildMonitoring();
    const topicId = template.findResources('AWS::SNS::Topic');
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Sid: 'CloudWatchAlarmsOfThisAccountAndRegion',
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
            Resource: { Ref: Object.keys(topicId)[0] },
            Condition: {
              ArnLike: {
                'aws:SourceArn': {
                  'Fn::Join': [
                    '',
                    [
                      'arn:',
                      { Ref: 'AWS::Partition' },
                      `:cloudwatch:${stack.region}:${stack.account}:alarm:*`,
                    ],
                  ],
                },
              },
            },
          },
        ]),
      },
    });
  });

  it('has no subscription without an email', () => {
    buildMonitoring().template.resourceCountIs('AWS::SNS::Subscription', 0);
  });
});

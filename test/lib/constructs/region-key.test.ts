import { Match, Template } from 'aws-cdk-lib/assertions';
import { RegionKey } from '../../../lib/constructs/region-key';
import { testStack } from '../../helpers/stack';

describe('RegionKey', () => {
  const stack = testStack('eu-west-1');
  new RegionKey(stack, 'Key', { aliasName: 'alias/app-data' });
  const template = Template.fromStack(stack);

  it('creates a rotating key with the deterministic alias, retained on stack deletion', () => {
    template.hasResource('AWS::KMS::Key', {
      Properties: { EnableKeyRotation: true },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    template.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/app-data' });
  });

  it('lets CloudWatch Logs use it only for log groups of this account and region', () => {
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'CloudWatchLogsOfThisAccountAndRegion',
            Principal: { Service: 'logs.eu-west-1.amazonaws.com' },
            Condition: {
              ArnLike: {
                'kms:EncryptionContext:aws:logs:arn': {
                  'Fn::Join': [
                    '',
                    ['arn:', { Ref: 'AWS::Partition' }, ':logs:eu-west-1:111111111111:log-group:*'],
                  ],
                },
              },
            },
          }),
        ]),
      },
    });
  });

  it('lets CloudWatch alarms and EventBridge rules publish only to SNS topics of this account and region', () => {
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: ['cloudwatch.amazonaws.com', 'events.amazonaws.com'] },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
            Condition: {
              ArnLike: {
                'kms:EncryptionContext:aws:sns:topicArn': {
                  'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sns:eu-west-1:111111111111:*']],
                },
              },
            },
          }),
        ]),
      },
    });
  });
});

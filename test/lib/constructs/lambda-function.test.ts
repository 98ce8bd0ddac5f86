import { Match, Template } from 'aws-cdk-lib/assertions';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { LambdaFunction } from '../../../lib/constructs/lambda-function';
import { stackWithKey } from '../../helpers/stack';

describe('LambdaFunction', () => {
  const { stack, key } = stackWithKey();
  new LambdaFunction(stack, 'Fn', {
    handler: 'items/create',
    logKey: key,
    logRetentionDays: RetentionDays.ONE_MONTH,
    environment: { TABLE_NAME: 't' },
  });
  const template = Template.fromStack(stack);

  it('runs on ARM64, Node.js 24, with active tracing, source maps and the given environment', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Architectures: ['arm64'],
      Runtime: 'nodejs24.x',
      Handler: 'index.handler',
      TracingConfig: { Mode: 'Active' },
      Environment: {
        Variables: { TABLE_NAME: 't', NODE_OPTIONS: '--enable-source-maps' },
      },
    });
  });

  it('logs to its own KMS-encrypted log group with the configured retention', () => {
    template.resourceCountIs('AWS::Logs::LogGroup', 1);
    template.hasResource('AWS::Logs::LogGroup', {
      Properties: {
        RetentionInDays: 30,
        KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('TestKey'), 'Arn'] },
      },
      DeletionPolicy: 'Retain',
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      LoggingConfig: { LogGroup: { Ref: Match.stringLikeRegexp('FnLogs') } },
    });
  });

  it('has a role without AWSLambdaBasicExecutionRole that may write only to that log group', () => {
    const roles = template.findResources('AWS::IAM::Role');
    expect(Object.keys(roles)).toHaveLength(1);
    expect(Object.values(roles)[0].Properties.ManagedPolicyArns).toBeUndefined();
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
            Effect: 'Allow',
            Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('FnLogs'), 'Arn'] },
          },
        ]),
      },
    });
  });

  it('rejects a handler file that does not exist', () => {
    const { stack: other, key: otherKey } = stackWithKey();
    expect(
      () =>
        new LambdaFunction(other, 'Missing', {
          handler: 'does/not-exist',
          logKey: otherKey,
          logRetentionDays: RetentionDays.ONE_DAY,
        }),
    ).toThrow(/not-exist/);
  });
});

import { Match, Template } from 'aws-cdk-lib/assertions';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { ApiGatewayCloudWatchRole } from '../../../lib/constructs/api-gateway-cloudwatch-role';
import { iamStatements, stackWithKey } from '../../helpers/stack';

describe('ApiGatewayCloudWatchRole', () => {
  const { stack, key } = stackWithKey('eu-west-1');
  const c = new ApiGatewayCloudWatchRole(stack, 'CloudWatchRole', {
    logKey: key,
    logRetentionDays: RetentionDays.ONE_WEEK,
  });
  const template = Template.fromStack(stack);
  const roleId = stack.getLogicalId(c.role.node.defaultChild as never);

  it('does not declare AWS::ApiGateway::Account (one per account and region, shared with other apps)', () => {
    template.resourceCountIs('AWS::ApiGateway::Account', 0);
    template.resourceCountIs('Custom::ApiGatewayCloudWatchRole', 1);
  });

  it('keeps the role API Gateway assumes when the stack is deleted (the setting may still point at it)', () => {
    template.hasResource('AWS::IAM::Role', {
      Properties: Match.objectLike({
        AssumeRolePolicyDocument: Match.objectLike({
          Statement: [Match.objectLike({ Principal: { Service: 'apigateway.amazonaws.com' } })],
        }),
        ManagedPolicyArns: [
          {
            'Fn::Join': [
              '',
              [
                'arn:',
                { Ref: 'AWS::Partition' },
                ':iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs',
              ],
            ],
          },
        ],
      }),
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  it('lets its function read and patch only the account settings, and pass only that role', () => {
    const statements = iamStatements(template).filter((s) => JSON.stringify(s.Action).includes('apigateway'));
    expect(statements).toEqual([
      expect.objectContaining({
        Action: ['apigateway:GET', 'apigateway:PATCH'],
        Resource: {
          'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':apigateway:eu-west-1::/account']],
        },
      }),
    ]);
    expect(iamStatements(template)).toContainEqual(
      expect.objectContaining({ Action: 'iam:PassRole', Resource: { 'Fn::GetAtt': [roleId, 'Arn'] } }),
    );
  });
});

import { Match, Template } from 'aws-cdk-lib/assertions';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { JwksTamperAlarms } from '../../../lib/constructs/jwks-tamper-alarms';
import { testStack } from '../../helpers/stack';

describe('JwksTamperAlarms (security review, finding 1)', () => {
  const stack = testStack('eu-west-1');
  const topic = new Topic(stack, 'Topic');
  new JwksTamperAlarms(stack, 'Tamper', {
    tableName: 'app-data',
    authorizerRoleName: 'app-authorizer-eu-west-1',
    serviceName: 'app',
    topic,
  });
  const template = Template.fromStack(stack);
  const topicRef = { Ref: stack.getLogicalId(topic.node.defaultChild as never) };

  it('alarms on the first JWKS copy an authorizer rejected, to the alert topic', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'app',
      MetricName: 'JwksCopyRejected',
      Dimensions: [
        { Name: 'region', Value: 'eu-west-1' },
        { Name: 'service', Value: 'app' },
      ],
      Statistic: 'Sum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      AlarmActions: [topicRef],
    });
  });

  it("sends every write to the JWKS item by anyone but the authorizer's sessions to the alert topic", () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.dynamodb'],
        'detail-type': ['AWS API Call via CloudTrail'],
        detail: {
          eventSource: ['dynamodb.amazonaws.com'],
          eventName: ['PutItem', 'UpdateItem', 'DeleteItem'],
          requestParameters: {
            tableName: [
              'app-data',
              {
                'Fn::Join': [
                  '',
                  ['arn:', { Ref: 'AWS::Partition' }, ':dynamodb:eu-west-1:111111111111:table/app-data'],
                ],
              },
            ],
            key: { pk: ['JWKS'] },
          },
          userIdentity: {
            arn: [
              {
                'anything-but': {
                  prefix: {
                    'Fn::Join': [
                      '',
                      [
                        'arn:',
                        { Ref: 'AWS::Partition' },
                        ':sts::111111111111:assumed-role/app-authorizer-eu-west-1/',
                      ],
                    ],
                  },
                },
              },
            ],
          },
        },
      },
      Targets: [Match.objectLike({ Arn: topicRef })],
    });
  });
});

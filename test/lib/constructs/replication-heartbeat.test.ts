import { Template } from 'aws-cdk-lib/assertions';
import { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { HEARTBEAT_PK, ReplicationHeartbeat } from '../../../lib/constructs/replication-heartbeat';
import { actionsOf, iamStatements, stackWithKey } from '../../helpers/stack';

describe('ReplicationHeartbeat', () => {
  const { stack, key } = stackWithKey('eu-west-1');
  const table = TableV2.fromTableAttributes(stack, 'Table', { tableName: 'app-data', encryptionKey: key });
  new ReplicationHeartbeat(stack, 'Heartbeat', { table, key });
  const template = Template.fromStack(stack);
  const schedule = Object.values(template.findResources('AWS::Scheduler::Schedule'))[0].Properties;

  it('calls DynamoDB PutItem every minute through EventBridge Scheduler, without retries', () => {
    expect(schedule.ScheduleExpression).toBe('rate(1 minute)');
    expect(schedule.State).toBe('ENABLED');
    expect(schedule.Target.Arn).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':scheduler:::aws-sdk:dynamodb:putItem']],
    });
    expect(schedule.Target.RetryPolicy).toEqual({ MaximumEventAgeInSeconds: 60, MaximumRetryAttempts: 0 });
    expect(schedule.KmsKeyArn).toEqual({
      'Fn::GetAtt': [stack.getLogicalId(key.node.defaultChild as never), 'Arn'],
    });
  });

  it('writes the item pk = HEARTBEAT, sk = its region, at = the scheduled time', () => {
    expect(JSON.parse(schedule.Target.Input)).toEqual({
      TableName: 'app-data',
      Item: { pk: { S: HEARTBEAT_PK }, sk: { S: 'eu-west-1' }, at: { S: '<aws.scheduler.scheduled-time>' } },
    });
  });

  it('may put only heartbeat items, with the replica key, as the scheduler of this account', () => {
    const statements = iamStatements(template);
    const put = statements.find((s) => actionsOf([s]).includes('dynamodb:PutItem'));
    expect(actionsOf(statements).filter((a) => a.startsWith('dynamodb:'))).toEqual(['dynamodb:PutItem']);
    expect(put?.Condition).toEqual({
      'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['HEARTBEAT'] },
    });
    expect(JSON.stringify(put?.Resource)).toContain(':dynamodb:eu-west-1:111111111111:table/app-data');
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          {
            Action: 'sts:AssumeRole',
            Effect: 'Allow',
            Principal: { Service: 'scheduler.amazonaws.com' },
            Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } },
          },
        ],
      },
    });
  });
});

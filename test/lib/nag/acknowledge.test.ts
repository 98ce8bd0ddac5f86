import { Stack } from 'aws-cdk-lib';
import { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { wildcardResourceFinding } from '../../../lib/nag/acknowledge';
import { testStack } from '../../helpers/stack';

describe('wildcardResourceFinding', () => {
  it("names the finding as cdk-nag does for an imported table's indexes", () => {
    const stack = testStack('eu-west-1');
    const table = TableV2.fromTableName(stack, 'T', 'app-data');
    expect(wildcardResourceFinding(stack, `${table.tableArn}/index/*`)).toBe(
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:dynamodb:eu-west-1:111111111111:table/app-data/index/*]',
    );
    expect(Stack.of(table)).toBe(stack);
  });
});

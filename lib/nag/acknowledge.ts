import { Stack, Validations } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference';
import type { IConstruct } from 'constructs';

/** cdk-nag's id of a wildcard-resource finding for `arn` (a token or string) as it appears in a policy. */
export function wildcardResourceFinding(scope: IConstruct, arn: string): string {
  return `AwsSolutions-IAM5[Resource::${flattenCfnReference(Stack.of(scope).resolve(arn))}]`;
}

/**
 * Acknowledges the wildcards that `table.grantReadData` / `grantReadWriteData` produce on `grantee`,
 * with why each one is as narrow as it can be.
 */
export function acknowledgeTableGrant(grantee: IConstruct, table: ITableV2): void {
  Validations.of(grantee).acknowledge(
    {
      id: wildcardResourceFinding(grantee, `${table.tableArn}/index/*`),
      reason:
        "Queries use the table's global secondary indexes (TABLE_SCHEMA.indexes); the grant covers only this table's indexes.",
    },
    {
      id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
      reason:
        "Added by grantReadWriteData on the table's own customer-managed key only: DynamoDB needs a data key to encrypt writes.",
    },
    {
      id: 'AwsSolutions-IAM5[Action::kms:ReEncrypt*]',
      reason:
        "Added by grantReadWriteData on the table's own customer-managed key only (key rotation re-encryption).",
    },
  );
}

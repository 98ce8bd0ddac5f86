import { Match, Template } from 'aws-cdk-lib/assertions';
import { TABLE_SCHEMA } from '../../../functions/shared/table-schema';
import { GlobalTable } from '../../../lib/constructs/global-table';
import { stackWithKey } from '../../helpers/stack';

describe('GlobalTable', () => {
  const { stack, key } = stackWithKey('us-east-1');
  new GlobalTable(stack, 'Data', {
    tableName: 'app-data',
    encryptionKey: key,
    replicaKeyArns: {
      'eu-west-1': 'arn:aws:kms:eu-west-1:111111111111:alias/app-data',
      'ap-southeast-2': 'arn:aws:kms:ap-southeast-2:111111111111:alias/app-data',
    },
    pitrRecoveryDays: 7,
  });
  const template = Template.fromStack(stack);
  const pitr = { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 7 };

  it('is one on-demand global table, retained, with TTL, stream and the owner index (byResourceOwner)', () => {
    template.resourceCountIs('AWS::DynamoDB::GlobalTable', 1);
    template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        TableName: 'app-data',
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
        StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
        GlobalSecondaryIndexes: [
          Match.objectLike({
            IndexName: 'byResourceOwner',
            KeySchema: [
              { AttributeName: 'resourceOwner', KeyType: 'HASH' },
              { AttributeName: 'createdAt', KeyType: 'RANGE' },
            ],
          }),
        ],
      }),
    });
  });

  it('declares every index of TABLE_SCHEMA with its keys, and no other', () => {
    const gsis = Object.values(template.findResources('AWS::DynamoDB::GlobalTable'))[0].Properties
      .GlobalSecondaryIndexes;
    const expected = Object.values(TABLE_SCHEMA.indexes).map((i) => ({
      IndexName: i.name,
      KeySchema: [
        { AttributeName: i.partitionKey, KeyType: 'HASH' },
        { AttributeName: i.sortKey, KeyType: 'RANGE' },
      ],
    }));
    expect(
      gsis.map((g: { IndexName: string; KeySchema: unknown }) => ({
        IndexName: g.IndexName,
        KeySchema: g.KeySchema,
      })),
    ).toEqual(expected);
  });

  it("has a replica per region with deletion protection, the PITR window and that region's own key", () => {
    const replicas = Object.values(template.findResources('AWS::DynamoDB::GlobalTable'))[0].Properties
      .Replicas;
    expect(replicas.map((r: { Region: string }) => r.Region).sort()).toEqual([
      'ap-southeast-2',
      'eu-west-1',
      'us-east-1',
    ]);
    for (const r of replicas) {
      expect(r.DeletionProtectionEnabled).toBe(true);
      expect(r.PointInTimeRecoverySpecification).toEqual(pitr);
    }
    const keyOf = (region: string) =>
      replicas.find((r: { Region: string }) => r.Region === region).SSESpecification.KMSMasterKeyId;
    expect(keyOf('eu-west-1')).toBe('arn:aws:kms:eu-west-1:111111111111:alias/app-data');
    expect(keyOf('ap-southeast-2')).toBe('arn:aws:kms:ap-southeast-2:111111111111:alias/app-data');
    expect(keyOf('us-east-1')).toEqual({
      'Fn::GetAtt': [stack.getLogicalId(key.node.defaultChild as never), 'Arn'],
    });
  });
});

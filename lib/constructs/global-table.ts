import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AttributeType, Billing, StreamViewType, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { TABLE_SCHEMA } from '../../functions/shared/table-schema';

/** Tag naming the region of each replica (the same key the stacks tag every resource with). */
export const REPLICA_REGION_TAG = 'AppRegion';

/** Props of {@link GlobalTable}. */
export interface GlobalTableProps {
  /** Physical name, identical in every region so regional stacks can reference their replica by name. */
  readonly tableName: string;
  /** This (primary) region's customer-managed key. */
  readonly encryptionKey: IKey;
  /**
   * Replica region → ARN of a key (or key alias) in that region. Every region listed gets a replica.
   * @default {} - no replicas
   */
  readonly replicaKeyArns?: Readonly<Record<string, string>>;
  /**
   * Point-in-time recovery window in days (1-35), on the table and every replica.
   * @default 35
   */
  readonly pitrRecoveryDays?: number;
}

/**
 * The one DynamoDB global table (version 2019.11.21) with a replica per region, keyed by TABLE_SCHEMA.
 * Data is retained when the stack is deleted and the table cannot be deleted by accident.
 */
export class GlobalTable extends Construct {
  public readonly table: TableV2;

  constructor(scope: Construct, id: string, props: GlobalTableProps) {
    super(scope, id);
    const replicaKeyArns = props.replicaKeyArns ?? {};
    const pitr = { pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: props.pitrRecoveryDays ?? 35 };
    this.table = new TableV2(this, 'Table', {
      tableName: props.tableName,
      partitionKey: { name: TABLE_SCHEMA.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE_SCHEMA.sortKey, type: AttributeType.STRING },
      billing: Billing.onDemand(),
      encryption: TableEncryptionV2.customerManagedKey(props.encryptionKey, { ...replicaKeyArns }),
      pointInTimeRecoverySpecification: pitr,
      deletionProtection: true,
      timeToLiveAttribute: TABLE_SCHEMA.ttlAttribute,
      // Global tables replicate through the stream; both images let consumers see what a conflict overwrote.
      dynamoStream: StreamViewType.NEW_AND_OLD_IMAGES,
      // Every index of TABLE_SCHEMA, so adding one there needs no change here.
      globalSecondaryIndexes: Object.values(TABLE_SCHEMA.indexes).map((idx) => ({
        indexName: idx.name,
        partitionKey: { name: idx.partitionKey, type: AttributeType.STRING },
        sortKey: { name: idx.sortKey, type: AttributeType.STRING },
      })),
      // Each replica is tagged with its own region: tags inherited from the stack would all name the
      // primary region (the stack that declares the global table), and cost reports group by this tag.
      replicas: Object.keys(replicaKeyArns).map((region) => ({
        region,
        deletionProtection: true,
        pointInTimeRecoverySpecification: pitr,
        tags: [{ key: REPLICA_REGION_TAG, value: region }],
      })),
      removalPolicy: RemovalPolicy.RETAIN,
      tags: [{ key: REPLICA_REGION_TAG, value: Stack.of(this).region }],
    });
  }
}

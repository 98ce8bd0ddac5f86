import { Duration, Stack } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import {
  ContextAttribute,
  Schedule,
  ScheduleExpression,
  ScheduleTargetInput,
} from 'aws-cdk-lib/aws-scheduler';
import { Universal } from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import { TABLE_SCHEMA } from '../../functions/shared/table-schema';

/** Partition key of the heartbeat items; one item per writing region (sort key = the region). */
export const HEARTBEAT_PK = 'HEARTBEAT';

/** Props of {@link ReplicationHeartbeat}. */
export interface ReplicationHeartbeatProps {
  /** This region's replica. */
  readonly table: ITableV2;
  /** The replica's key (the writer needs it) and the key of the schedule's input. */
  readonly key: IKey;
  /** @default Duration.minutes(1) */
  readonly interval?: Duration;
}

/**
 * Writes one item (`pk = HEARTBEAT`, `sk = <region>`, `at = scheduled time`) into this region's replica
 * every minute, with EventBridge Scheduler calling DynamoDB PutItem directly (no function to run).
 *
 * Why: DynamoDB publishes `ReplicationLatency` only while writes replicate, so with no user writes the
 * replication alarms would have no data and stay silent, including while replication is broken. With a
 * write every minute there is always data, and the alarms can treat missing data as breaching: it then
 * means replication (or the heartbeat itself) stopped, which both deserve a page. The item has no
 * `resourceOwner`, so it never shows in the sparse owner index that resource listings read.
 */
export class ReplicationHeartbeat extends Construct {
  public readonly schedule: Schedule;
  public readonly role: Role;

  constructor(scope: Construct, id: string, props: ReplicationHeartbeatProps) {
    super(scope, id);
    const { region, account } = Stack.of(this);
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': account } },
      }),
      description: `Writes the replication heartbeat item of ${region} (PutItem on pk = ${HEARTBEAT_PK} only)`,
    });
    const putHeartbeat = new PolicyStatement({
      actions: ['dynamodb:PutItem'],
      resources: [props.table.tableArn],
      conditions: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [HEARTBEAT_PK] } },
    });
    props.key.grant(this.role, 'kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey');
    this.schedule = new Schedule(this, 'Schedule', {
      description: `Replication heartbeat of ${region}: keeps ReplicationLatency published`,
      schedule: ScheduleExpression.rate(props.interval ?? Duration.minutes(1)),
      key: props.key,
      target: new Universal({
        service: 'dynamodb',
        action: 'putItem',
        role: this.role,
        policyStatements: [putHeartbeat],
        // The next beat follows within a minute; a retried old beat would add nothing.
        retryAttempts: 0,
        maxEventAge: Duration.minutes(1),
        input: ScheduleTargetInput.fromObject({
          TableName: props.table.tableName,
          Item: {
            [TABLE_SCHEMA.partitionKey]: { S: HEARTBEAT_PK },
            [TABLE_SCHEMA.sortKey]: { S: region },
            at: { S: ContextAttribute.scheduledTime },
          },
        }),
      }),
    });
  }
}

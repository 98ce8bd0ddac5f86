import {
  CloudFormationClient,
  DescribeStacksCommand,
  ListStacksCommand,
  type StackStatus,
} from '@aws-sdk/client-cloudformation';
import {
  DescribeTableCommand,
  DynamoDBClient,
  type IndexStatus,
  type ProjectionType,
  type ReplicaStatus,
} from '@aws-sdk/client-dynamodb';
import { type AwsClientStub, mockClient } from 'aws-sdk-client-mock';
import { TABLE_SCHEMA } from '../../../functions/shared/table-schema';
import type { RegionClients } from '../../../lib/preflight/aws-state-reader';

/** One deployed stack as CloudFormation would list it. */
export interface FakeStack {
  readonly name: string;
  readonly status?: StackStatus;
  /** @default the app's AppName tag */
  readonly appTag?: string;
}

/** One global secondary index of the fake table. */
export interface FakeIndex {
  readonly name: string;
  readonly partitionKey: string;
  readonly sortKey?: string;
  /** @default 'ALL' */
  readonly projection?: ProjectionType;
  /** @default 'ACTIVE' */
  readonly status?: IndexStatus;
}

/** What the fake account holds. */
export interface FakeAccount {
  readonly appName: string;
  /** Replica regions of the table `<appName>-data` (none: no table). */
  readonly replicas?: readonly string[];
  /** Region → ReplicaStatus; ACTIVE when absent. */
  readonly replicaStatus?: Readonly<Record<string, ReplicaStatus>>;
  /** Regions whose replica has deletion protection off; on everywhere else, as this template sets it. */
  readonly unprotected?: readonly string[];
  /**
   * The table's global secondary indexes, in every region.
   * @default every TABLE_SCHEMA index, ACTIVE, as the app deploys it
   */
  readonly indexes?: readonly FakeIndex[];
  /** Region → stacks there. */
  readonly stacks?: Readonly<Record<string, readonly FakeStack[]>>;
  /** Regions with a CDKToolkit stack. */
  readonly bootstrapped?: readonly string[];
  /** Region → error every call there fails with. */
  readonly failing?: Readonly<Record<string, Error>>;
}

/** Mocked SDK clients, one real instance per region, each stubbed with aws-sdk-client-mock. */
export interface FakeClients extends RegionClients {
  readonly ddb: Map<string, AwsClientStub<DynamoDBClient>>;
  readonly cfn: Map<string, AwsClientStub<CloudFormationClient>>;
  restore(): void;
}

export const awsError = (name: string, message = name) => Object.assign(new Error(message), { name });

export function fakeAws(account: FakeAccount): FakeClients {
  const ddb = new Map<string, AwsClientStub<DynamoDBClient>>();
  const cfn = new Map<string, AwsClientStub<CloudFormationClient>>();
  const ddbClients = new Map<string, DynamoDBClient>();
  const cfnClients = new Map<string, CloudFormationClient>();
  const replicas = account.replicas ?? [];
  const indexes: readonly FakeIndex[] = account.indexes ?? Object.values(TABLE_SCHEMA.indexes);

  const dynamodb = (region: string) => {
    let client = ddbClients.get(region);
    if (!client) {
      client = new DynamoDBClient({ region });
      const stub = mockClient(client);
      const failure = account.failing?.[region];
      if (failure) stub.onAnyCommand().rejects(failure);
      else if (!replicas.includes(region))
        stub
          .on(DescribeTableCommand)
          .rejects(awsError('ResourceNotFoundException', 'Requested resource not found'));
      else
        stub.on(DescribeTableCommand).resolves({
          Table: {
            TableName: `${account.appName}-data`,
            TableStatus: 'ACTIVE',
            DeletionProtectionEnabled: !(account.unprotected ?? []).includes(region),
            GlobalSecondaryIndexes: indexes.map((i) => ({
              IndexName: i.name,
              KeySchema: [
                { AttributeName: i.partitionKey, KeyType: 'HASH' as const },
                ...(i.sortKey ? [{ AttributeName: i.sortKey, KeyType: 'RANGE' as const }] : []),
              ],
              Projection: { ProjectionType: i.projection ?? 'ALL' },
              IndexStatus: i.status ?? 'ACTIVE',
            })),
            // DynamoDB lists the other regions' replicas, not the one it answers in.
            Replicas: replicas
              .filter((r) => r !== region)
              .map((r) => ({ RegionName: r, ReplicaStatus: account.replicaStatus?.[r] ?? 'ACTIVE' })),
          },
        });
      ddbClients.set(region, client);
      ddb.set(region, stub);
    }
    return client;
  };

  const cloudformation = (region: string) => {
    let client = cfnClients.get(region);
    if (!client) {
      client = new CloudFormationClient({ region });
      const stub = mockClient(client);
      const failure = account.failing?.[region];
      const stacks = [
        ...(account.stacks?.[region] ?? []),
        ...((account.bootstrapped ?? []).includes(region) ? [{ name: 'CDKToolkit', appTag: '' }] : []),
      ];
      if (failure) stub.onAnyCommand().rejects(failure);
      else {
        stub.on(ListStacksCommand).resolves({
          StackSummaries: stacks.map((s) => ({
            StackName: s.name,
            StackStatus: s.status ?? 'UPDATE_COMPLETE',
            CreationTime: new Date('2026-11-01T00:00:00Z'),
          })),
        });
        for (const s of stacks) {
          stub.on(DescribeStacksCommand, { StackName: s.name }).resolves({
            Stacks: [
              {
                StackName: s.name,
                StackStatus: s.status ?? 'UPDATE_COMPLETE',
                CreationTime: new Date('2026-11-01T00:00:00Z'),
                Tags: s.appTag === '' ? [] : [{ Key: 'AppName', Value: s.appTag ?? account.appName }],
              },
            ],
          });
        }
      }
      cfnClients.set(region, client);
      cfn.set(region, stub);
    }
    return client;
  };

  return {
    dynamodb,
    cloudformation,
    ddb,
    cfn,
    restore: () => {
      for (const s of [...ddb.values(), ...cfn.values()]) s.restore();
    },
  };
}

/** The stacks a deployed app has: identity in the primary, one per region, health alarms in us-east-1. */
export function appStacks(
  appName: string,
  primary: string,
  regions: readonly string[],
): Record<string, FakeStack[]> {
  const stacks: Record<string, FakeStack[]> = {};
  const add = (region: string, name: string) => {
    stacks[region] = [...(stacks[region] ?? []), { name }];
  };
  add(primary, `${appName}-identity`);
  for (const r of regions) add(r, `${appName}-${r}`);
  add('us-east-1', `${appName}-health-alarms`);
  return stacks;
}

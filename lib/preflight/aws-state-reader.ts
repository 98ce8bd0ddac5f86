import {
  CloudFormationClient,
  DescribeStacksCommand,
  paginateListStacks,
  type StackStatus,
} from '@aws-sdk/client-cloudformation';
import {
  DescribeTableCommand,
  DynamoDBClient,
  type GlobalSecondaryIndexDescription,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import type { AppConfig } from '../config/app-config';
import { SUPPORTED_REGIONS } from '../config/regions';
import {
  HEALTH_METRICS_REGION,
  healthAlarmsStackName,
  identityStackName,
  regionalStackName,
  tableName,
} from '../stacks/names';
import type {
  DeployedIndex,
  DeployedReplica,
  DeployedStack,
  DeployedState,
  DeployedTable,
  StackKind,
} from './deployed-state';
import { errorName, explainStateError, isTokenRefused } from './errors';

/** The SDK clients of one region; tests pass mocked instances per region. */
export interface RegionClients {
  readonly dynamodb: (region: string) => DynamoDBClient;
  readonly cloudformation: (region: string) => CloudFormationClient;
}

/** The default: one real client per service and region, created on first use. */
export function sdkClients(): RegionClients & { destroy(): void } {
  const ddb = new Map<string, DynamoDBClient>();
  const cfn = new Map<string, CloudFormationClient>();
  const get = <T>(m: Map<string, T>, region: string, make: () => T) =>
    m.get(region) ?? (m.set(region, make()).get(region) as T);
  return {
    dynamodb: (region) => get(ddb, region, () => new DynamoDBClient({ region })),
    cloudformation: (region) => get(cfn, region, () => new CloudFormationClient({ region })),
    destroy: () => {
      for (const c of [...ddb.values(), ...cfn.values()]) c.destroy();
    },
  };
}

/** Every stack status except DELETE_COMPLETE: stacks that exist, failed ones included. */
export const LIVE_STACK_STATUSES: StackStatus[] = [
  'CREATE_IN_PROGRESS',
  'CREATE_FAILED',
  'CREATE_COMPLETE',
  'ROLLBACK_IN_PROGRESS',
  'ROLLBACK_FAILED',
  'ROLLBACK_COMPLETE',
  'DELETE_IN_PROGRESS',
  'DELETE_FAILED',
  'UPDATE_IN_PROGRESS',
  'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS',
  'UPDATE_COMPLETE',
  'UPDATE_FAILED',
  'UPDATE_ROLLBACK_IN_PROGRESS',
  'UPDATE_ROLLBACK_FAILED',
  'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS',
  'UPDATE_ROLLBACK_COMPLETE',
  'REVIEW_IN_PROGRESS',
  'IMPORT_IN_PROGRESS',
  'IMPORT_COMPLETE',
  'IMPORT_ROLLBACK_IN_PROGRESS',
  'IMPORT_ROLLBACK_FAILED',
  'IMPORT_ROLLBACK_COMPLETE',
];

/** The CDK bootstrap stack's default name. */
const BOOTSTRAP_STACK = 'CDKToolkit';

/** Options of {@link readDeployedState}. */
export interface ReadOptions {
  /**
   * Regions to search for leftover stacks besides the ones that matter to the config.
   * @default every region of the aws partition that aws-cdk-lib knows
   */
  readonly otherRegions?: readonly string[];
}

/**
 * Reads the deployed state with DynamoDB DescribeTable and CloudFormation ListStacks/DescribeStacks.
 * The table is looked for in primaryRegion first, then in the other configured regions; stacks are
 * listed in every configured region, every region holding a replica and us-east-1 (health alarms), and
 * in every other region of the partition, where only leftovers of earlier removals can be. A failure in
 * one of those other regions (not enabled, denied by a policy) skips it instead of stopping the check.
 * When no configured region holds the table but this app's stacks exist elsewhere (the config moved every
 * region at once), the table is looked for in those stacks' regions too, so that is not taken for a
 * first deploy.
 */
export async function readDeployedState(
  config: AppConfig,
  clients: RegionClients,
  options: ReadOptions = {},
): Promise<DeployedState> {
  const name = tableName(config);
  const tried = unique([config.primaryRegion, ...config.regions]);
  let table = await findTable(name, clients, tried);
  const regionsSearched = unique([
    ...config.regions,
    ...(table?.replicas.map((r) => r.region) ?? []),
    HEALTH_METRICS_REGION,
  ]);
  const otherRegionsSearched = (options.otherRegions ?? SUPPORTED_REGIONS).filter(
    (r) => !regionsSearched.includes(r),
  );
  const stacks: DeployedStack[] = [];
  const bootstrapped: string[] = [];
  const unreachable: string[] = [];
  const regionsSkipped: string[] = [];
  const list = async (region: string) => {
    const found = await listAppStacks(config, region, clients.cloudformation(region));
    stacks.push(...found.stacks);
    if (found.bootstrapped) bootstrapped.push(region);
  };
  await Promise.all([
    ...regionsSearched.map(async (region) => {
      try {
        await list(region);
      } catch (e) {
        // The table's region accepted these credentials; a refusal here means the region is not enabled.
        if (table && isTokenRefused(e)) unreachable.push(region);
        else throw explainStateError(e, region);
      }
    }),
    ...otherRegionsSearched.map(async (region) => {
      try {
        await list(region);
      } catch {
        regionsSkipped.push(region);
      }
    }),
  ]);
  const all = [...regionsSearched, ...otherRegionsSearched];
  if (!table) {
    const elsewhere = unique(
      stacks
        .filter((s) => s.kind !== 'health-alarms' && !tried.includes(s.region))
        .map((s) => s.region)
        .sort((a, b) => all.indexOf(a) - all.indexOf(b)),
    );
    table = await findTable(name, clients, elsewhere);
  }
  const order = (r: string) => all.indexOf(r);
  const byOrder = (a: string, b: string) => order(a) - order(b);
  stacks.sort((a, b) => byOrder(a.region, b.region) || a.name.localeCompare(b.name));
  // Replica regions found only now were listed among the others; report them with the ones that matter.
  const replicaRegions = table?.replicas.map((r) => r.region) ?? [];
  const searched = unique([...regionsSearched, ...replicaRegions.filter((r) => all.includes(r))]);
  return {
    ...(table ? { table } : {}),
    stacks,
    bootstrapped: bootstrapped.sort(byOrder),
    unreachable: unreachable.sort(byOrder),
    regionsSearched: searched,
    otherRegionsSearched: otherRegionsSearched.filter((r) => !searched.includes(r)),
    regionsSkipped: regionsSkipped.sort(byOrder),
  };
}

async function describeTable(
  client: DynamoDBClient,
  name: string,
  region: string,
): Promise<TableDescription | undefined> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: name }))).Table;
  } catch (e) {
    if (errorName(e) === 'ResourceNotFoundException') return undefined;
    throw explainStateError(e, region);
  }
}

/** The table as described by the first of `regions` that holds it, with every replica's protection. */
async function findTable(
  name: string,
  clients: RegionClients,
  regions: readonly string[],
): Promise<DeployedTable | undefined> {
  for (const region of regions) {
    const table = await describeTable(clients.dynamodb(region), name, region);
    if (!table) continue;
    const listed = (table.Replicas ?? []).map((r) => ({
      region: r.RegionName as string,
      status: r.ReplicaStatus ?? 'UNKNOWN',
    }));
    // A table that was never replicated lists no replicas; it is the only copy in its own region.
    if (!listed.some((r) => r.region === region))
      listed.unshift({ region, status: table.TableStatus ?? 'UNKNOWN' });
    const replicas: DeployedReplica[] = await Promise.all(
      listed.map(async (r) => {
        const own =
          r.region === region ? table : await describeTable(clients.dynamodb(r.region), name, r.region);
        return own?.DeletionProtectionEnabled === undefined
          ? r
          : { ...r, deletionProtection: own.DeletionProtectionEnabled };
      }),
    );
    return {
      name,
      describedIn: region,
      status: table.TableStatus ?? 'UNKNOWN',
      replicas,
      indexes: (table.GlobalSecondaryIndexes ?? []).map(indexOf),
    };
  }
  return undefined;
}

/** One index of a DescribeTable answer: its name, keys, projection and status. */
function indexOf(i: GlobalSecondaryIndexDescription): DeployedIndex {
  const key = (type: string) => i.KeySchema?.find((k) => k.KeyType === type)?.AttributeName;
  const sortKey = key('RANGE');
  return {
    name: i.IndexName ?? '',
    partitionKey: key('HASH') ?? '',
    ...(sortKey ? { sortKey } : {}),
    projection: i.Projection?.ProjectionType ?? 'UNKNOWN',
    status: i.IndexStatus ?? 'UNKNOWN',
  };
}

/** The kind of stack `name` is when it is one of this app's stacks in `region`. */
function kindOf(config: AppConfig, name: string, region: string): StackKind | undefined {
  if (name === identityStackName(config)) return 'identity';
  if (name === healthAlarmsStackName(config)) return 'health-alarms';
  if (name === regionalStackName(config, region)) return 'regional';
  return undefined;
}

async function listAppStacks(
  config: AppConfig,
  region: string,
  client: CloudFormationClient,
): Promise<{ stacks: DeployedStack[]; bootstrapped: boolean }> {
  const named: { name: string; kind: StackKind }[] = [];
  let bootstrapped = false;
  for await (const page of paginateListStacks({ client }, { StackStatusFilter: LIVE_STACK_STATUSES })) {
    for (const s of page.StackSummaries ?? []) {
      const name = s.StackName ?? '';
      if (name === BOOTSTRAP_STACK) bootstrapped = true;
      const kind = kindOf(config, name, region);
      if (kind) named.push({ name, kind });
    }
  }
  // A name alone could be an unrelated stack that happens to be called "<appName>-identity": only stacks
  // tagged AppName = appName (create-stacks.ts tags every stack) are this app's.
  const stacks = await Promise.all(
    named.map(async ({ name, kind }) => {
      const described = (await client.send(new DescribeStacksCommand({ StackName: name }))).Stacks?.[0];
      const ours = described?.Tags?.some((t) => t.Key === 'AppName' && t.Value === config.appName);
      return ours ? { name, region, kind, status: described?.StackStatus ?? 'UNKNOWN' } : undefined;
    }),
  );
  return { stacks: stacks.filter((s): s is DeployedStack => s !== undefined), bootstrapped };
}

function unique(xs: readonly string[]): string[] {
  return [...new Set(xs)];
}

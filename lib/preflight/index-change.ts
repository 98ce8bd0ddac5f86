import { TABLE_SCHEMA } from '../../functions/shared/table-schema';
import type { DeployedIndex, DeployedTable } from './deployed-state';
import type { PreflightPlan } from './region-change';

/** An index the app declares: what lib/constructs/global-table.ts deploys for each TABLE_SCHEMA index. */
export interface WantedIndex {
  readonly name: string;
  readonly partitionKey: string;
  readonly sortKey?: string;
  readonly projection: string;
}

/** The preflight's verdict on the table's global secondary indexes. */
export interface IndexPlan {
  /** One line: what the deploy does to the indexes; undefined when there is no table yet. */
  readonly change?: string;
  /** Whether the deploy creates or deletes an index. */
  readonly changes: boolean;
  /** Why the deploy is refused; empty when it may go ahead. */
  readonly problems: readonly string[];
}

/**
 * Every index of TABLE_SCHEMA as the GlobalTable declares it. global-table.ts sets no projectionType, and
 * TableV2's default is ALL.
 */
export function wantedIndexes(): WantedIndex[] {
  return Object.values(TABLE_SCHEMA.indexes).map((i) => ({
    name: i.name,
    partitionKey: i.partitionKey,
    sortKey: i.sortKey,
    projection: 'ALL',
  }));
}

const UPGRADE_PATH =
  'docs/ARCHITECTURE.md, "Data layout" (Upgrading): add the new index in one deploy, backfill it, switch the code while the old index is still declared, and remove the old index in a later deploy';

const layout = (i: WantedIndex | DeployedIndex) =>
  `${i.partitionKey}${i.sortKey ? ` / ${i.sortKey}` : ''} (projection ${i.projection})`;

/**
 * Compares the deployed table's indexes with the ones the app declares. DynamoDB creates or deletes only
 * one GSI per UpdateTable ("You can create or delete only one global secondary index per UpdateTable
 * operation", API_GlobalSecondaryIndexUpdate) and has no update of an index's keys or projection, so a
 * deploy that creates and deletes more than one index in total, or redeclares an index under the same
 * name with other keys, would fail in CloudFormation; both are refused with the upgrade path.
 */
export function planIndexChange(
  table: DeployedTable | undefined,
  wanted: readonly WantedIndex[] = wantedIndexes(),
): IndexPlan {
  if (!table) return { changes: false, problems: [] };
  const deployed = table.indexes ?? [];
  const problems: string[] = [];
  const created = wanted.filter((w) => !deployed.some((d) => d.name === w.name));
  const deleted = deployed.filter((d) => !wanted.some((w) => w.name === d.name));

  for (const w of wanted) {
    const d = deployed.find((i) => i.name === w.name);
    if (d && layout(d) !== layout(w)) {
      problems.push(
        `Index ${w.name} is deployed as ${layout(d)} but TABLE_SCHEMA declares ${layout(w)}: DynamoDB cannot change an index's keys or projection in place. Keep ${w.name} as it is and give the new layout a new index name, following ${UPGRADE_PATH}.`,
      );
    }
  }
  if (created.length + deleted.length > 1) {
    problems.push(
      `The deploy would ${describe(created, deleted)}; DynamoDB creates or deletes only one global secondary index per table update, so the deploy would fail. Change one index per deploy, following ${UPGRADE_PATH}.`,
    );
  }
  // UpdateTable's reference only says other operations may follow once a new index *begins* backfilling;
  // it does not say whether a second create is accepted then. CloudFormation waits for the index anyway,
  // so an index still CREATING means a change is under way: wait for it, as for a replica.
  const unsettled = deployed.filter((d) => d.status !== 'ACTIVE');
  if (created.length && unsettled.length) {
    problems.push(
      `Index ${unsettled.map((d) => `${d.name} is ${d.status}`).join(', ')}: wait until every index is ACTIVE before creating ${created.map((c) => c.name).join(', ')} (aws dynamodb describe-table --region ${table.describedIn} --table-name ${table.name} --query 'Table.GlobalSecondaryIndexes[].[IndexName,IndexStatus,Backfilling]').`,
    );
  }
  const names = (xs: readonly { name: string }[]) => xs.map((x) => x.name).join(', ');
  const change =
    created.length + deleted.length
      ? `Indexes: ${describe(created, deleted)} (the table has ${deployed.length ? names(deployed) : 'none'}).`
      : `No index change: the table's indexes (${deployed.length ? names(deployed) : 'none'}) match TABLE_SCHEMA.`;
  return { change, changes: created.length + deleted.length > 0, problems };
}

/**
 * The region plan with the index check added: index problems refuse the deploy (the deploy step becomes
 * "run the preflight again"). A region change and an index change in one deploy are only warned about:
 * AWS::DynamoDB::GlobalTable's documentation does not say whether one stack update may both change a
 * replica and create or delete an index, so the safe course is separate deploys.
 */
export function withIndexPlan(
  plan: PreflightPlan,
  index: IndexPlan,
  regionsChange: boolean,
  rerun: string,
): PreflightPlan {
  const notes = [...plan.notes];
  if (regionsChange && index.changes) {
    notes.push(
      'Warning: this deploy changes both a replica and an index of the global table. The AWS::DynamoDB::GlobalTable documentation does not say whether one update may do both; to be safe, deploy the region change and the index change separately (run the preflight before each).',
    );
  }
  const problems = [...plan.problems, ...index.problems];
  const steps = plan.safe && index.problems.length ? [...plan.steps.slice(0, -1), rerun] : [...plan.steps];
  return {
    ...plan,
    ...(index.change ? { indexChange: index.change } : {}),
    safe: problems.length === 0,
    problems,
    steps,
    notes,
  };
}

/** "create a and delete b, c". */
function describe(created: readonly WantedIndex[], deleted: readonly DeployedIndex[]): string {
  return [
    ...(created.length ? [`create ${created.map((c) => c.name).join(', ')}`] : []),
    ...(deleted.length ? [`delete ${deleted.map((d) => d.name).join(', ')}`] : []),
  ].join(' and ');
}

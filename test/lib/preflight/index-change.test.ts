import { TABLE_SCHEMA } from '../../../functions/shared/table-schema';
import type { DeployedIndex, DeployedTable } from '../../../lib/preflight/deployed-state';
import {
  planIndexChange,
  type WantedIndex,
  wantedIndexes,
  withIndexPlan,
} from '../../../lib/preflight/index-change';
import type { PreflightPlan } from '../../../lib/preflight/region-change';

const table = (indexes: DeployedIndex[]): DeployedTable => ({
  name: 'shop-data',
  describedIn: 'us-east-1',
  status: 'ACTIVE',
  replicas: [{ region: 'us-east-1', status: 'ACTIVE', deletionProtection: true }],
  indexes,
});
const deployed = (name: string, o: Partial<DeployedIndex> = {}): DeployedIndex => ({
  name,
  partitionKey: 'resourceOwner',
  sortKey: 'createdAt',
  projection: 'ALL',
  status: 'ACTIVE',
  ...o,
});
const wanted = (name: string, o: Partial<WantedIndex> = {}): WantedIndex => ({
  name,
  partitionKey: 'resourceOwner',
  sortKey: 'createdAt',
  projection: 'ALL',
  ...o,
});
const upgradePath = 'docs/ARCHITECTURE.md, "Data layout"';

describe('planIndexChange', () => {
  it('declares every TABLE_SCHEMA index with the projection the GlobalTable gets (ALL)', () => {
    expect(wantedIndexes()).toEqual(
      Object.values(TABLE_SCHEMA.indexes).map((i) => ({
        name: i.name,
        partitionKey: i.partitionKey,
        sortKey: i.sortKey,
        projection: 'ALL',
      })),
    );
  });

  it('has nothing to check before the first deploy', () => {
    expect(planIndexChange(undefined)).toEqual({ changes: false, problems: [] });
  });

  it('accepts the deployed indexes when they match TABLE_SCHEMA', () => {
    const plan = planIndexChange(table(wantedIndexes().map((w) => deployed(w.name, w))));
    expect(plan).toEqual({
      change: `No index change: the table's indexes (${wantedIndexes()
        .map((w) => w.name)
        .join(', ')}) match TABLE_SCHEMA.`,
      changes: false,
      problems: [],
    });
  });

  it('accepts one created index (upgrade step 1)', () => {
    const plan = planIndexChange(table([deployed('byOwner', { partitionKey: 'ownerId' })]), [
      wanted('byOwner', { partitionKey: 'ownerId' }),
      wanted('byResourceOwner'),
    ]);
    expect(plan).toEqual({
      change: 'Indexes: create byResourceOwner (the table has byOwner).',
      changes: true,
      problems: [],
    });
  });

  it('accepts one deleted index (upgrade step 4)', () => {
    const plan = planIndexChange(
      table([deployed('byOwner', { partitionKey: 'ownerId' }), deployed('byResourceOwner')]),
      [wanted('byResourceOwner')],
    );
    expect(plan.problems).toEqual([]);
    expect(plan.change).toBe('Indexes: delete byOwner (the table has byOwner, byResourceOwner).');
  });

  it('refuses a create and a delete in one deploy, pointing to the upgrade path', () => {
    const plan = planIndexChange(table([deployed('byOwner', { partitionKey: 'ownerId' })]), [
      wanted('byResourceOwner'),
    ]);
    expect(plan.problems).toHaveLength(1);
    expect(plan.problems[0]).toMatch(
      /^The deploy would create byResourceOwner and delete byOwner; DynamoDB creates or deletes only one global secondary index per table update/,
    );
    expect(plan.problems[0]).toContain(upgradePath);
  });

  it('refuses two created indexes, and the first deploy of the table is not needed for that', () => {
    const plan = planIndexChange(table([]), [wanted('byA'), wanted('byB')]);
    expect(plan.change).toBe('Indexes: create byA, byB (the table has none).');
    expect(plan.problems[0]).toMatch(/^The deploy would create byA, byB;/);
  });

  it('refuses an index whose keys or projection change under the same name', () => {
    const keys = planIndexChange(table([deployed('byResourceOwner', { sortKey: 'updatedAt' })]), [
      wanted('byResourceOwner'),
    ]);
    expect(keys.changes).toBe(false);
    expect(keys.problems).toEqual([
      `Index byResourceOwner is deployed as resourceOwner / updatedAt (projection ALL) but TABLE_SCHEMA declares resourceOwner / createdAt (projection ALL): DynamoDB cannot change an index's keys or projection in place. Keep byResourceOwner as it is and give the new layout a new index name, following ${upgradePath} (Upgrading): add the new index in one deploy, backfill it, switch the code while the old index is still declared, and remove the old index in a later deploy.`,
    ]);
    const projection = planIndexChange(table([deployed('byResourceOwner', { projection: 'KEYS_ONLY' })]), [
      wanted('byResourceOwner'),
    ]);
    expect(projection.problems[0]).toMatch(
      /^Index byResourceOwner is deployed as resourceOwner \/ createdAt \(projection KEYS_ONLY\) but TABLE_SCHEMA declares resourceOwner \/ createdAt \(projection ALL\)/,
    );
  });

  it('refuses a new index while another is still CREATING, and says how to watch it', () => {
    const plan = planIndexChange(table([deployed('byA', { status: 'CREATING' })]), [
      wanted('byA'),
      wanted('byB'),
    ]);
    expect(plan.problems).toEqual([
      "Index byA is CREATING: wait until every index is ACTIVE before creating byB (aws dynamodb describe-table --region us-east-1 --table-name shop-data --query 'Table.GlobalSecondaryIndexes[].[IndexName,IndexStatus,Backfilling]').",
    ]);
  });

  it('does not refuse a deploy that creates no index while one is still CREATING', () => {
    const plan = planIndexChange(table([deployed('byA', { status: 'CREATING' })]), [wanted('byA')]);
    expect(plan.problems).toEqual([]);
  });
});

describe('withIndexPlan', () => {
  const safe: PreflightPlan = {
    safe: true,
    change: "No region change: the table's replicas (us-east-1) match the config.",
    problems: [],
    steps: ['npx cdk deploy --all'],
    toDestroy: [],
    notes: [],
  };
  const rerun = 'then: npm run preflight   # again';

  it('turns a safe region plan into a refusal when an index change is refused, and asks for a rerun', () => {
    const plan = withIndexPlan(
      safe,
      { change: 'Indexes: create byA, byB (the table has none).', changes: true, problems: ['two at once'] },
      false,
      rerun,
    );
    expect(plan).toEqual({
      ...safe,
      indexChange: 'Indexes: create byA, byB (the table has none).',
      safe: false,
      problems: ['two at once'],
      steps: [rerun],
    });
  });

  it('keeps a safe plan safe with an allowed index change', () => {
    const plan = withIndexPlan(
      safe,
      { change: 'Indexes: create byA.', changes: true, problems: [] },
      false,
      rerun,
    );
    expect(plan.safe).toBe(true);
    expect(plan.steps).toEqual(['npx cdk deploy --all']);
    expect(plan.notes).toEqual([]);
  });

  it('warns (without refusing) when one deploy changes both a region and an index', () => {
    const plan = withIndexPlan(
      safe,
      { change: 'Indexes: create byA.', changes: true, problems: [] },
      true,
      rerun,
    );
    expect(plan.safe).toBe(true);
    expect(plan.notes).toEqual([
      'Warning: this deploy changes both a replica and an index of the global table. The AWS::DynamoDB::GlobalTable documentation does not say whether one update may do both; to be safe, deploy the region change and the index change separately (run the preflight before each).',
    ]);
  });
});

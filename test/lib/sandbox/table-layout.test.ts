import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TABLE_SCHEMA } from '../../../functions/shared/table-schema';
import { appTableInput } from '../../../lib/sandbox/local-dynamodb';
import { RegionTable } from '../../../lib/sandbox/region-table';
import { StaleTableLayoutError, tableLayoutDifferences } from '../../../lib/sandbox/table-layout';
import { createOldLayoutTable, oldLayoutInput } from '../../helpers/old-table-layout';

const indexes = Object.values(TABLE_SCHEMA.indexes);
const current = appTableInput('app');

describe('tableLayoutDifferences', () => {
  it('finds none between the layout and itself', () => {
    expect(tableLayoutDifferences(current)).toEqual([]);
  });

  it("names each of an older layout's indexes and attributes", () => {
    expect(tableLayoutDifferences(oldLayoutInput('app'))).toEqual([
      'attribute legacySortKey (S) is defined but no key uses it',
      ...indexes.map((i) => `index "${i.name}" is missing`),
      ...indexes.map((i) => `index "${i.name}Old" is no longer in TABLE_SCHEMA`),
    ]);
  });

  it("names the table's keys, an index keyed otherwise, its projection and a missing attribute", () => {
    const [first, ...rest] = current.GlobalSecondaryIndexes;
    const drifted = {
      KeySchema: [{ AttributeName: TABLE_SCHEMA.partitionKey, KeyType: 'HASH' }],
      AttributeDefinitions: current.AttributeDefinitions.filter(
        (a) => a.AttributeName !== TABLE_SCHEMA.sortKey,
      ),
      GlobalSecondaryIndexes: [
        { ...first, KeySchema: [first.KeySchema[0]], Projection: { ProjectionType: 'KEYS_ONLY' } },
        ...rest,
      ],
    };
    expect(tableLayoutDifferences(drifted)).toEqual([
      `the table is keyed by ${TABLE_SCHEMA.partitionKey} (HASH), not ${TABLE_SCHEMA.partitionKey} (HASH), ${TABLE_SCHEMA.sortKey} (RANGE)`,
      `attribute ${TABLE_SCHEMA.sortKey} (S) is not defined`,
      `index "${first.IndexName}" is keyed by ${first.KeySchema[0].AttributeName} (HASH), not ${first.KeySchema.map(
        (k) => `${k.AttributeName} (${k.KeyType})`,
      ).join(', ')}`,
      `index "${first.IndexName}" projects KEYS_ONLY, not ALL`,
    ]);
  });
});

describe('RegionTable.layoutDifferences (a real dynalite store)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'table-layout-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('finds none in a table the sandbox created, and those of a table an older layout left', async () => {
    const fresh = await RegionTable.open('us-east-1', 'app', join(dir, 'fresh'));
    try {
      expect(await fresh.layoutDifferences()).toEqual([]);
    } finally {
      await fresh.close();
    }

    await createOldLayoutTable(join(dir, 'old'), 'app');
    const old = await RegionTable.open('us-east-1', 'app', join(dir, 'old'));
    try {
      expect(await old.layoutDifferences()).toEqual(tableLayoutDifferences(oldLayoutInput('app')));
      expect(await old.layoutDifferences()).toContain(`index "${indexes[0].name}" is missing`);
    } finally {
      await old.close();
    }
  });
});

describe('StaleTableLayoutError', () => {
  it('names each region and difference and says to delete the data directory or pass --reset', () => {
    const error = new StaleTableLayoutError(join(process.cwd(), '.sandbox'), [
      {
        region: 'us-east-1',
        differences: ['index "a" is missing', 'index "b" is no longer in TABLE_SCHEMA'],
      },
      { region: 'eu-west-1', differences: ['index "a" is missing'] },
    ]);
    expect(error.message.split('\n')).toEqual([
      'The tables in .sandbox have another layout than functions/shared/table-schema.ts, so requests would fail with a DynamoDB ValidationException:',
      '  - us-east-1: index "a" is missing',
      '  - us-east-1: index "b" is no longer in TABLE_SCHEMA',
      '  - eu-west-1: index "a" is missing',
      "The sandbox cannot change a table's keys in place: delete .sandbox/ (or pass --reset) to start with empty tables.",
    ]);
  });

  it('shows a data directory outside the working directory by its full path', () => {
    const error = new StaleTableLayoutError('/var/tmp/sb', [{ region: 'r', differences: ['x'] }]);
    expect(error.message).toContain('delete /var/tmp/sb/ (or pass --reset)');
  });
});

import { isAbsolute, relative } from 'node:path';
import { appTableInput } from './local-dynamodb';

interface KeyElement {
  readonly AttributeName?: string;
  readonly KeyType?: string;
}

/** The parts of a table's description (DescribeTable) or CreateTable input that the handlers rely on. */
export interface TableLayout {
  readonly KeySchema?: readonly KeyElement[];
  readonly AttributeDefinitions?: readonly { AttributeName?: string; AttributeType?: string }[];
  readonly GlobalSecondaryIndexes?: readonly {
    IndexName?: string;
    KeySchema?: readonly KeyElement[];
    Projection?: { ProjectionType?: string };
  }[];
}

const keys = (schema: readonly KeyElement[] | undefined) =>
  (schema ?? []).map((k) => `${k.AttributeName} (${k.KeyType})`).join(', ') || 'nothing';

/**
 * How an existing table differs from the layout TABLE_SCHEMA gives it (`appTableInput`): key schema,
 * attribute definitions, and each global secondary index's name, keys and projection. Empty when they
 * agree. A sandbox data directory outlives code changes, and DynamoDB answers a query on a missing or
 * differently keyed index with a ValidationException, which the handlers can only turn into a 500.
 */
export function tableLayoutDifferences(
  actual: TableLayout,
  expected: TableLayout = appTableInput('app'),
): string[] {
  const differences: string[] = [];
  if (keys(actual.KeySchema) !== keys(expected.KeySchema)) {
    differences.push(`the table is keyed by ${keys(actual.KeySchema)}, not ${keys(expected.KeySchema)}`);
  }
  const attributes = (layout: TableLayout) =>
    new Set((layout.AttributeDefinitions ?? []).map((a) => `${a.AttributeName} (${a.AttributeType})`));
  const actualAttributes = attributes(actual);
  const expectedAttributes = attributes(expected);
  for (const a of expectedAttributes) {
    if (!actualAttributes.has(a)) differences.push(`attribute ${a} is not defined`);
  }
  for (const a of actualAttributes) {
    if (!expectedAttributes.has(a)) differences.push(`attribute ${a} is defined but no key uses it`);
  }
  const actualIndexes = new Map((actual.GlobalSecondaryIndexes ?? []).map((i) => [i.IndexName, i]));
  for (const want of expected.GlobalSecondaryIndexes ?? []) {
    const have = actualIndexes.get(want.IndexName);
    actualIndexes.delete(want.IndexName);
    if (!have) {
      differences.push(`index "${want.IndexName}" is missing`);
      continue;
    }
    if (keys(have.KeySchema) !== keys(want.KeySchema)) {
      differences.push(
        `index "${want.IndexName}" is keyed by ${keys(have.KeySchema)}, not ${keys(want.KeySchema)}`,
      );
    }
    const [haveProjection, wantProjection] = [have, want].map((i) => i.Projection?.ProjectionType);
    if (haveProjection !== wantProjection) {
      differences.push(`index "${want.IndexName}" projects ${haveProjection}, not ${wantProjection}`);
    }
  }
  for (const name of actualIndexes.keys()) differences.push(`index "${name}" is no longer in TABLE_SCHEMA`);
  return differences;
}

/** The differences of one region's table. */
export interface RegionTableDrift {
  readonly region: string;
  readonly differences: readonly string[];
}

/** Raised at start-up when a data directory holds tables of another layout than TABLE_SCHEMA's. */
export class StaleTableLayoutError extends Error {
  constructor(
    readonly dataDir: string,
    readonly drifts: readonly RegionTableDrift[],
  ) {
    const rel = relative(process.cwd(), dataDir);
    const shown = rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : dataDir;
    super(
      [
        `The tables in ${shown} have another layout than functions/shared/table-schema.ts, so requests ` +
          'would fail with a DynamoDB ValidationException:',
        ...drifts.flatMap((d) => d.differences.map((line) => `  - ${d.region}: ${line}`)),
        `The sandbox cannot change a table's keys in place: delete ${shown}/ (or pass --reset) to start ` +
          'with empty tables.',
      ].join('\n'),
    );
    this.name = 'StaleTableLayoutError';
  }
}

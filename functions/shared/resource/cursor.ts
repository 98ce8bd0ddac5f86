import * as z from 'zod/mini';
import { HttpProblem } from '../problem';
import { TABLE_SCHEMA } from '../table-schema';
import { OWNER_INDEX, ownerPartitionOf, type ResourceKeys, sortKeyOf } from './resource-keys';

/**
 * Opaque pagination cursors: base64url JSON of the owner index key to resume after, plus which resource,
 * whom and what query it was issued for. The server, never the cursor, decides which partition is read,
 * and a cursor only resumes the same caller's same listing of the same resource, so it can open neither
 * another owner's records nor another resource's.
 */
export interface CursorScope {
  /** The resource listed (its name). */
  readonly resource: string;
  /** The caller the cursor was issued to. */
  readonly sub: string;
  /** The owner listed, or `null` for an admin's listing of every owner. */
  readonly owner: string | null;
}

const KEY_TEXT = z.string().check(z.minLength(1), z.maxLength(1024));
/** The four key attributes of the owner index (table key plus index key), as LastEvaluatedKey has them. */
const IndexKey = z.strictObject({
  [TABLE_SCHEMA.partitionKey]: KEY_TEXT,
  [TABLE_SCHEMA.sortKey]: KEY_TEXT,
  [OWNER_INDEX.partitionKey]: KEY_TEXT,
  [OWNER_INDEX.sortKey]: z.iso.datetime(),
});
export type IndexKey = Record<string, string>;

const Payload = z.strictObject({
  v: z.literal(2),
  resource: z.string(),
  sub: z.string(),
  owner: z.nullable(z.string()),
  key: IndexKey,
});

export function encodeCursor(scope: CursorScope, key: Record<string, unknown>): string {
  const payload = { v: 2, resource: scope.resource, sub: scope.sub, owner: scope.owner, key };
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

export function decodeCursor(cursor: string, scope: CursorScope, keys: ResourceKeys): IndexKey {
  const invalid = new HttpProblem(400, 'cursor is not a cursor this API issued; start again without it');
  // Strict base64url: the round trip rejects padding, other alphabets and trailing garbage.
  if (!/^[A-Za-z0-9_-]+$/.test(cursor) || Buffer.from(cursor, 'base64url').toString('base64url') !== cursor) {
    throw invalid;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid;
  }
  const payload = Payload.safeParse(parsed);
  if (!payload.success) throw invalid;
  const { resource, sub, owner, key } = payload.data;
  if (
    resource !== scope.resource ||
    sub !== scope.sub ||
    owner !== scope.owner ||
    !keyFits(key, owner, keys)
  ) {
    throw new HttpProblem(400, 'cursor belongs to another listing; use it with the same caller and owner');
  }
  return key;
}

/**
 * A one-owner listing resumes only inside that owner's partition of this resource, at one of its records.
 * An admin's every-owner Scan may stop at any index row (its read budget ends anywhere), and its start
 * key only positions the Scan, whose filter keeps other resources' rows out.
 */
function keyFits(key: IndexKey, owner: string | null, keys: ResourceKeys): boolean {
  if (owner === null) return key[OWNER_INDEX.partitionKey].includes('#');
  const id = key[TABLE_SCHEMA.partitionKey].slice(keys.keyPrefix.length);
  return (
    key[OWNER_INDEX.partitionKey] === ownerPartitionOf(keys, owner) &&
    key[TABLE_SCHEMA.partitionKey].startsWith(keys.keyPrefix) &&
    /^[0-9a-f-]{36}$/.test(id) &&
    key[TABLE_SCHEMA.sortKey] === sortKeyOf(keys)
  );
}

import { TABLE_SCHEMA } from '../table-schema';

/**
 * Where an owned resource's rows live, as plain data (the CDK app turns it into IAM conditions):
 * one row per record at `pk = <keyPrefix><uuid>`, `sk = <keyPrefix without '#'>`, and in the shared
 * owner index at `resourceOwner = <name>#<ownerId>`.
 */
export interface ResourceKeys {
  /** Resource type, e.g. `items`: the path segment and the type component of the owner index key. */
  readonly name: string;
  /** Partition key prefix of its records, e.g. `ITEM#`: what the functions' LeadingKeys grants allow. */
  readonly keyPrefix: string;
}

/** The one index every owned resource lists through (see TABLE_SCHEMA.indexes). */
export const OWNER_INDEX = TABLE_SCHEMA.indexes.byResourceOwner;

const NAME = /^[a-z][a-z0-9-]{0,39}$/;
const KEY_PREFIX = /^[A-Z][A-Z0-9_]{0,39}#$/;
const RESERVED = new Set<string>(Object.values(TABLE_SCHEMA.partitions));

/** Throws, naming the field, unless `keys` can share the table with every other resource. */
export function checkResourceKeys(keys: ResourceKeys): void {
  if (!NAME.test(keys.name)) {
    throw new Error(`resource name '${keys.name}' must be lowercase letters, digits and dashes (${NAME})`);
  }
  if (!KEY_PREFIX.test(keys.keyPrefix)) {
    throw new Error(
      `${keys.name}: keyPrefix '${keys.keyPrefix}' must be uppercase and end in '#' (${KEY_PREFIX})`,
    );
  }
  if (RESERVED.has(sortKeyOf(keys))) {
    throw new Error(`${keys.name}: keyPrefix '${keys.keyPrefix}' collides with a service partition`);
  }
}

/** The sort key of every record of the resource: its key prefix without `#` (items: `ITEM`). */
export function sortKeyOf(keys: ResourceKeys): string {
  return keys.keyPrefix.slice(0, -1);
}

/** The primary key of one record. */
export function primaryKeyOf(keys: ResourceKeys, id: string): Record<string, string> {
  return { [TABLE_SCHEMA.partitionKey]: `${keys.keyPrefix}${id}`, [TABLE_SCHEMA.sortKey]: sortKeyOf(keys) };
}

/** The owner index partition of one owner's records of this resource, e.g. `items#<sub>`. */
export function ownerPartitionOf(keys: ResourceKeys, ownerId: string): string {
  return `${ownerPartitionPrefixOf(keys)}${ownerId}`;
}

/** What every owner index partition of this resource starts with, e.g. `items#`. */
export function ownerPartitionPrefixOf(keys: ResourceKeys): string {
  return `${keys.name}#`;
}

/** Throws unless every resource has its own name and key prefix: two sharing one would mix their rows. */
export function checkDistinctResources(resources: readonly ResourceKeys[]): void {
  for (const field of ['name', 'keyPrefix'] as const) {
    const seen = new Set<string>();
    for (const r of resources) {
      if (seen.has(r[field])) throw new Error(`two resources share the ${field} '${r[field]}'`);
      seen.add(r[field]);
    }
  }
}

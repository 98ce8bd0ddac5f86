import { randomBytes } from 'node:crypto';
import {
  type AttributeValue,
  ConditionalCheckFailedException,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { fromRecord as decode, toRecord } from '../attribute-codec';
import { dynamoClient } from '../clients';
import { currentRegion, tableName } from '../env';
import type { EntityTag } from '../etag';
import { TABLE_SCHEMA } from '../table-schema';
import type { Actor } from './actor';
import { OWNER_INDEX, ownerPartitionOf, primaryKeyOf, type ResourceKeys } from './resource-keys';
import { type StoredRecord, WriteRejected } from './stored-record';
import { versionedUpdate } from './update-expression';

/**
 * Every single-record DynamoDB access of an owned resource. Single-item conditional writes only: they are
 * what DynamoDB global tables replicate (transactions are not atomic across regions) and what the local
 * dynalite supports.
 */
export interface NewRecord {
  readonly id: string;
  readonly ownerId: string;
  readonly fields: Readonly<Record<string, unknown>>;
  readonly requestHash?: string;
}

export type CreateResult =
  | { created: true; record: StoredRecord }
  | { created: false; existing: StoredRecord };

export interface RecordUpdate {
  readonly id: string;
  /** The version and incarnation the client read (If-Match). */
  readonly expected: EntityTag;
  readonly actor: Actor;
  readonly set: Readonly<Record<string, unknown>>;
  readonly remove: readonly string[];
}

const keyOf = (keys: ResourceKeys, id: string) => toRecord(primaryKeyOf(keys, id));

export async function getRecord(
  keys: ResourceKeys,
  id: string,
  consistent = false,
): Promise<StoredRecord | undefined> {
  const { Item: raw } = await dynamoClient().send(
    new GetItemCommand({ TableName: tableName(), Key: keyOf(keys, id), ConsistentRead: consistent }),
  );
  return raw ? recordOf(raw) : undefined;
}

/**
 * Puts a new record unless its id exists. With a deterministic id (Idempotency-Key) the existing record
 * is read back, strongly consistent, so the caller can decide between replay and conflict.
 */
export async function createRecord(keys: ResourceKeys, input: NewRecord): Promise<CreateResult> {
  const now = new Date().toISOString();
  const record: StoredRecord = {
    id: input.id,
    ownerId: input.ownerId,
    ...definedOnly(input.fields),
    version: 1,
    createdAt: now,
    updatedAt: now,
    updatedRegion: currentRegion(),
    incarnation: newIncarnation(),
    ...(input.requestHash ? { requestHash: input.requestHash } : {}),
  };
  try {
    await dynamoClient().send(
      new PutItemCommand({
        TableName: tableName(),
        Item: {
          ...keyOf(keys, input.id),
          ...toRecord({ ...record, [OWNER_INDEX.partitionKey]: ownerPartitionOf(keys, input.ownerId) }),
        },
        ConditionExpression: 'attribute_not_exists(#pk)',
        ExpressionAttributeNames: { '#pk': TABLE_SCHEMA.partitionKey },
      }),
    );
    return { created: true, record };
  } catch (e) {
    if (!(e instanceof ConditionalCheckFailedException)) throw e;
    const existing = await getRecord(keys, input.id, true);
    // Deleted between the failed put and the read: the client's retry will create it.
    if (!existing) throw new WriteRejected('not-found');
    return { created: false, existing };
  }
}

/**
 * A random token naming one incarnation (one create) of a record id, so an ETag from a deleted record
 * never matches a record created again under its id. Random rather than derived from `createdAt`: clocks
 * of two Lambda instances (or two regions re-creating the same id within the replication lag) can give
 * two creates the same millisecond, and global-table last-writer-wins would then leave one region's
 * content under the ETag the other region's client holds. 96 random bits make equal tokens negligible.
 */
function newIncarnation(): string {
  return randomBytes(12).toString('base64url');
}

/**
 * Applies a full (PUT) or partial (PATCH) update in one conditional UpdateItem: version and incarnation
 * must still be the ones the client read, so concurrent writers in this region cannot overwrite each
 * other, nor can a client overwrite a record deleted and created again since it read.
 */
export async function updateRecord(keys: ResourceKeys, update: RecordUpdate): Promise<StoredRecord> {
  const parts = versionedUpdate(update.set, update.remove, new Date().toISOString(), currentRegion());
  const values: Record<string, unknown> = { ...parts.values };
  const condition = ownedCondition(update.actor, update.expected, parts.names, values);
  try {
    const { Attributes } = await dynamoClient().send(
      new UpdateItemCommand({
        TableName: tableName(),
        Key: keyOf(keys, update.id),
        UpdateExpression: parts.expression,
        ConditionExpression: condition,
        ExpressionAttributeNames: parts.names,
        ExpressionAttributeValues: toRecord(values),
        ReturnValues: 'ALL_NEW',
      }),
    );
    return recordOf(Attributes ?? {});
  } catch (e) {
    throw await explainRejection(e, keys, update.id, update.actor);
  }
}

export async function deleteRecord(
  keys: ResourceKeys,
  id: string,
  expected: EntityTag,
  actor: Actor,
): Promise<void> {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  try {
    await dynamoClient().send(
      new DeleteItemCommand({
        TableName: tableName(),
        Key: keyOf(keys, id),
        ConditionExpression: ownedCondition(actor, expected, names, values),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: toRecord(values),
      }),
    );
  } catch (e) {
    throw await explainRejection(e, keys, id, actor);
  }
}

/**
 * Version and incarnation must match (a bare-version ETag only matches a record without an incarnation,
 * one created before incarnations existed); a non-admin must also own the record. All in the one atomic
 * condition of the write.
 */
function ownedCondition(
  actor: Actor,
  expected: EntityTag,
  names: Record<string, string>,
  values: Record<string, unknown>,
): string {
  names['#version'] = 'version';
  names['#incarnation'] = 'incarnation';
  values[':expected'] = expected.version;
  const terms = ['#version = :expected'];
  if (expected.incarnation) {
    values[':incarnation'] = expected.incarnation;
    terms.push('#incarnation = :incarnation');
  } else {
    terms.push('attribute_not_exists(#incarnation)');
  }
  if (!actor.isAdmin) {
    names['#ownerId'] = 'ownerId';
    values[':caller'] = actor.sub;
    terms.push('#ownerId = :caller');
  }
  return terms.join(' AND ');
}

/**
 * A failed condition does not say which part failed (dynalite lacks ReturnValuesOnConditionCheckFailure),
 * so read the record back: absent or someone else's means 404 for this actor, otherwise it is stale.
 */
async function explainRejection(error: unknown, keys: ResourceKeys, id: string, actor: Actor) {
  if (!(error instanceof ConditionalCheckFailedException)) return error;
  const current = await getRecord(keys, id, true);
  if (!current || (!actor.isAdmin && current.ownerId !== actor.sub)) return new WriteRejected('not-found');
  return new WriteRejected('stale', current);
}

/** A stored row without its table and index keys. */
export function recordOf(row: Record<string, AttributeValue>): StoredRecord {
  const {
    [TABLE_SCHEMA.partitionKey]: _pk,
    [TABLE_SCHEMA.sortKey]: _sk,
    [OWNER_INDEX.partitionKey]: _owner,
    ...record
  } = decode(row);
  return record as StoredRecord;
}

function definedOnly(fields: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}

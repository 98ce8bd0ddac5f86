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
  readonly expectedVersion: number;
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
 * Applies a full (PUT) or partial (PATCH) update in one conditional UpdateItem: the version must still
 * be the one the client read, so concurrent writers in this region cannot overwrite each other.
 */
export async function updateRecord(keys: ResourceKeys, update: RecordUpdate): Promise<StoredRecord> {
  const parts = versionedUpdate(update.set, update.remove, new Date().toISOString(), currentRegion());
  const values: Record<string, unknown> = { ...parts.values, ':expected': update.expectedVersion };
  const condition = ownedCondition(update.actor, parts.names, values);
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
  expectedVersion: number,
  actor: Actor,
): Promise<void> {
  const names: Record<string, string> = { '#version': 'version' };
  const values: Record<string, unknown> = { ':expected': expectedVersion };
  try {
    await dynamoClient().send(
      new DeleteItemCommand({
        TableName: tableName(),
        Key: keyOf(keys, id),
        ConditionExpression: ownedCondition(actor, names, values),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: toRecord(values),
      }),
    );
  } catch (e) {
    throw await explainRejection(e, keys, id, actor);
  }
}

/** The version must match; a non-admin must also own the record (checked in the same atomic write). */
function ownedCondition(
  actor: Actor,
  names: Record<string, string>,
  values: Record<string, unknown>,
): string {
  names['#version'] = 'version';
  if (actor.isAdmin) return '#version = :expected';
  names['#ownerId'] = 'ownerId';
  values[':caller'] = actor.sub;
  return '#version = :expected AND #ownerId = :caller';
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

import {
  type AttributeValue,
  ConditionalCheckFailedException,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { fromRecord as decode, toRecord } from './attribute-codec';
import { dynamoClient } from './clients';
import { currentRegion, tableName } from './env';
import type { Item } from './response-schemas';
import { TABLE_SCHEMA } from './table-schema';

/**
 * Every DynamoDB access for items. Single-item conditional writes only: they are what DynamoDB global
 * tables replicate (transactions are not atomic across regions) and what the local dynalite supports.
 */

/** The client-writable fields of an item. */
export interface ItemFields {
  readonly name: string;
  readonly description?: string;
  readonly tags?: readonly string[];
}
export type OptionalField = 'description' | 'tags';

/** Who is writing: non-admins may only touch their own items. */
export interface Actor {
  readonly sub: string;
  readonly isAdmin: boolean;
}

/** A stored item plus what stays server-side. */
export interface StoredItem extends Item {
  /** Hash of the create request, kept only for items created with an Idempotency-Key. */
  readonly requestHash?: string;
}

/** Why a conditional write was refused. `not-found` also covers items the actor may not see. */
export class WriteRejected extends Error {
  constructor(
    readonly reason: 'not-found' | 'stale',
    readonly current?: StoredItem,
  ) {
    super(`write rejected: ${reason}`);
    this.name = 'WriteRejected';
  }
}

const ITEM_SK = 'ITEM';
const keyOf = (id: string): Record<string, AttributeValue> =>
  toRecord({
    [TABLE_SCHEMA.partitionKey]: `${TABLE_SCHEMA.partitions.itemPrefix}${id}`,
    [TABLE_SCHEMA.sortKey]: ITEM_SK,
  });

export async function getItem(id: string, consistent = false): Promise<StoredItem | undefined> {
  const { Item: raw } = await dynamoClient().send(
    new GetItemCommand({ TableName: tableName(), Key: keyOf(id), ConsistentRead: consistent }),
  );
  return raw ? fromRecord(raw) : undefined;
}

export interface NewItem {
  readonly id: string;
  readonly ownerId: string;
  readonly fields: ItemFields;
  readonly requestHash?: string;
}

export type CreateResult = { created: true; item: StoredItem } | { created: false; existing: StoredItem };

/**
 * Puts a new item unless its id exists. With a deterministic id (Idempotency-Key) the existing item is
 * read back, strongly consistent, so the caller can decide between replay and conflict.
 */
export async function createItem(input: NewItem): Promise<CreateResult> {
  const now = new Date().toISOString();
  const item: StoredItem = {
    id: input.id,
    ownerId: input.ownerId,
    name: input.fields.name,
    ...(input.fields.description !== undefined ? { description: input.fields.description } : {}),
    ...(input.fields.tags !== undefined ? { tags: [...input.fields.tags] } : {}),
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
        Item: { ...keyOf(input.id), ...toRecord({ ...item }) },
        ConditionExpression: 'attribute_not_exists(#pk)',
        ExpressionAttributeNames: { '#pk': TABLE_SCHEMA.partitionKey },
      }),
    );
    return { created: true, item };
  } catch (e) {
    if (!(e instanceof ConditionalCheckFailedException)) throw e;
    const existing = await getItem(input.id, true);
    // Deleted between the failed put and the read: the client's retry will create it.
    if (!existing) throw new WriteRejected('not-found');
    return { created: false, existing };
  }
}

export interface ItemUpdate {
  readonly id: string;
  readonly expectedVersion: number;
  readonly actor: Actor;
  readonly set: Partial<ItemFields>;
  readonly remove: readonly OptionalField[];
}

/**
 * Applies a full (PUT) or partial (PATCH) update in one conditional UpdateItem: the version must still
 * be the one the client read, so concurrent writers in this region cannot overwrite each other.
 */
export async function updateItem(update: ItemUpdate): Promise<StoredItem> {
  const names: Record<string, string> = {
    '#version': 'version',
    '#updatedAt': 'updatedAt',
    '#updatedRegion': 'updatedRegion',
  };
  const values: Record<string, unknown> = {
    ':expected': update.expectedVersion,
    ':one': 1,
    ':now': new Date().toISOString(),
    ':region': currentRegion(),
  };
  const sets = ['#version = #version + :one', '#updatedAt = :now', '#updatedRegion = :region'];
  for (const [field, value] of Object.entries(update.set)) {
    if (value === undefined) continue;
    names[`#${field}`] = field;
    values[`:${field}`] = value;
    sets.push(`#${field} = :${field}`);
  }
  for (const field of update.remove) names[`#${field}`] = field;
  const removes = update.remove.map((field) => `#${field}`);
  const condition = ownedCondition(update.actor, names, values);
  try {
    const { Attributes } = await dynamoClient().send(
      new UpdateItemCommand({
        TableName: tableName(),
        Key: keyOf(update.id),
        UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
        ConditionExpression: condition,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: toRecord(values),
        ReturnValues: 'ALL_NEW',
      }),
    );
    return fromRecord(Attributes ?? {});
  } catch (e) {
    throw await explainRejection(e, update.id, update.actor);
  }
}

export async function deleteItem(id: string, expectedVersion: number, actor: Actor): Promise<void> {
  const names: Record<string, string> = { '#version': 'version' };
  const values: Record<string, unknown> = { ':expected': expectedVersion };
  try {
    await dynamoClient().send(
      new DeleteItemCommand({
        TableName: tableName(),
        Key: keyOf(id),
        ConditionExpression: ownedCondition(actor, names, values),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: toRecord(values),
      }),
    );
  } catch (e) {
    throw await explainRejection(e, id, actor);
  }
}

/** The version must match; a non-admin must also own the item (checked in the same atomic write). */
function ownedCondition(
  actor: Actor,
  names: Record<string, string>,
  values: Record<string, unknown>,
): string {
  if (actor.isAdmin) return '#version = :expected';
  names['#ownerId'] = 'ownerId';
  values[':caller'] = actor.sub;
  return '#version = :expected AND #ownerId = :caller';
}

/**
 * A failed condition does not say which part failed (dynalite lacks ReturnValuesOnConditionCheckFailure),
 * so read the item back: absent or someone else's means 404 for this actor, otherwise the version is stale.
 */
async function explainRejection(error: unknown, id: string, actor: Actor): Promise<unknown> {
  if (!(error instanceof ConditionalCheckFailedException)) return error;
  const current = await getItem(id, true);
  if (!current || (!actor.isAdmin && current.ownerId !== actor.sub)) return new WriteRejected('not-found');
  return new WriteRejected('stale', current);
}

export interface ListRequest {
  /** Only this owner's items; `undefined` lists every owner's (admins). */
  readonly ownerId?: string;
  readonly limit: number;
  readonly startKey?: Record<string, string>;
}

export interface ListResult {
  readonly items: StoredItem[];
  /** The index key of the last item, when more may follow. */
  readonly lastKey?: Record<string, string>;
}

/**
 * Lists through the sparse `byOwner` index (only items carry `ownerId`): a Query newest first for one
 * owner, a Scan for all owners. Neither needs a filter, so every page holds up to `limit` items.
 */
export async function listItems(request: ListRequest): Promise<ListResult> {
  const index = TABLE_SCHEMA.indexes.byOwner;
  const common = {
    TableName: tableName(),
    IndexName: index.name,
    Limit: request.limit,
    ExclusiveStartKey: request.startKey ? toRecord(request.startKey) : undefined,
  };
  const output =
    request.ownerId === undefined
      ? await dynamoClient().send(new ScanCommand(common))
      : await dynamoClient().send(
          new QueryCommand({
            ...common,
            KeyConditionExpression: '#owner = :owner',
            ExpressionAttributeNames: { '#owner': index.partitionKey },
            ExpressionAttributeValues: toRecord({ ':owner': request.ownerId }),
            ScanIndexForward: false,
          }),
        );
  return {
    items: (output.Items ?? []).map(fromRecord),
    lastKey: output.LastEvaluatedKey
      ? (decode(output.LastEvaluatedKey) as Record<string, string>)
      : undefined,
  };
}

function fromRecord(record: Record<string, AttributeValue>): StoredItem {
  const { pk: _pk, sk: _sk, ...item } = decode(record);
  return item as unknown as StoredItem;
}

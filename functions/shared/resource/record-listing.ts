import { type AttributeValue, QueryCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { fromRecord as decode, toRecord } from '../attribute-codec';
import { dynamoClient } from '../clients';
import { tableName } from '../env';
import { TABLE_SCHEMA } from '../table-schema';
import { recordOf } from './record-store';
import { OWNER_INDEX, ownerPartitionOf, ownerPartitionPrefixOf, type ResourceKeys } from './resource-keys';
import type { StoredRecord } from './stored-record';

export interface ListRequest {
  /** Only this owner's records; `undefined` lists every owner's (admins). */
  readonly ownerId?: string;
  readonly limit: number;
  readonly startKey?: Record<string, string>;
}

export interface ListResult {
  readonly records: StoredRecord[];
  /** The owner index key to resume after, when more may follow. */
  readonly lastKey?: Record<string, string>;
}

/**
 * Index rows one admin listing may read before it answers with what it found: bounds the request's time
 * and cost when other resources' rows far outnumber this one's in the shared index.
 */
const ADMIN_SCAN_BUDGET = 1000;
const ADMIN_SCAN_PAGE = 100;

/**
 * Lists through the sparse owner index (only owned resources' rows carry `resourceOwner`). One owner:
 * a Query of the partition `<resource>#<owner>`, newest first, with no filter, so every page holds up to
 * `limit` records. Every owner (admins): a Scan of the index kept to this resource's rows by a
 * `begins_with(resourceOwner, '<resource>#')` filter, read on until the page is full, the index ends or
 * {@link ADMIN_SCAN_BUDGET} rows were read (then a short page with a cursor).
 */
export async function listRecords(keys: ResourceKeys, request: ListRequest): Promise<ListResult> {
  const { ownerId } = request;
  return ownerId === undefined ? scanAllOwners(keys, request) : queryOwner(keys, ownerId, request);
}

async function queryOwner(keys: ResourceKeys, ownerId: string, request: ListRequest): Promise<ListResult> {
  const output = await dynamoClient().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: OWNER_INDEX.name,
      Limit: request.limit,
      ExclusiveStartKey: request.startKey ? toRecord(request.startKey) : undefined,
      KeyConditionExpression: '#owner = :owner',
      ExpressionAttributeNames: { '#owner': OWNER_INDEX.partitionKey },
      ExpressionAttributeValues: toRecord({ ':owner': ownerPartitionOf(keys, ownerId) }),
      ScanIndexForward: false,
    }),
  );
  return {
    records: (output.Items ?? []).map(recordOf),
    lastKey: output.LastEvaluatedKey ? stringKey(output.LastEvaluatedKey) : undefined,
  };
}

async function scanAllOwners(keys: ResourceKeys, request: ListRequest): Promise<ListResult> {
  const rows: Record<string, AttributeValue>[] = [];
  let startKey = request.startKey ? toRecord(request.startKey) : undefined;
  let read = 0;
  while (read < ADMIN_SCAN_BUDGET) {
    const output = await dynamoClient().send(
      new ScanCommand({
        TableName: tableName(),
        IndexName: OWNER_INDEX.name,
        Limit: ADMIN_SCAN_PAGE,
        ExclusiveStartKey: startKey,
        FilterExpression: 'begins_with(#owner, :type)',
        ExpressionAttributeNames: { '#owner': OWNER_INDEX.partitionKey },
        ExpressionAttributeValues: toRecord({ ':type': ownerPartitionPrefixOf(keys) }),
      }),
    );
    read += output.ScannedCount ?? ADMIN_SCAN_PAGE;
    rows.push(...(output.Items ?? []));
    if (rows.length >= request.limit) {
      // Resume right after the last row returned, not after the last row read.
      const page = rows.slice(0, request.limit);
      const more = rows.length > request.limit || output.LastEvaluatedKey !== undefined;
      return { records: page.map(recordOf), lastKey: more ? indexKeyOf(page[page.length - 1]) : undefined };
    }
    startKey = output.LastEvaluatedKey;
    if (!startKey) return { records: rows.map(recordOf) };
  }
  return { records: rows.map(recordOf), lastKey: startKey ? stringKey(startKey) : undefined };
}

/** The owner index key of a row: its table key plus its index key, as DynamoDB's LastEvaluatedKey has. */
function indexKeyOf(row: Record<string, AttributeValue>): Record<string, string> {
  const names = [
    TABLE_SCHEMA.partitionKey,
    TABLE_SCHEMA.sortKey,
    OWNER_INDEX.partitionKey,
    OWNER_INDEX.sortKey,
  ];
  return stringKey(Object.fromEntries(names.map((n) => [n, row[n]])));
}

function stringKey(key: Record<string, AttributeValue>): Record<string, string> {
  return decode(key) as Record<string, string>;
}

import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/** A primary key in DynamoDB JSON, e.g. `{ pk: { S: 'ITEM#1' }, sk: { S: 'ITEM' } }`. */
export type ItemKey = Record<string, AttributeValue>;

/** The key attribute names of the replicated table. */
export interface KeyNames {
  readonly partitionKey: string;
  readonly sortKey: string;
}

/** Operations that change items; everything else passes through uncaptured. */
const WRITE_OPERATIONS = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem']);

/** The DynamoDB operation of a request, from its `X-Amz-Target: DynamoDB_20120810.<Op>` header. */
export function operationOf(target: string | undefined): string | undefined {
  return target?.split('.').pop();
}

export function isWriteOperation(operation: string | undefined): boolean {
  return operation !== undefined && WRITE_OPERATIONS.has(operation);
}

/** A stable string id of a key, for maps and locks. */
export function keyId(key: ItemKey): string {
  return JSON.stringify(
    Object.keys(key)
      .sort()
      .map((k) => [k, key[k]]),
  );
}

function pickKey(item: ItemKey | undefined, names: KeyNames): ItemKey | undefined {
  const pk = item?.[names.partitionKey];
  const sk = item?.[names.sortKey];
  if (!pk || !sk) return undefined;
  return { [names.partitionKey]: pk, [names.sortKey]: sk };
}

interface WriteRequest {
  PutRequest?: { Item?: ItemKey };
  DeleteRequest?: { Key?: ItemKey };
}

/**
 * The keys of `table` that a write request targets. For BatchWriteItem pass the response too: items
 * it returns as `UnprocessedItems` were not written.
 */
export function writtenKeys(
  operation: string | undefined,
  request: Record<string, unknown>,
  table: string,
  names: KeyNames,
  response?: Record<string, unknown>,
): ItemKey[] {
  if (operation === 'BatchWriteItem') {
    const requests = ((request.RequestItems as Record<string, WriteRequest[]> | undefined)?.[table] ??
      []) as WriteRequest[];
    const unprocessed = new Set(
      (
        ((response?.UnprocessedItems as Record<string, WriteRequest[]> | undefined)?.[table] ??
          []) as WriteRequest[]
      )
        .map((w) => pickKey(w.PutRequest?.Item ?? w.DeleteRequest?.Key, names))
        .filter((k): k is ItemKey => k !== undefined)
        .map(keyId),
    );
    return requests
      .map((w) => pickKey(w.PutRequest?.Item ?? w.DeleteRequest?.Key, names))
      .filter((k): k is ItemKey => k !== undefined && !unprocessed.has(keyId(k)));
  }
  if (request.TableName !== table || !isWriteOperation(operation)) return [];
  const key = pickKey((operation === 'PutItem' ? request.Item : request.Key) as ItemKey | undefined, names);
  return key ? [key] : [];
}

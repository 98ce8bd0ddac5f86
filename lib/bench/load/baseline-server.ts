import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type DynamoDBClient, GetItemCommand, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import {
  OWNER_INDEX,
  ownerPartitionOf,
  primaryKeyOf,
} from '../../../functions/shared/resource/resource-keys';
import { TABLE_SCHEMA } from '../../../functions/shared/table-schema';
import { probeResource } from '../../routes/probe-resource';

/** A running baseline server. */
export interface BaselineServer {
  readonly url: string;
  close(): Promise<void>;
}

/** The caller in place of the authorizer's `sub`: the baseline has no auth at all. */
export const BASELINE_OWNER = 'bench-owner';

const json = (res: ServerResponse, status: number, body: unknown) => {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
};

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
}

/**
 * The least a server can do for GET /items/{id}, GET /items and POST /items (the paths of probeResource): the same DynamoDB calls as
 * functions/shared/resource/record-store.ts and record-listing.ts (GetItem, Query on the owner index
 * newest first, conditional PutItem)
 * with no router, authorizer, middleware, validation or write capture. The API bench divides by it.
 */
export async function startBaselineServer(
  client: DynamoDBClient,
  tableName: string,
): Promise<BaselineServer> {
  const { partitionKey, sortKey } = TABLE_SCHEMA;
  // The same paths and keys as the sandbox's probed resource, so the load scenarios address both alike.
  const { collectionPath: collection, keys } = probeResource();
  if (!keys) throw new Error(`${collection} is not an owned resource: the baseline server cannot store it`);
  const keyOf = (id: string) => marshall(primaryKeyOf(keys, id));
  const strip = (raw: Record<string, unknown>) => {
    const { [partitionKey]: _pk, [sortKey]: _sk, [OWNER_INDEX.partitionKey]: _owner, ...item } = raw;
    return item;
  };
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const member = path.startsWith(`${collection}/`) ? path.slice(collection.length + 1) : '';
    const id = member && !member.includes('/') ? decodeURIComponent(member) : undefined;
    if (req.method === 'GET' && id) {
      const { Item } = await client.send(new GetItemCommand({ TableName: tableName, Key: keyOf(id) }));
      if (!Item) return json(res, 404, { title: 'Not Found' });
      return json(res, 200, strip(unmarshall(Item)));
    }
    if (req.method === 'GET' && path === collection) {
      const out = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: OWNER_INDEX.name,
          Limit: 20,
          KeyConditionExpression: '#owner = :owner',
          ExpressionAttributeNames: { '#owner': OWNER_INDEX.partitionKey },
          ExpressionAttributeValues: marshall({ ':owner': ownerPartitionOf(keys, BASELINE_OWNER) }),
          ScanIndexForward: false,
        }),
      );
      return json(res, 200, { items: (out.Items ?? []).map((i) => strip(unmarshall(i))) });
    }
    if (req.method === 'POST' && path === collection) {
      const body = await readJson(req);
      const now = new Date().toISOString();
      const newId = randomUUID();
      const item = {
        id: newId,
        ownerId: BASELINE_OWNER,
        ...body,
        version: 1,
        createdAt: now,
        updatedAt: now,
      };
      await client.send(
        new PutItemCommand({
          TableName: tableName,
          Item: {
            ...keyOf(newId),
            ...marshall(
              { ...item, [OWNER_INDEX.partitionKey]: ownerPartitionOf(keys, BASELINE_OWNER) },
              { removeUndefinedValues: true },
            ),
          },
          ConditionExpression: 'attribute_not_exists(#pk)',
          ExpressionAttributeNames: { '#pk': partitionKey },
        }),
      );
      return json(res, 201, item);
    }
    return json(res, 404, { title: 'Not Found' });
  };
  const server = createServer((req, res) => {
    handle(req, res).catch((e: Error) => json(res, 500, { title: e.message }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

import type { RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CreateTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { TABLE_SCHEMA } from '../../functions/shared/table-schema';
import { localDynamoClient } from '../sandbox-contract/dynamodb-client';

/** Options of a local DynamoDB server. */
export interface LocalDynamoOptions {
  /** Directory of the LevelDB store; in memory when absent. */
  readonly path?: string;
  /** TCP port on 127.0.0.1; 0 picks a free one. @default 0 */
  readonly port?: number;
}

/** A running dynalite server, reachable at `endpoint`. */
export interface LocalDynamo {
  readonly endpoint: string;
  readonly port: number;
  /** dynalite's request listener, for callers in this process that can skip the loopback hop. */
  readonly handler: RequestListener;
  close(): Promise<void>;
}

/** Starts dynalite (a maintained DynamoDB implementation on LevelDB) on loopback. */
export async function startLocalDynamo(options: LocalDynamoOptions = {}): Promise<LocalDynamo> {
  const server = dynalite({ path: options.path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    handler: server.listeners('request')[0] as RequestListener,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

export { localDynamoClient };

/**
 * Creates the app table with the same keys and index as the CDK GlobalTable (a no-op when it exists) and
 * waits until it is ACTIVE: dynalite answers CreateTable while the table is still CREATING.
 */
export async function createAppTable(client: DynamoDBClient, tableName: string): Promise<void> {
  const { partitionKey, sortKey, indexes } = TABLE_SCHEMA;
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: partitionKey, AttributeType: 'S' },
          { AttributeName: sortKey, AttributeType: 'S' },
          { AttributeName: indexes.byOwner.partitionKey, AttributeType: 'S' },
          { AttributeName: indexes.byOwner.sortKey, AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: partitionKey, KeyType: 'HASH' },
          { AttributeName: sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: [
          {
            IndexName: indexes.byOwner.name,
            KeySchema: [
              { AttributeName: indexes.byOwner.partitionKey, KeyType: 'HASH' },
              { AttributeName: indexes.byOwner.sortKey, KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
      }),
    );
  } catch (e) {
    if (!(e instanceof ResourceInUseException)) throw e;
  }
  await waitUntilTableExists(
    { client, maxWaitTime: 30, minDelay: 0.05, maxDelay: 0.2 },
    { TableName: tableName },
  );
}

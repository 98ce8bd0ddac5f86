import { mkdtempSync, rmSync } from 'node:fs';
import type { RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  /**
   * Open a TCP port at all. Callers in this process that only use `handler` need none, and a port on
   * a developer's machine is one more thing a web page could reach. @default true
   */
  readonly listen?: boolean;
}

/** A running dynalite server, reachable at `endpoint` (empty, with port 0, when it does not listen). */
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
  const handler = server.listeners('request')[0] as RequestListener;
  if (options.listen === false) {
    // dynalite releases its LevelDB store only when its server closes, and a server that never listened
    // cannot close. So it listens on a Unix socket in a fresh 0700 directory: no TCP port, nothing a web
    // page or another user can reach.
    const dir = mkdtempSync(join(tmpdir(), 'dynalite-'));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(join(dir, 'sock'), () => resolve());
    });
    return {
      endpoint: '',
      port: 0,
      handler,
      close: async () => {
        await closeDynalite(server);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    handler,
    close: () => closeDynalite(server),
  };
}

function closeDynalite(server: ReturnType<typeof dynalite>): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.closeAllConnections();
    server.close((err) => (err ? reject(err) : resolve()));
  });
}

/** The CreateTable input of the app table: the same keys and indexes as the CDK GlobalTable. */
export function appTableInput(tableName: string) {
  const { partitionKey, sortKey } = TABLE_SCHEMA;
  // Every index of TABLE_SCHEMA, so adding one there needs no change here.
  const indexes = Object.values(TABLE_SCHEMA.indexes);
  // Each key attribute is defined once, even when several indexes share it.
  const keyAttributes = [
    ...new Set<string>([partitionKey, sortKey, ...indexes.flatMap((i) => [i.partitionKey, i.sortKey])]),
  ];
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: keyAttributes.map((name) => ({ AttributeName: name, AttributeType: 'S' as const })),
    KeySchema: [
      { AttributeName: partitionKey, KeyType: 'HASH' as const },
      { AttributeName: sortKey, KeyType: 'RANGE' as const },
    ],
    GlobalSecondaryIndexes: indexes.map((index) => ({
      IndexName: index.name,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
        { AttributeName: index.sortKey, KeyType: 'RANGE' as const },
      ],
      Projection: { ProjectionType: 'ALL' as const },
    })),
  };
}

export { localDynamoClient };

/**
 * Creates the app table with the same keys and index as the CDK GlobalTable (a no-op when it exists) and
 * waits until it is ACTIVE: dynalite answers CreateTable while the table is still CREATING.
 */
export async function createAppTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(new CreateTableCommand(appTableInput(tableName)));
  } catch (e) {
    if (!(e instanceof ResourceInUseException)) throw e;
  }
  await waitUntilTableExists(
    { client, maxWaitTime: 30, minDelay: 0.05, maxDelay: 0.2 },
    { TableName: tableName },
  );
}

import type { RequestListener } from 'node:http';
import type { DynamoEndpoint } from './dynamo-endpoint';
import { KeyLocks } from './key-locks';
import { callLocalDynamo } from './local-dynamo-call';
import { createAppTable, type LocalDynamo, localDynamoClient, startLocalDynamo } from './local-dynamodb';
import type { Item, ReplicaTable } from './replicator';
import type { ItemKey } from './write-keys';

/** A region's table: its own local DynamoDB, reached directly (the replicator's path, never captured). */
export class RegionTable implements ReplicaTable {
  readonly locks = new KeyLocks();
  endpoint: DynamoEndpoint | undefined;
  private readonly client;

  private constructor(
    readonly region: string,
    readonly tableName: string,
    private readonly db: LocalDynamo,
  ) {
    this.client = localDynamoClient(db.endpoint, region);
  }

  /** Starts the region's dynalite (on disk at `path`, or in memory) and creates the app table. */
  static async open(region: string, tableName: string, path?: string): Promise<RegionTable> {
    const db = await startLocalDynamo({ path });
    const table = new RegionTable(region, tableName, db);
    try {
      await createAppTable(table.client, tableName);
    } catch (e) {
      await table.close();
      throw e;
    }
    return table;
  }

  /** The dynalite URL behind the region's endpoint. */
  get backend(): string {
    return this.db.endpoint;
  }

  /** dynalite's request listener: the endpoint calls it in-process rather than over loopback HTTP. */
  get backendHandler(): RequestListener {
    return this.db.handler;
  }

  isUp(): boolean {
    return this.endpoint?.up ?? false;
  }

  // The replicator's reads and writes go straight to dynalite in this process (no SDK, no HTTP).
  async read(key: ItemKey): Promise<Item | undefined> {
    const { Item } = await callLocalDynamo<{ Item?: Item }>(this.db.handler, 'GetItem', {
      TableName: this.tableName,
      Key: key,
      ConsistentRead: true,
    });
    return Item;
  }

  async put(item: Item): Promise<void> {
    await callLocalDynamo(this.db.handler, 'PutItem', { TableName: this.tableName, Item: item });
  }

  async remove(key: ItemKey): Promise<void> {
    await callLocalDynamo(this.db.handler, 'DeleteItem', { TableName: this.tableName, Key: key });
  }

  async close(): Promise<void> {
    await this.endpoint?.close();
    this.client.destroy();
    await this.db.close();
  }
}

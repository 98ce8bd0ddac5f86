import type { RequestListener } from 'node:http';
import type { DynamoEndpoint } from './dynamo-endpoint';
import { KeyLocks } from './key-locks';
import { callLocalDynamo, LocalDynamoError } from './local-dynamo-call';
import { appTableInput, type LocalDynamo, startLocalDynamo } from './local-dynamodb';
import type { Item, ReplicaTable } from './replicator';
import { type TableLayout, tableLayoutDifferences } from './table-layout';
import type { ItemKey } from './write-keys';

/** A region's table: its own local DynamoDB, reached directly (the replicator's path, never captured). */
export class RegionTable implements ReplicaTable {
  readonly locks = new KeyLocks();
  endpoint: DynamoEndpoint | undefined;

  private constructor(
    readonly region: string,
    readonly tableName: string,
    private readonly db: LocalDynamo,
  ) {}

  /**
   * Starts the region's dynalite (on disk at `path`, or in memory) without a TCP port, and creates the
   * app table: everything reaches it in this process; handlers go through the region's endpoint.
   */
  static async open(region: string, tableName: string, path?: string): Promise<RegionTable> {
    const db = await startLocalDynamo({ path, listen: false });
    const table = new RegionTable(region, tableName, db);
    try {
      await table.createAppTable();
    } catch (e) {
      await table.close();
      throw e;
    }
    return table;
  }

  /** Creates the app table unless it exists, and waits until it is ACTIVE (dynalite answers CREATING). */
  private async createAppTable(): Promise<void> {
    try {
      await callLocalDynamo(this.db.handler, 'CreateTable', appTableInput(this.tableName));
    } catch (e) {
      if (!(e instanceof LocalDynamoError && e.type === 'ResourceInUseException')) throw e;
    }
    for (let attempt = 0; attempt < 300; attempt++) {
      const { Table } = await callLocalDynamo<{ Table?: { TableStatus?: string } }>(
        this.db.handler,
        'DescribeTable',
        { TableName: this.tableName },
      );
      if (Table?.TableStatus === 'ACTIVE') return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`table ${this.tableName} of ${this.region} never became ACTIVE`);
  }

  /** How the table on disk differs from TABLE_SCHEMA's layout (empty when it matches). */
  async layoutDifferences(): Promise<string[]> {
    const { Table } = await callLocalDynamo<{ Table?: TableLayout }>(this.db.handler, 'DescribeTable', {
      TableName: this.tableName,
    });
    return tableLayoutDifferences(Table ?? {}, appTableInput(this.tableName));
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
    await this.db.close();
  }
}

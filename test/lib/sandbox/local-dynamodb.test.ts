import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeTableCommand, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { TABLE_SCHEMA } from '../../../functions/shared/table-schema';
import { createAppTable, localDynamoClient, startLocalDynamo } from '../../../lib/sandbox/local-dynamodb';
import { RegionTable } from '../../../lib/sandbox/region-table';

describe('local DynamoDB', () => {
  it('creates the app table with the shared key schema, idempotently', async () => {
    const db = await startLocalDynamo();
    const client = localDynamoClient(db.endpoint);
    try {
      await createAppTable(client, 'app');
      await createAppTable(client, 'app');
      const { Table } = await client.send(new DescribeTableCommand({ TableName: 'app' }));
      expect(Table?.KeySchema).toEqual([
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ]);
      expect(Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName)).toEqual(['byResourceOwner']);
      // Every index of TABLE_SCHEMA, with its keys, as the CDK GlobalTable declares it.
      expect(Table?.GlobalSecondaryIndexes?.map((i) => ({ name: i.IndexName, keys: i.KeySchema }))).toEqual(
        Object.values(TABLE_SCHEMA.indexes).map((i) => ({
          name: i.name,
          keys: [
            { AttributeName: i.partitionKey, KeyType: 'HASH' },
            { AttributeName: i.sortKey, KeyType: 'RANGE' },
          ],
        })),
      );
    } finally {
      client.destroy();
      await db.close();
    }
  });

  it('keeps data on disk across a restart when given a path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dynalite-'));
    const open = async () => {
      const db = await startLocalDynamo({ path: dir });
      return { db, client: localDynamoClient(db.endpoint) };
    };
    const close = async (s: Awaited<ReturnType<typeof open>>) => {
      s.client.destroy();
      await s.db.close();
    };
    try {
      const first = await open();
      try {
        await createAppTable(first.client, 'app');
        await first.client.send(
          new PutItemCommand({ TableName: 'app', Item: { pk: { S: 'a' }, sk: { S: 'b' } } }),
        );
      } finally {
        await close(first);
      }
      const second = await open();
      try {
        const { Item } = await second.client.send(
          new GetItemCommand({ TableName: 'app', Key: { pk: { S: 'a' }, sk: { S: 'b' } } }),
        );
        expect(Item).toEqual({ pk: { S: 'a' }, sk: { S: 'b' } });
      } finally {
        await close(second);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('opens a region table with no TCP port, reachable only in-process, and releases its store on close (finding 7)', async () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'region-'));
    const listening = () =>
      (
        process as unknown as {
          _getActiveHandles(): { constructor: { name: string }; address?(): unknown }[];
        }
      )
        ._getActiveHandles()
        .filter((h) => h.constructor.name === 'Server')
        .map((h) => h.address?.())
        .filter((a) => typeof a === 'object' && a !== null).length;
    const before = listening();
    try {
      // Act
      const table = await RegionTable.open('eu-west-1', 'app', dir);
      const tcpPorts = listening() - before;
      await table.put({ pk: { S: 'ITEM#1' }, sk: { S: 'ITEM' } });
      await table.close();
      const reopened = await RegionTable.open('eu-west-1', 'app', dir);
      const item = await reopened.read({ pk: { S: 'ITEM#1' }, sk: { S: 'ITEM' } });
      await reopened.close();
      // Assess: a Unix socket's address is a string, a TCP port's an object.
      expect(tcpPorts).toBe(0);
      expect(item).toEqual({ pk: { S: 'ITEM#1' }, sk: { S: 'ITEM' } });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

import {
  BatchWriteItemCommand,
  ConditionalCheckFailedException,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  ResourceNotFoundException,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { type DynamoEndpoint, startDynamoEndpoint } from '../../../lib/sandbox/dynamo-endpoint';
import { KeyLocks } from '../../../lib/sandbox/key-locks';
import {
  createAppTable,
  type LocalDynamo,
  localDynamoClient,
  startLocalDynamo,
} from '../../../lib/sandbox/local-dynamodb';
import type { ItemKey } from '../../../lib/sandbox/write-keys';

const k = (id: string) => ({ pk: { S: id }, sk: { S: 'ITEM' } });

// The sandbox hands calls to its in-process dynalite directly; over HTTP is the fallback for any other target.
describe.each([
  ['in-process', true],
  ['over HTTP', false],
])('DynamoDB endpoint (write capture), dynalite called %s', (_mode, inProcess) => {
  let db: LocalDynamo;
  let endpoint: DynamoEndpoint;
  const written: ItemKey[][] = [];

  beforeAll(async () => {
    db = await startLocalDynamo();
    const admin = localDynamoClient(db.endpoint);
    await createAppTable(admin, 'app');
    admin.destroy();
    endpoint = await startDynamoEndpoint({
      target: db.endpoint,
      targetHandler: inProcess ? db.handler : undefined,
      table: 'app',
      keyNames: { partitionKey: 'pk', sortKey: 'sk' },
      locks: new KeyLocks(),
      onWrite: (keys) => written.push(keys),
    });
  });
  afterAll(async () => {
    await endpoint.close();
    await db.close();
  });

  it('passes every call through and reports the keys of successful writes only', async () => {
    const client = localDynamoClient(endpoint.url);
    try {
      await client.send(new PutItemCommand({ TableName: 'app', Item: { ...k('a'), n: { N: '1' } } }));
      await client.send(
        new UpdateItemCommand({
          TableName: 'app',
          Key: k('a'),
          UpdateExpression: 'SET n = n + :one',
          ExpressionAttributeValues: { ':one': { N: '1' } },
        }),
      );
      await expect(
        client.send(
          new PutItemCommand({
            TableName: 'app',
            Item: k('a'),
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        ),
      ).rejects.toBeInstanceOf(ConditionalCheckFailedException);
      await client.send(
        new BatchWriteItemCommand({
          RequestItems: { app: [{ PutRequest: { Item: k('b') } }, { DeleteRequest: { Key: k('a') } }] },
        }),
      );
      await client.send(new DeleteItemCommand({ TableName: 'app', Key: k('b') }));
      const { Item } = await client.send(new GetItemCommand({ TableName: 'app', Key: k('b') }));
      expect(Item).toBeUndefined();
      expect(written).toEqual([[k('a')], [k('a')], [k('b'), k('a')], [k('b')]]);
      // A write to another table passes through and is not captured.
      await expect(client.send(new PutItemCommand({ TableName: 'other', Item: k('c') }))).rejects.toThrow(
        ResourceNotFoundException,
      );
      expect(written).toHaveLength(4);
    } finally {
      client.destroy();
    }
  });

  it('refuses connections while failed and serves the same data on the same port after restore', async () => {
    const client = localDynamoClient(endpoint.url);
    try {
      await client.send(new PutItemCommand({ TableName: 'app', Item: k('kept') }));
      await endpoint.fail();
      expect(endpoint.up).toBe(false);
      await expect(client.send(new GetItemCommand({ TableName: 'app', Key: k('kept') }))).rejects.toThrow();
      await endpoint.restore();
      const { Item } = await client.send(new GetItemCommand({ TableName: 'app', Key: k('kept') }));
      expect(Item).toEqual(k('kept'));
    } finally {
      client.destroy();
    }
  });
});

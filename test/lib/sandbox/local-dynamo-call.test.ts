import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { callLocalDynamo, LocalDynamoError } from '../../../lib/sandbox/local-dynamo-call';
import {
  createAppTable,
  type LocalDynamo,
  localDynamoClient,
  startLocalDynamo,
} from '../../../lib/sandbox/local-dynamodb';

describe('callLocalDynamo (in-process calls to dynalite)', () => {
  let db: LocalDynamo;
  beforeAll(async () => {
    db = await startLocalDynamo();
    const client = localDynamoClient(db.endpoint);
    await createAppTable(client, 'app');
    client.destroy();
  });
  afterAll(() => db.close());

  it('reads and writes the same table the SDK sees over HTTP', async () => {
    const key = { pk: { S: 'ITEM#1' }, sk: { S: 'ITEM' } };
    await callLocalDynamo(db.handler, 'PutItem', { TableName: 'app', Item: { ...key, n: { N: '7' } } });
    const client = localDynamoClient(db.endpoint);
    try {
      const { Item } = await client.send(new GetItemCommand({ TableName: 'app', Key: key }));
      expect(Item).toEqual({ ...key, n: { N: '7' } });
      await client.send(new PutItemCommand({ TableName: 'app', Item: { ...key, n: { N: '8' } } }));
    } finally {
      client.destroy();
    }
    const got = await callLocalDynamo<{ Item?: unknown }>(db.handler, 'GetItem', {
      TableName: 'app',
      Key: key,
      ConsistentRead: true,
    });
    expect(got.Item).toEqual({ ...key, n: { N: '8' } });
    await callLocalDynamo(db.handler, 'DeleteItem', { TableName: 'app', Key: key });
    expect(await callLocalDynamo(db.handler, 'GetItem', { TableName: 'app', Key: key })).toEqual({});
  });

  it('throws a named error with the status on a DynamoDB error', async () => {
    const call = callLocalDynamo(db.handler, 'GetItem', { TableName: 'missing', Key: { pk: { S: 'x' } } });
    await expect(call).rejects.toBeInstanceOf(LocalDynamoError);
    await expect(call).rejects.toMatchObject({ name: 'ResourceNotFoundException', status: 400 });
  });
});

import '../../support/handler-env';
import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { handler as create } from '../../../../functions/handlers/items/create';
import { idempotentRecordId } from '../../../../functions/shared/idempotency';
import { ALICE, invoke } from '../../support/events';

/** A race a real table cannot stage on demand, so the client is mocked here. */
describe('POST /items racing a delete of the same idempotent item', () => {
  const dynamo = mockClient(DynamoDBClient);
  beforeAll(() => {
    process.env.TABLE_NAME = 'app-data';
  });
  afterAll(() => dynamo.restore());

  it('answers 409 when the item the key maps to vanished between the put and the read-back', async () => {
    // Prepare: the conditional put fails (item exists), then the read finds nothing (deleted since).
    dynamo
      .on(PutItemCommand)
      .rejects(new ConditionalCheckFailedException({ message: 'exists', $metadata: {} }))
      .on(GetItemCommand)
      .resolves({});
    // Act
    const res = await invoke(create, {
      method: 'POST',
      body: { name: 'x' },
      headers: { 'Idempotency-Key': 'k' },
    });
    // Assess
    expect(res.status).toBe(409);
    expect(res.body.detail).toMatch(/deleted while being created; retry/);
    // The put was the conditional create of the id the key maps to, and the read-back asked for that key.
    const key = { pk: { S: `ITEM#${idempotentRecordId('items', ALICE.sub, 'k')}` }, sk: { S: 'ITEM' } };
    const puts = dynamo.commandCalls(PutItemCommand).map((c) => c.args[0].input);
    expect(puts).toHaveLength(1);
    expect(puts[0]).toMatchObject({
      TableName: 'app-data',
      Item: { ...key, ownerId: { S: ALICE.sub }, version: { N: '1' }, name: { S: 'x' } },
      ConditionExpression: 'attribute_not_exists(#pk)',
      ExpressionAttributeNames: { '#pk': 'pk' },
    });
    expect(dynamo.commandCalls(GetItemCommand).map((c) => c.args[0].input)).toEqual([
      { TableName: 'app-data', Key: key, ConsistentRead: true },
    ]);
  });
});

import '../../support/handler-env';
import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { handler as create } from '../../../../functions/handlers/items/create';
import { invoke } from '../../support/events';

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
    expect(dynamo.commandCalls(GetItemCommand)[0].args[0].input.ConsistentRead).toBe(true);
  });
});

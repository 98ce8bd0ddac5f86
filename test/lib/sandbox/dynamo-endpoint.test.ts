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
import { rawRequest } from '../../helpers/raw-http';

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

  describe('refuses web pages (security review, finding 7)', () => {
    const scan = '{"TableName":"app"}';
    const head = (extra: string) =>
      `POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-amz-json-1.0\r\n` +
      `X-Amz-Target: DynamoDB_20120810.Scan\r\n${extra}`;

    it.each([
      ['a cross-origin request', 'Origin: http://attacker.example'],
      ['a same-site browser request', 'Sec-Fetch-Site: same-site'],
    ])('answers %s 403 without data or CORS headers', async (_case, header) => {
      // Act
      const res = await rawRequest(endpoint.url, head(header), scan);
      // Assess
      expect(res.status).toBe(403);
      expect(res.body).not.toContain('Items');
      expect(Object.keys(res.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    });

    it('answers a rebound Host 403, and a preflight too', async () => {
      // Act
      const rebound = await rawRequest(
        endpoint.url,
        head('').replace('Host: 127.0.0.1', 'Host: evil.example'),
        scan,
      );
      const preflight = await rawRequest(
        endpoint.url,
        'OPTIONS / HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: http://attacker.example\r\nAccess-Control-Request-Method: POST',
      );
      // Assess
      expect(rebound.status).toBe(403);
      expect(preflight.status).toBe(403);
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('passes SDK calls through without the CORS headers dynalite adds', async () => {
      // Prepare: what the SDK sends (dynalite checks the signature's parts, not the signature).
      const signed =
        'X-Amz-Date: 20260101T000000Z\r\nAuthorization: AWS4-HMAC-SHA256 ' +
        'Credential=local/20260101/local/dynamodb/aws4_request, SignedHeaders=host, Signature=0';
      // Act
      const res = await rawRequest(endpoint.url, head(signed), scan);
      // Assess
      expect(res.status).toBe(200);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    });
  });
});

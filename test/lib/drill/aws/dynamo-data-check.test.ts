import 'aws-sdk-client-mock-jest';
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { DynamoDataCheck, markerKey } from '../../../../lib/drill/aws/dynamo-data-check';

const ddb = mockClient(DynamoDBClient);
beforeEach(() => ddb.reset());

describe('DynamoDataCheck', () => {
  const now = Date.parse('2026-11-27T12:00:00.000Z');
  const regionsUsed: string[] = [];
  const check = new DynamoDataCheck(
    (region) => {
      regionsUsed.push(region);
      return new DynamoDBClient({ region });
    },
    'shop-data',
    () => now,
  );

  it('writes a conditional marker with a TTL in the failing region', async () => {
    ddb.on(PutItemCommand).resolves({});
    const marker = await check.write('us-east-1');
    expect(marker).toMatchObject({ region: 'us-east-1', writtenAt: '2026-11-27T12:00:00.000Z' });
    expect(ddb).toHaveReceivedCommandWith(PutItemCommand, {
      TableName: 'shop-data',
      Item: {
        pk: { S: `DRILL#${marker.id}` },
        sk: { S: 'DRILL' },
        writtenAt: { S: '2026-11-27T12:00:00.000Z' },
        writtenRegion: { S: 'us-east-1' },
        expiresAt: { N: String(now / 1000 + 3600) },
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
    expect(regionsUsed.at(-1)).toBe('us-east-1');
  });

  it('reads the marker from the survivor region', async () => {
    const marker = { id: 'abc', region: 'us-east-1', writtenAt: '' };
    ddb.on(GetItemCommand, { Key: markerKey('abc') }).resolves({ Item: markerKey('abc') });
    expect(await check.read('eu-west-1', marker)).toBe(true);
    expect(regionsUsed.at(-1)).toBe('eu-west-1');
    ddb.on(GetItemCommand).resolves({});
    expect(await check.read('eu-west-1', marker)).toBe(false);
  });
});

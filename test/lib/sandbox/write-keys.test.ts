import { keyId, operationOf, writtenKeys } from '../../../lib/sandbox/write-keys';

const names = { partitionKey: 'pk', sortKey: 'sk' };
const k = (id: string) => ({ pk: { S: id }, sk: { S: 'ITEM' } });

describe('writtenKeys', () => {
  it('reads the key of PutItem, UpdateItem and DeleteItem on the replicated table only', () => {
    expect(
      writtenKeys('PutItem', { TableName: 't', Item: { ...k('a'), name: { S: 'x' } } }, 't', names),
    ).toEqual([k('a')]);
    expect(writtenKeys('UpdateItem', { TableName: 't', Key: k('b') }, 't', names)).toEqual([k('b')]);
    expect(writtenKeys('DeleteItem', { TableName: 't', Key: k('c') }, 't', names)).toEqual([k('c')]);
    expect(writtenKeys('PutItem', { TableName: 'other', Item: k('a') }, 't', names)).toEqual([]);
    expect(writtenKeys('GetItem', { TableName: 't', Key: k('a') }, 't', names)).toEqual([]);
  });

  it('reads BatchWriteItem puts and deletes, minus unprocessed items', () => {
    const request = {
      RequestItems: {
        t: [
          { PutRequest: { Item: k('a') } },
          { DeleteRequest: { Key: k('b') } },
          { PutRequest: { Item: k('c') } },
        ],
        other: [{ PutRequest: { Item: k('z') } }],
      },
    };
    const response = { UnprocessedItems: { t: [{ PutRequest: { Item: k('c') } }] } };
    expect(writtenKeys('BatchWriteItem', request, 't', names, response)).toEqual([k('a'), k('b')]);
  });

  it('names operations from X-Amz-Target and gives key ids independent of attribute order', () => {
    expect(operationOf('DynamoDB_20120810.PutItem')).toBe('PutItem');
    expect(keyId({ sk: { S: '1' }, pk: { S: '2' } })).toBe(keyId({ pk: { S: '2' }, sk: { S: '1' } }));
  });
});

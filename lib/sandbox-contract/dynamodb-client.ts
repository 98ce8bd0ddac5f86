import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/**
 * A client for a local DynamoDB endpoint (dynalite, or a sandbox region's `endpoints.dynamodb` entry):
 * dynalite ignores credentials but the SDK requires some.
 */
export function localDynamoClient(endpoint: string, region = 'us-east-1'): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
}

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

let client: DynamoDBClient | undefined;

/**
 * One DynamoDB client per container, created on first use and reused across invocations (keeps the
 * TLS connection warm). `DYNAMODB_ENDPOINT` points it at a local DynamoDB in tests and the sandbox;
 * it is never set in AWS.
 */
export function dynamoClient(): DynamoDBClient {
  client ??= createClient();
  return client;
}

function createClient(): DynamoDBClient {
  const endpoint = process.env.DYNAMODB_ENDPOINT;
  // Bounded socket waits: a hung connection to an impaired regional endpoint must fail fast so that the
  // client gets an error (and Route 53 a failing health check) instead of a Lambda timeout.
  const requestHandler = { connectionTimeout: 1000, requestTimeout: 3000 };
  if (!endpoint) return new DynamoDBClient({ requestHandler });
  return new DynamoDBClient({
    endpoint,
    region: process.env.AWS_REGION ?? 'us-east-1',
    // Local DynamoDB ignores credentials, but the SDK refuses to sign without some.
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    requestHandler,
  });
}

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';

let client: DynamoDBClient | undefined;
let kms: KMSClient | undefined;

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

/**
 * One KMS client per container (the authorizer signs and verifies the table's JWKS copy with it).
 * `KMS_ENDPOINT` points it at the sandbox's local KMS; it is never set in AWS.
 */
export function kmsClient(): KMSClient {
  kms ??= createKmsClient();
  return kms;
}

function createKmsClient(): KMSClient {
  const endpoint = process.env.KMS_ENDPOINT;
  const requestHandler = { connectionTimeout: 1000, requestTimeout: 3000 };
  if (!endpoint) return new KMSClient({ requestHandler });
  return new KMSClient({
    endpoint,
    region: process.env.AWS_REGION ?? 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    requestHandler,
  });
}

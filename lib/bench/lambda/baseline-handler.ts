import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/**
 * The bench's baseline Lambda: the least any handler of this app does at init (import and construct a
 * DynamoDB client). Bundled with the same settings as the real handlers; never deployed.
 */
const client = new DynamoDBClient({});

export const handler = async () => ({ statusCode: 200, body: client.config.apiVersion });

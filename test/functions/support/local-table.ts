import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  createAppTable,
  type LocalDynamo,
  localDynamoClient,
  startLocalDynamo,
} from '../../../lib/sandbox/local-dynamodb';

export const TEST_TABLE = 'app-data';
export const TEST_REGION = 'eu-west-1';

/** A dynalite server holding the app table, with the handler environment pointing at it. */
export interface TestTable {
  readonly db: LocalDynamo;
  readonly client: DynamoDBClient;
  close(): Promise<void>;
}

/**
 * Starts a local table and points the handlers at it (they create their client on first use, so this
 * may run after they were imported; import `./handler-env` before them for the rest of the settings).
 */
export async function startTestTable(): Promise<TestTable> {
  setHandlerEnv();
  const db = await startLocalDynamo();
  const client = localDynamoClient(db.endpoint, TEST_REGION);
  await createAppTable(client, TEST_TABLE);
  await waitUntilActive(client);
  process.env.DYNAMODB_ENDPOINT = db.endpoint;
  return {
    db,
    client,
    close: async () => {
      client.destroy();
      await db.close().catch(() => undefined);
    },
  };
}

/** The environment the CDK app gives every handler, with logs and metrics silenced for test output. */
export function setHandlerEnv(): void {
  Object.assign(process.env, {
    TABLE_NAME: TEST_TABLE,
    AWS_REGION: TEST_REGION,
    ADMIN_GROUP: 'admin',
    POWERTOOLS_SERVICE_NAME: 'items-api',
    POWERTOOLS_METRICS_NAMESPACE: 'ActiveActive',
    POWERTOOLS_LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'SILENT',
    POWERTOOLS_METRICS_DISABLED: 'true',
  });
}

/**
 * dynalite answers CreateTable while the table is still CREATING (even with createTableMs 0), and a
 * write sent right then gets ResourceNotFoundException: wait for ACTIVE so tests do not flake under load.
 */
async function waitUntilActive(client: DynamoDBClient): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: TEST_TABLE }));
    if (Table?.TableStatus === 'ACTIVE') return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`table ${TEST_TABLE} never became ACTIVE`);
}

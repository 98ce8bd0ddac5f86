import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { dynamoClient } from './clients';
import { tableName } from './env';
import { logger } from './observability';

/** Route 53 waits up to 2 s per check; leave room for API Gateway and a cold start. */
const PING_TIMEOUT_MS = 800;

/**
 * Reads one fixed key (pk = sk = 'HEALTH'; absent is fine) from this region's replica: it proves the
 * table answers reads and costs half a read unit, and no write means no replication traffic.
 */
export async function tableIsReachable(): Promise<boolean> {
  try {
    await dynamoClient().send(
      new GetItemCommand({
        TableName: tableName(),
        Key: { pk: { S: 'HEALTH' }, sk: { S: 'HEALTH' } },
        ProjectionExpression: 'pk',
      }),
      { abortSignal: AbortSignal.timeout(PING_TIMEOUT_MS) },
    );
    return true;
  } catch (error) {
    logger.warn('table health check failed', { error: error as Error });
    return false;
  }
}

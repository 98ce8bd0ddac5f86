import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { Jwks } from 'aws-jwt-verify/jwk';
import { dynamoClient } from '../clients';
import { currentRegion, tableName } from '../env';
import { logger, METRIC, metrics } from '../observability';
import { jwksSignatureValid, signJwks } from './jwks-signature';

/**
 * The issuer's JWKS, kept in the replicated table (pk = 'JWKS', sk = issuer, jwks = JSON string,
 * signature = KMS signature of it) so every region can verify tokens from the local replica while the
 * user pool's region is down. A copy whose signature does not verify is ignored: whoever wrote it
 * without the signing key cannot make the authorizers trust a key of their own.
 */
const keyOf = (issuer: string) => ({ pk: { S: 'JWKS' }, sk: { S: issuer } });

/** The stored copy if its signature verifies; undefined when there is none or it was tampered with. */
export async function loadJwks(issuer: string, signingKeyId: string): Promise<Jwks | undefined> {
  const { Item } = await dynamoClient().send(
    new GetItemCommand({
      TableName: tableName(),
      Key: keyOf(issuer),
      ProjectionExpression: 'jwks, signature',
      ConsistentRead: false,
    }),
  );
  const raw = Item?.jwks?.S;
  if (!raw) return undefined;
  if (!(await jwksSignatureValid(signingKeyId, issuer, raw, Item?.signature?.S))) {
    rejectCopy(issuer);
    return undefined;
  }
  const parsed = JSON.parse(raw) as Jwks;
  return Array.isArray(parsed?.keys) ? parsed : undefined;
}

/** Signs the JWKS with the signing key and stores it; fails if either step fails. */
export async function saveJwks(issuer: string, jwks: Jwks, signingKeyId: string): Promise<void> {
  const text = JSON.stringify(jwks);
  const signature = await signJwks(signingKeyId, issuer, text);
  await dynamoClient().send(
    new PutItemCommand({
      TableName: tableName(),
      Item: {
        ...keyOf(issuer),
        jwks: { S: text },
        signature: { S: signature },
        updatedAt: { S: new Date().toISOString() },
        updatedRegion: { S: currentRegion() },
      },
    }),
  );
}

/** Someone without the signing key wrote the JWKS item: say so loudly (an alarm watches this metric). */
function rejectCopy(issuer: string): void {
  logger.error("the table's JWKS copy has no valid signature; ignoring it", { issuer });
  metrics.addMetric(METRIC.jwksCopyRejected, 'Count', 1);
  metrics.publishStoredMetrics();
}

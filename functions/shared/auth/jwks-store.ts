import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { Jwks } from 'aws-jwt-verify/jwk';
import { dynamoClient } from '../clients';
import { currentRegion, tableName } from '../env';

/**
 * The issuer's JWKS, kept in the replicated table (pk = 'JWKS', sk = issuer, jwks = JSON string) so
 * every region can verify tokens from the local replica while the user pool's region is down.
 */
const keyOf = (issuer: string) => ({ pk: { S: 'JWKS' }, sk: { S: issuer } });

export async function loadJwks(issuer: string): Promise<Jwks | undefined> {
  const { Item } = await dynamoClient().send(
    new GetItemCommand({ TableName: tableName(), Key: keyOf(issuer), ProjectionExpression: 'jwks' }),
  );
  const raw = Item?.jwks?.S;
  if (!raw) return undefined;
  const parsed = JSON.parse(raw) as Jwks;
  return Array.isArray(parsed?.keys) ? parsed : undefined;
}

export async function saveJwks(issuer: string, jwks: Jwks): Promise<void> {
  await dynamoClient().send(
    new PutItemCommand({
      TableName: tableName(),
      Item: {
        ...keyOf(issuer),
        jwks: { S: JSON.stringify(jwks) },
        updatedAt: { S: new Date().toISOString() },
        updatedRegion: { S: currentRegion() },
      },
    }),
  );
}

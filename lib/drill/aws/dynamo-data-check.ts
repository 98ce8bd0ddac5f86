import { randomUUID } from 'node:crypto';
import { type DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { TABLE_SCHEMA } from '../../../functions/shared/table-schema';
import type { DataCheck, DataMarker } from '../ports';

/** Markers delete themselves (TTL, replicated like any write) an hour after the drill. */
const MARKER_TTL_SECONDS = 3600;

/** The marker's key: its own partition prefix, so it can never collide with an item or the JWKS copy. */
export function markerKey(id: string) {
  return { [TABLE_SCHEMA.partitionKey]: { S: `DRILL#${id}` }, [TABLE_SCHEMA.sortKey]: { S: 'DRILL' } };
}

/**
 * The RPO check against the global table: a marker written to the replica in the failing region before
 * the drill must be readable from the survivor's replica while that region is out.
 */
export class DynamoDataCheck implements DataCheck {
  readonly description: string;

  constructor(
    private readonly clientFor: (region: string) => DynamoDBClient,
    private readonly tableName: string,
    private readonly now: () => number = Date.now,
  ) {
    this.description = `DynamoDB table ${tableName}`;
  }

  async write(region: string): Promise<DataMarker> {
    const id = randomUUID();
    const writtenAt = new Date(this.now()).toISOString();
    await this.clientFor(region).send(
      new PutItemCommand({
        TableName: this.tableName,
        Item: {
          ...markerKey(id),
          writtenAt: { S: writtenAt },
          writtenRegion: { S: region },
          [TABLE_SCHEMA.ttlAttribute]: { N: String(Math.floor(this.now() / 1000) + MARKER_TTL_SECONDS) },
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return { id, region, writtenAt };
  }

  async read(region: string, marker: DataMarker): Promise<boolean> {
    const out = await this.clientFor(region).send(
      new GetItemCommand({ TableName: this.tableName, Key: markerKey(marker.id) }),
    );
    return out.Item !== undefined;
  }
}

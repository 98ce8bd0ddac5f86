/**
 * The one table's key schema, shared by the CDK app (GlobalTable), the handlers and the local sandbox,
 * so the three can never disagree. Plain data only: infrastructure may import it, handlers bundle it.
 */
export const TABLE_SCHEMA = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Items expire (and the deletion replicates) when this epoch-seconds attribute is in the past. */
  ttlAttribute: 'expiresAt',
  /**
   * Partition key values (or prefixes) of each kind of item. IAM grants each function only the partitions
   * it uses (`dynamodb:LeadingKeys`), so these must match what the handlers write.
   */
  partitions: {
    /** `ITEM#<uuid>`: the API's items. */
    itemPrefix: 'ITEM#',
    /** The fixed key the health check reads. */
    health: 'HEALTH',
    /** The signed JWKS copy the authorizers keep (sk = issuer). */
    jwks: 'JWKS',
  },
  indexes: {
    /** Items of one owner, newest first: partition `ownerId`, sort `createdAt`. */
    byOwner: { name: 'byOwner', partitionKey: 'ownerId', sortKey: 'createdAt' },
  },
} as const;

/**
 * The one table's key schema, shared by the CDK app (GlobalTable), the handlers and the local sandbox,
 * so the three can never disagree. Plain data only: infrastructure may import it, handlers bundle it.
 */
export const TABLE_SCHEMA = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Items expire (and the deletion replicates) when this epoch-seconds attribute is in the past. */
  ttlAttribute: 'expiresAt',
  indexes: {
    /** Items of one owner, newest first: partition `ownerId`, sort `createdAt`. */
    byOwner: { name: 'byOwner', partitionKey: 'ownerId', sortKey: 'createdAt' },
  },
} as const;

/**
 * The one table's key schema, shared by the CDK app (GlobalTable), the handlers and the local sandbox,
 * so the three can never disagree. Plain data only: infrastructure may import it, handlers bundle it.
 * The data layout (which rows carry which keys) is described in docs/ARCHITECTURE.md, "Data layout".
 */
export const TABLE_SCHEMA = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Items expire (and the deletion replicates) when this epoch-seconds attribute is in the past. */
  ttlAttribute: 'expiresAt',
  /**
   * Fixed partition key values of the service's own rows. IAM grants each function only the partitions it
   * uses (`dynamodb:LeadingKeys`), so these must match what the handlers write. Owned resources' rows live
   * under their definition's `keyPrefix` (`ITEM#<uuid>` for items: functions/handlers/<resource>/resource.ts).
   */
  partitions: {
    /** The fixed key the health check reads. */
    health: 'HEALTH',
    /** The signed JWKS copy the authorizers keep (sk = issuer). */
    jwks: 'JWKS',
  },
  indexes: {
    /**
     * Rows of one owned resource type and one owner, newest first: partition `resourceOwner`
     * (`<resource>#<ownerId>`, e.g. `items#<sub>`), sort `createdAt`. Sparse: only owned resources' rows
     * carry `resourceOwner`, and the resource component keeps each resource's rows apart.
     */
    byResourceOwner: { name: 'byResourceOwner', partitionKey: 'resourceOwner', sortKey: 'createdAt' },
  },
} as const;

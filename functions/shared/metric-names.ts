/**
 * Business metrics (EMF, unit Count), one name per outcome worth alarming or graphing. Plain data, so the
 * CDK app can build alarms on them without loading the handlers' Logger and Metrics.
 */
export const METRIC = {
  itemsCreated: 'ItemsCreated',
  itemsUpdated: 'ItemsUpdated',
  itemsDeleted: 'ItemsDeleted',
  /** A write refused because its If-Match version was stale: optimistic concurrency at work. */
  conflictRejected: 'ConflictRejected',
  idempotentReplays: 'IdempotentReplays',
  idempotencyKeyReused: 'IdempotencyKeyReused',
  /** The authorizer found a JWKS copy in the table whose signature does not verify: tampering. */
  jwksCopyRejected: 'JwksCopyRejected',
} as const;

/**
 * Business metrics (EMF, unit Count), one name per outcome worth alarming or graphing. Plain data, so the
 * CDK app can build alarms on them without loading the handlers' Logger and Metrics. Each owned resource
 * also counts its own writes (`<Resource>Created`/`Updated`/`Deleted`, see `OwnedResource.metrics`).
 */
export const METRIC = {
  /** A write refused because its If-Match version was stale: optimistic concurrency at work. */
  conflictRejected: 'ConflictRejected',
  idempotentReplays: 'IdempotentReplays',
  idempotencyKeyReused: 'IdempotencyKeyReused',
  /** The authorizer found a JWKS copy in the table whose signature does not verify: tampering. */
  jwksCopyRejected: 'JwksCopyRejected',
} as const;

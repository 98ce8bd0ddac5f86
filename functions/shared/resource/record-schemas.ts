import * as z from 'zod/mini';
import type { OwnedResource } from './owned-resource';

/**
 * A resource's response shapes, for the OpenAPI document only: handlers build their responses from the
 * stored record (stored-record.ts), so these stay out of the handler bundles.
 */
const isoDateTime = z.iso.datetime();

/** One record: the service's fields (stored-record.ts `RecordMeta`) around the resource's own. */
export function recordSchema(resource: OwnedResource) {
  const optional = Object.fromEntries(Object.entries(resource.optional).map(([k, s]) => [k, z.optional(s)]));
  return z.strictObject({
    id: z.uuid(),
    ownerId: z.string(),
    ...resource.required,
    ...optional,
    /** Starts at 1, incremented by every write; the ETag carries it with the incarnation. */
    version: z.int().check(z.minimum(1)),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
    /** Region that made the last write: after a global-table conflict, shows whose write won. */
    updatedRegion: z.string(),
  });
}

/** One page of a listing; `nextCursor` is absent on the last page. */
export function pageSchema(resource: OwnedResource) {
  return z.strictObject({ items: z.array(recordSchema(resource)), nextCursor: z.optional(z.string()) });
}

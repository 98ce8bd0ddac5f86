import * as z from 'zod/mini';
import { description, name, tags } from './schemas';

/**
 * What the API answers, for the OpenAPI document and as TypeScript types. Handlers build these
 * responses themselves and import only the types, so the schemas stay out of their bundles.
 */
const isoDateTime = z.iso.datetime();

export const Item = z.strictObject({
  id: z.uuid(),
  ownerId: z.string(),
  name,
  description: z.optional(description),
  tags: z.optional(tags),
  /** Starts at 1, incremented by every write; the ETag is this number in quotes. */
  version: z.int().check(z.minimum(1)),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  /** Region that made the last write: after a global-table conflict, shows whose write won. */
  updatedRegion: z.string(),
});
export type Item = z.infer<typeof Item>;

export const ItemPage = z.strictObject({
  items: z.array(Item),
  /** Pass as `cursor` to get the next page; absent on the last page. */
  nextCursor: z.optional(z.string()),
});
export type ItemPage = z.infer<typeof ItemPage>;

export const Health = z.strictObject({
  status: z.enum(['ok', 'fail']),
  region: z.string(),
  checks: z.strictObject({ table: z.enum(['ok', 'fail']) }),
});
export type Health = z.infer<typeof Health>;

/** RFC 9457 problem details; extension members may be added, so the object is open. */
export const Problem = z.looseObject({
  type: z.string(),
  title: z.string(),
  status: z.int().check(z.minimum(100), z.maximum(599)),
  detail: z.string(),
  instance: z.optional(z.string()),
  errors: z.optional(z.array(z.strictObject({ path: z.string(), message: z.string() }))),
  requestId: z.optional(z.string()),
});

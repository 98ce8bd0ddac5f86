import { en } from 'zod/locales';
import * as z from 'zod/mini';

// zod/mini ships without messages ("Invalid input"); the English locale costs ~3 KB and makes every 400
// say what was wrong.
z.config(en());

/**
 * The API's request and response shapes. Handlers validate with them and scripts/generate-openapi.ts
 * turns them into the OpenAPI document, so the two cannot drift. Objects are strict: unknown fields are
 * rejected, never silently dropped.
 */
const name = z.string().check(z.minLength(1), z.maxLength(200));
const description = z.string().check(z.maxLength(2000));
const tags = z.array(z.string().check(z.minLength(1), z.maxLength(50))).check(z.maxLength(20));

/** POST and PUT body: the whole client-writable state of an item. */
export const ItemInput = z.strictObject({
  name,
  description: z.optional(description),
  tags: z.optional(tags),
});
export type ItemInput = z.infer<typeof ItemInput>;

/** PATCH body (JSON Merge Patch): present fields replace, `null` removes an optional field. */
export const ItemPatch = z
  .strictObject({
    name: z.optional(name),
    description: z.optional(z.nullable(description)),
    tags: z.optional(z.nullable(tags)),
  })
  .check(
    z.refine((patch) => Object.keys(patch).length > 0, {
      message: 'must change at least one field',
      abort: true,
    }),
  );
export type ItemPatch = z.infer<typeof ItemPatch>;

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

/** `GET /items` query string. `limit` stays a string here because query strings are. */
export const ListQuery = z.strictObject({
  limit: z.optional(z.string().check(z.regex(/^(?:[1-9][0-9]?|100)$/, 'must be an integer from 1 to 100'))),
  cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(2048))),
  owner: z.optional(z.string().check(z.minLength(1), z.maxLength(128))),
});
export type ListQuery = z.infer<typeof ListQuery>;

export const ItemId = z.uuid();

/** Printable ASCII without spaces, so a key survives every proxy and log unchanged. */
export const IdempotencyKey = z
  .string()
  .check(z.regex(/^[\x21-\x7e]{1,255}$/, 'must be 1 to 255 printable ASCII characters without spaces'));

export const Health = z.strictObject({
  status: z.enum(['ok', 'fail']),
  region: z.string(),
  checks: z.strictObject({ table: z.enum(['ok', 'fail']) }),
});
export type Health = z.infer<typeof Health>;

export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.int(),
  detail: z.string(),
  instance: z.optional(z.string()),
  errors: z.optional(z.array(z.strictObject({ path: z.string(), message: z.string() }))),
  requestId: z.optional(z.string()),
});

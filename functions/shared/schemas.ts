import * as z from 'zod/mini';

/**
 * What the API accepts. Handlers validate with these and scripts/generate-openapi.ts turns them into
 * the OpenAPI document, so the two cannot drift. Objects are strict: unknown fields are rejected, never
 * silently dropped. Response shapes live in response-schemas.ts, out of the handler bundles.
 */
export const name = z.string().check(z.minLength(1), z.maxLength(200));
export const description = z.string().check(z.maxLength(2000));
export const tags = z.array(z.string().check(z.minLength(1), z.maxLength(50))).check(z.maxLength(20));

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

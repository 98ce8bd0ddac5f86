import * as z from 'zod/mini';

/**
 * What the API answers, for the OpenAPI document and as TypeScript types. Handlers build these
 * responses themselves and import only the types, so the schemas stay out of their bundles. Owned
 * resources' record and page shapes come from their definitions (resource/record-schemas.ts).
 */
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

import * as z from 'zod/mini';

/**
 * What the API accepts besides each resource's own fields (functions/handlers/<resource>/resource.ts),
 * and the field types resources build on. Handlers validate with these and scripts/generate-openapi.ts turns them into
 * the OpenAPI document, so the two cannot drift. Objects are strict: unknown fields are rejected, never
 * silently dropped. Response shapes live in response-schemas.ts, out of the handler bundles.
 */
/**
 * Text as stored and shown: no control characters (C0, DEL, C1), which hide in logs and UIs, and
 * well-formed Unicode (no lone surrogates, which JSON's `\ud800` escape can carry and which break every
 * consumer that encodes to UTF-8). The control-character pattern goes into docs/openapi.json; the
 * surrogate check does not, as JSON Schema regex engines other than JavaScript's (Rust's, Python's
 * fuzzers) cannot express surrogate code points. With the `u` flag a valid surrogate pair is one code
 * point outside category Cs, so emoji pass.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point.
const SINGLE_LINE = /^[^\u0000-\u001f\u007f-\u009f]*$/u;
/** As {@link SINGLE_LINE}, but tab, line feed and carriage return are allowed: descriptions have lines. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point.
const MULTI_LINE = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]*$/u;
const LONE_SURROGATE = /\p{Cs}/u;
const TEXT_RULE = 'must be well-formed Unicode text without control characters';
const wellFormed = z.refine<string>((s) => !LONE_SURROGATE.test(s), TEXT_RULE);
const singleLine = [z.regex(SINGLE_LINE, TEXT_RULE), wellFormed] as const;

export const name = z.string().check(z.minLength(1), z.maxLength(200), ...singleLine);
export const description = z
  .string()
  .check(z.maxLength(2000), z.regex(MULTI_LINE, `${TEXT_RULE} other than tab and line breaks`), wellFormed);
export const tags = z
  .array(z.string().check(z.minLength(1), z.maxLength(50), ...singleLine))
  .check(z.maxLength(20));

/** Query string of every owned resource's list route (`GET /<resource>`). `limit` stays a string here because query strings are. */
export const ListQuery = z.strictObject({
  limit: z.optional(z.string().check(z.regex(/^(?:[1-9][0-9]?|100)$/, 'must be an integer from 1 to 100'))),
  cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(2048))),
  owner: z.optional(z.string().check(z.minLength(1), z.maxLength(128), ...singleLine)),
});
export type ListQuery = z.infer<typeof ListQuery>;

/** Printable ASCII without spaces, so a key survives every proxy and log unchanged. */
export const IdempotencyKey = z
  .string()
  .check(z.regex(/^[\x21-\x7e]{1,255}$/, 'must be 1 to 255 printable ASCII characters without spaces'));

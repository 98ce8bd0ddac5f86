import * as z from 'zod/mini';

/** Building blocks of the OpenAPI document (scripts/generate-openapi.ts). */
export type Json = Record<string, unknown>;

export const ref = (name: string, kind = 'schemas') => ({ $ref: `#/components/${kind}/${name}` });

export function jsonSchema(schema: z.ZodMiniType): Json {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12' }) as Json;
  return rest;
}

const COMMON_HEADERS = {
  'x-region': ref('XRegion', 'headers'),
  'x-request-id': ref('XRequestId', 'headers'),
};

/** What each problem status means, worded for the resource (`noun` in lower case, e.g. `item`). */
function problemDescription(status: number, noun: string): string {
  const descriptions: Record<number, string> = {
    400: 'Invalid path, query, header or body; `errors` lists each field and why.',
    401: 'Missing, invalid, expired or foreign bearer token (from the API Gateway authorizer).',
    403: 'Not allowed for this caller.',
    404: `No such ${noun}, or not one the caller may see (existence is not disclosed).`,
    409: `The ${noun} for this Idempotency-Key was deleted while being created; retry.`,
    412: `The If-Match ETag is stale (or from a deleted ${noun} with this id); the response's ETag is the current one. The ${noun} is unchanged.`,
    413: 'Request body above 16 KiB.',
    415: 'Content-Type is not one this operation accepts (or not UTF-8).',
    422: 'The Idempotency-Key was already used with a different body.',
    428: 'If-Match is required for this write.',
    429: 'The table is throttling; retry after Retry-After seconds.',
    500: 'Unexpected error; `requestId` identifies it in the logs.',
    503: 'The table is unavailable in this region; retry after Retry-After seconds.',
  };
  const description = descriptions[status];
  if (!description) throw new Error(`no description for problem status ${status}`);
  return description;
}

function problem(status: number, noun: string): Json {
  const retry = status === 429 || status === 503 ? { 'retry-after': ref('RetryAfter', 'headers') } : {};
  const etag = status === 412 ? { etag: ref('ETag', 'headers') } : {};
  return {
    description: problemDescription(status, noun),
    headers: { ...COMMON_HEADERS, ...retry, ...etag },
    content: { 'application/problem+json': { schema: ref('Problem') } },
  };
}

export function ok(description: string, schema: Json | undefined, headers: Json = {}): Json {
  return {
    description,
    headers: { ...COMMON_HEADERS, ...headers },
    ...(schema ? { content: { 'application/json': { schema } } } : {}),
  };
}

export const jsonBody = (schema: string, mediaTypes = ['application/json']) => ({
  required: true,
  content: Object.fromEntries(mediaTypes.map((type) => [type, { schema: ref(schema) }])),
});

/** `responses` plus a problem+json response for each status. */
export const withProblems = (responses: Json, statuses: number[], noun = 'record') => ({
  ...responses,
  ...Object.fromEntries(statuses.map((s) => [String(s), problem(s, noun)])),
});

export const TABLE_PROBLEMS = [429, 500, 503];

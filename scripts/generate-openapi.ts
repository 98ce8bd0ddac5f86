/**
 * Generates docs/openapi.json (OpenAPI 3.1) from the zod schemas the handlers validate with and from
 * ROUTES, so the description cannot drift from the code. `npm run openapi` writes it; a test fails when
 * the checked-in file is stale. The /openapi.json handler serves the checked-in file.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod/mini';
import { ROUTES, type RouteDefinition } from '../functions/routes';
import { ETAG_PATTERN } from '../functions/shared/etag';
import * as responses from '../functions/shared/response-schemas';
import * as schemas from '../functions/shared/schemas';

export const OPENAPI_PATH = join(__dirname, '..', 'docs', 'openapi.json');

type Json = Record<string, unknown>;
const ref = (name: string, kind = 'schemas') => ({ $ref: `#/components/${kind}/${name}` });

function jsonSchema(schema: z.ZodMiniType): Json {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12' }) as Json;
  return rest;
}

const COMMON_HEADERS = {
  'x-region': ref('XRegion', 'headers'),
  'x-request-id': ref('XRequestId', 'headers'),
};

const PROBLEMS: Record<number, string> = {
  400: 'Invalid path, query, header or body; `errors` lists each field and why.',
  401: 'Missing, invalid, expired or foreign bearer token (from the API Gateway authorizer).',
  403: 'Not allowed for this caller.',
  404: 'No such item, or not one the caller may see (existence is not disclosed).',
  409: 'The item for this Idempotency-Key was deleted while being created; retry.',
  412: "The If-Match version is stale; the response's ETag is the current one. The item is unchanged.",
  413: 'Request body above 16 KiB.',
  415: 'Content-Type is not one this operation accepts (or not UTF-8).',
  422: 'The Idempotency-Key was already used with a different body.',
  428: 'If-Match is required for this write.',
  429: 'The table is throttling; retry after Retry-After seconds.',
  500: 'Unexpected error; `requestId` identifies it in the logs.',
  503: 'The table is unavailable in this region; retry after Retry-After seconds.',
};

function problem(status: number): Json {
  const retry = status === 429 || status === 503 ? { 'retry-after': ref('RetryAfter', 'headers') } : {};
  const etag = status === 412 ? { etag: ref('ETag', 'headers') } : {};
  return {
    description: PROBLEMS[status],
    headers: { ...COMMON_HEADERS, ...retry, ...etag },
    content: { 'application/problem+json': { schema: ref('Problem') } },
  };
}

function ok(description: string, schema: Json | undefined, headers: Json = {}): Json {
  return {
    description,
    headers: { ...COMMON_HEADERS, ...headers },
    ...(schema ? { content: { 'application/json': { schema } } } : {}),
  };
}

const jsonBody = (schema: string, mediaTypes = ['application/json']) => ({
  required: true,
  content: Object.fromEntries(mediaTypes.map((type) => [type, { schema: ref(schema) }])),
});

const withProblems = (responses: Json, statuses: number[]) => ({
  ...responses,
  ...Object.fromEntries(statuses.map((s) => [String(s), problem(s)])),
});

const TABLE = [429, 500, 503];
const WRITE_BODY = [400, 401, 404, 412, 413, 415, 428, ...TABLE];
const itemParams = [ref('ItemId', 'parameters')];
const writeParams = [...itemParams, ref('IfMatch', 'parameters')];

/** Every operation, keyed `METHOD path` like ROUTES. */
const OPERATIONS: Record<string, Json> = {
  'GET /health': {
    operationId: 'getHealth',
    summary: "Deep health of this region (reads this region's table replica)",
    description: 'Public and never cached; Route 53 health checks probe it on each regional hostname.',
    responses: {
      200: ok('The region serves: every check is ok.', ref('Health')),
      503: ok('A check failed; `checks` names it. Route 53 then routes traffic away.', ref('Health')),
    },
  },
  'GET /openapi.json': {
    operationId: 'getOpenApi',
    summary: 'This document',
    responses: { 200: ok('The OpenAPI 3.1 description of the API.', { type: 'object' }) },
  },
  'POST /items': {
    operationId: 'createItem',
    summary: 'Create an item owned by the caller',
    description:
      'With an Idempotency-Key, a retry (even in another region after a failover) returns the item the ' +
      'first attempt created, with `Idempotent-Replayed: true`.',
    parameters: [ref('IdempotencyKey', 'parameters')],
    requestBody: jsonBody('ItemInput'),
    responses: withProblems(
      {
        201: ok('Created (or replayed).', ref('Item'), {
          location: ref('Location', 'headers'),
          etag: ref('ETag', 'headers'),
          'idempotent-replayed': ref('IdempotentReplayed', 'headers'),
        }),
      },
      [400, 401, 409, 413, 415, 422, ...TABLE],
    ),
  },
  'GET /items': {
    operationId: 'listItems',
    summary: "List the caller's items, newest first (admins: every owner's, or `owner`'s)",
    parameters: [ref('Limit', 'parameters'), ref('Cursor', 'parameters'), ref('Owner', 'parameters')],
    responses: withProblems({ 200: ok('One page.', ref('ItemPage')) }, [400, 401, 403, ...TABLE]),
  },
  'GET /items/{id}': {
    operationId: 'getItem',
    summary: 'Read an item',
    parameters: itemParams,
    responses: withProblems(
      { 200: ok('The item; ETag is its version.', ref('Item'), { etag: ref('ETag', 'headers') }) },
      [400, 401, 404, ...TABLE],
    ),
  },
  'PUT /items/{id}': {
    operationId: 'replaceItem',
    summary: 'Replace an item (optional fields left out are removed)',
    parameters: writeParams,
    requestBody: jsonBody('ItemInput'),
    responses: withProblems(
      { 200: ok('Updated.', ref('Item'), { etag: ref('ETag', 'headers') }) },
      WRITE_BODY,
    ),
  },
  'PATCH /items/{id}': {
    operationId: 'patchItem',
    summary: 'Change some fields of an item (JSON Merge Patch: null removes)',
    parameters: writeParams,
    requestBody: jsonBody('ItemPatch', ['application/merge-patch+json', 'application/json']),
    responses: withProblems(
      { 200: ok('Updated.', ref('Item'), { etag: ref('ETag', 'headers') }) },
      WRITE_BODY,
    ),
  },
  'DELETE /items/{id}': {
    operationId: 'deleteItem',
    summary: 'Delete an item',
    parameters: writeParams,
    responses: withProblems({ 204: ok('Deleted.', undefined) }, [400, 401, 404, 412, 428, ...TABLE]),
  },
};

const header = (description: string, schema: Json = { type: 'string' }) => ({ description, schema });

/**
 * The OpenAPI tag of a route: its first path segment (`/items/{id}` → `items`), so each resource groups
 * under its own name; the public routes (health, this description) group under `service`.
 */
export function routeTag(route: Pick<RouteDefinition, 'path' | 'authorized'>): string {
  if (!route.authorized) return 'service';
  const segment = route.path.split('/')[1];
  if (!segment || segment.startsWith('{')) throw new Error(`${route.path}: no resource segment to tag it by`);
  return segment;
}

const TAGS = [
  { name: 'items', description: "The caller's items (admins: everyone's)." },
  { name: 'service', description: 'Health and description of the API.' },
];

export function buildOpenApiDocument(): Json {
  const paths: Record<string, Json> = {};
  for (const route of ROUTES) {
    const operation = OPERATIONS[`${route.method} ${route.path}`];
    if (!operation) throw new Error(`No OpenAPI operation for ${route.method} ${route.path}`);
    const tag = routeTag(route);
    if (!TAGS.some((t) => t.name === tag))
      throw new Error(`${route.path}: describe the tag '${tag}' in TAGS`);
    paths[route.path] ??= {};
    paths[route.path][route.method.toLowerCase()] = {
      ...operation,
      tags: [tag],
      security: route.authorized ? [{ bearerAuth: [] }] : [],
    };
  }
  const listQuery = z.toJSONSchema(schemas.ListQuery) as { properties: Record<string, Json> };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Items API',
      version: '1.0.0',
      description:
        'Sample resource API of the multi-region active-active template. Every response carries ' +
        '`x-region` and `x-request-id`; every error is RFC 9457 problem+json. See docs/API.md.',
    },
    tags: TAGS,
    paths,
    components: {
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'A Cognito user pool access token (not the ID token) for the app client.',
        },
      },
      schemas: {
        ItemInput: jsonSchema(schemas.ItemInput),
        ItemPatch: { ...jsonSchema(schemas.ItemPatch), minProperties: 1 },
        Item: jsonSchema(responses.Item),
        ItemPage: jsonSchema(responses.ItemPage),
        Health: jsonSchema(responses.Health),
        Problem: jsonSchema(responses.Problem),
      },
      parameters: {
        ItemId: { name: 'id', in: 'path', required: true, schema: jsonSchema(schemas.ItemId) },
        IfMatch: {
          name: 'If-Match',
          in: 'header',
          required: true,
          description: 'The ETag of the version the change is based on, e.g. `"3"`.',
          schema: { type: 'string', pattern: ETAG_PATTERN.source },
        },
        IdempotencyKey: {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description: 'Client-chosen key (e.g. a UUID) that makes retries of this create safe.',
          schema: jsonSchema(schemas.IdempotencyKey),
        },
        Limit: {
          name: 'limit',
          in: 'query',
          description: 'Items per page, 1 to 100 (default 20).',
          schema: listQuery.properties.limit,
        },
        Cursor: {
          name: 'cursor',
          in: 'query',
          description: '`nextCursor` of the previous page; valid only for the same caller and owner.',
          schema: listQuery.properties.cursor,
        },
        Owner: {
          name: 'owner',
          in: 'query',
          description: "Admins: list this owner's items. Others may only name themselves.",
          schema: listQuery.properties.owner,
        },
      },
      headers: {
        XRegion: header('AWS region that served the request.'),
        XRequestId: header('Request id to quote; also in the logs.'),
        ETag: header('The item version as a strong ETag, e.g. `"3"`; send it back in If-Match.'),
        Location: header('URL path of the created item.'),
        IdempotentReplayed: header('`true` when the response replays an earlier create with the same key.'),
        RetryAfter: header('Seconds to wait before retrying.', { type: 'integer' }),
      },
    },
  };
}

export function renderOpenApiDocument(): string {
  return `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`;
}

if (require.main === module) {
  writeFileSync(OPENAPI_PATH, renderOpenApiDocument());
  console.log(`wrote ${OPENAPI_PATH}`);
}

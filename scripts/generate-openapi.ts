/**
 * Generates docs/openapi.json (OpenAPI 3.1) from the zod schemas the handlers validate with and from
 * ROUTES, so the description cannot drift from the code. Owned resources' operations, schemas and tags
 * come from their definitions (scripts/openapi/resource-operations.ts): adding a resource needs no line
 * here. `npm run openapi` writes it; a test fails when the checked-in file is stale. The /openapi.json
 * handler serves the checked-in file, titled with the app's name.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod/mini';
import { RESOURCES, ROUTES, type RouteDefinition } from '../functions/routes';
import { ETAG_PATTERN } from '../functions/shared/etag';
import { RecordId } from '../functions/shared/resource/record-access';
import * as responses from '../functions/shared/response-schemas';
import * as schemas from '../functions/shared/schemas';
import { type Json, jsonSchema, ok, ref } from './openapi/parts';
import { resourceOperation, resourceParameters, resourceSchemas } from './openapi/resource-operations';

export const OPENAPI_PATH = join(__dirname, '..', 'docs', 'openapi.json');

/** The public service routes' operations, keyed by handler; every other route belongs to a resource. */
const SERVICE_OPERATIONS: Record<string, Json> = {
  health: {
    operationId: 'getHealth',
    summary: "Deep health of this region (reads this region's table replica)",
    description: 'Public and never cached; Route 53 health checks probe it on each regional hostname.',
    responses: {
      200: ok('The region serves: every check is ok.', ref('Health')),
      503: ok('A check failed; `checks` names it. Route 53 then routes traffic away.', ref('Health')),
    },
  },
  openapi: {
    operationId: 'getOpenApi',
    summary: 'This document',
    responses: { 200: ok('The OpenAPI 3.1 description of the API.', { type: 'object' }) },
  },
};

const SERVICE_TAG = { name: 'service', description: 'Health and description of the API.' };

const header = (description: string, schema: Json = { type: 'string' }) => ({ description, schema });

/**
 * The OpenAPI tag of a route: its resource's name, so each resource groups under its own name; the
 * public routes (health, this description) group under `service`.
 */
export function routeTag(route: Pick<RouteDefinition, 'path' | 'authorized' | 'resource'>): string {
  if (route.resource) return route.resource.name;
  if (!route.authorized) return SERVICE_TAG.name;
  throw new Error(`${route.path}: an authorized route must belong to a resource to be tagged`);
}

function operationOf(route: RouteDefinition): Json {
  if (route.resource && route.operation) return resourceOperation(route.resource, route.operation);
  const operation = SERVICE_OPERATIONS[route.handler];
  if (!operation) throw new Error(`No OpenAPI operation for ${route.method} ${route.path}`);
  return operation;
}

export function buildOpenApiDocument(): Json {
  const paths: Record<string, Json> = {};
  for (const route of ROUTES) {
    paths[route.path] ??= {};
    paths[route.path][route.method.toLowerCase()] = {
      ...operationOf(route),
      tags: [routeTag(route)],
      security: route.authorized ? [{ bearerAuth: [] }] : [],
    };
  }
  const listQuery = z.toJSONSchema(schemas.ListQuery) as { properties: Record<string, Json> };
  const idSchema = jsonSchema(RecordId);
  return {
    openapi: '3.1.0',
    info: {
      // The /openapi.json handler puts the deployed app's name in front (functions/handlers/openapi.ts).
      title: 'API',
      version: '1.0.0',
      description:
        `Owned resources (${RESOURCES.map((r) => r.name).join(', ')}) of a multi-region active-active ` +
        'app. Every response carries `x-region` and `x-request-id`; every error is RFC 9457 ' +
        'problem+json. See docs/API.md.',
    },
    tags: [...RESOURCES.map((r) => ({ name: r.name, description: r.description })), SERVICE_TAG],
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
        ...Object.assign({}, ...RESOURCES.map(resourceSchemas)),
        Health: jsonSchema(responses.Health),
        Problem: jsonSchema(responses.Problem),
      },
      parameters: {
        ...Object.assign({}, ...RESOURCES.map((r) => resourceParameters(r, idSchema))),
        IfMatch: {
          name: 'If-Match',
          in: 'header',
          required: true,
          description:
            'The ETag of the version the change is based on, exactly as read, e.g. `"3.Zq0c7n2Jm1Xb4KsT"`.',
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
          description: 'Records per page, 1 to 100 (default 20).',
          schema: listQuery.properties.limit,
        },
        Cursor: {
          name: 'cursor',
          in: 'query',
          description:
            '`nextCursor` of the previous page; valid only for the same resource, caller and owner.',
          schema: listQuery.properties.cursor,
        },
        Owner: {
          name: 'owner',
          in: 'query',
          description: "Admins: list this owner's records. Others may only name themselves.",
          schema: listQuery.properties.owner,
        },
      },
      headers: {
        XRegion: header('AWS region that served the request.'),
        XRequestId: header('Request id to quote; also in the logs.'),
        ETag: header(
          'The record version and incarnation as a strong ETag, e.g. `"3.Zq0c7n2Jm1Xb4KsT"`; send it back in If-Match.',
        ),
        Location: header('URL path of the created record.'),
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

import { ITEMS } from './handlers/items/resource';
import type { OwnedResource } from './shared/resource/owned-resource';
import { checkDistinctResources } from './shared/resource/resource-keys';
import { ownedResourceRoutes, type ResourceOperation } from './shared/resource/resource-routes';

/**
 * Every API route and the handler file that serves it. The CDK app builds the Lambda functions, their
 * IAM grants, the API Gateway methods, alarms and dashboard from this list, the local sandbox routes
 * requests with it and scripts/generate-openapi.ts describes it, so all of them expose the same API.
 * `handler` is a path under functions/handlers without extension; each file exports `handler`.
 */
export interface RouteDefinition {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** API Gateway resource path, with `{name}` path parameters. */
  readonly path: string;
  readonly handler: string;
  /** false only for routes that must answer without a token (health checks, the API description). */
  readonly authorized: boolean;
  /** What the handler needs from the table: drives the IAM grant (see {@link TableAccess}). */
  readonly tableAccess: TableAccess;
  /**
   * The owned resource the route serves (routes from {@link ownedResourceRoutes}): its key prefix scopes
   * the IAM grant, its definition gives the OpenAPI operation. @default - a service route
   */
  readonly resource?: OwnedResource;
  /** Which of the resource's operations the route is; set with `resource`. */
  readonly operation?: ResourceOperation;
}

/**
 * Exactly the table calls a route makes; `lib/constructs/service-functions.ts` turns each into one IAM
 * statement. Record calls are limited to the route's resource partitions (`<keyPrefix>*`, e.g. `ITEM#*`,
 * on `dynamodb:LeadingKeys`), so no handler can read or write the JWKS copy, another resource's records
 * or any other kind of item, and none may Scan or batch-write the table.
 * - `probe`: GetItem of the `HEALTH` item only, so the public health check can never read user data.
 * - `readItem`: GetItem of the resource's records. `createItem` / `updateItem` / `deleteItem`: that
 *   conditional write plus GetItem (the read-back that explains a failed condition).
 * - `listItems`: Query (one owner) and Scan (admins: every owner) on the owner index only.
 */
export type TableAccess =
  | 'none'
  | 'probe'
  | 'readItem'
  | 'createItem'
  | 'updateItem'
  | 'deleteItem'
  | 'listItems';

/**
 * The owned resources, each defined in its own folder functions/handlers/<name>/ (resource.ts plus one
 * file per operation). Adding one here adds its routes, functions, grants, alarms and OpenAPI operations.
 */
export const RESOURCES: readonly OwnedResource[] = [ITEMS];
checkDistinctResources(RESOURCES);

export const ROUTES: readonly RouteDefinition[] = [
  { method: 'GET', path: '/health', handler: 'health', authorized: false, tableAccess: 'probe' },
  { method: 'GET', path: '/openapi.json', handler: 'openapi', authorized: false, tableAccess: 'none' },
  ...RESOURCES.flatMap(ownedResourceRoutes),
];

/** The Lambda REQUEST authorizer that verifies Cognito (or sandbox) tokens for every authorized route. */
export const AUTHORIZER_HANDLER = 'authorizer';

/**
 * How long API Gateway keeps the authorizer's result for one `Authorization` header value. The CDK app
 * sets it on the REQUEST authorizer and the sandbox's API Gateway stand-in caches for as long, so both
 * re-run the authorizer at the same moments (a token that expires within this time is still accepted).
 */
export const AUTHORIZER_CACHE_TTL_SECONDS = 300;

const RESOURCE_HANDLERS = new Set(ROUTES.filter((r) => r.resource).map((r) => r.handler));

/**
 * The owned resources' handlers (`items/*` and any other resource's): what users' requests reach, as
 * opposed to `/health` and the authorizer. The chaos drills impair exactly these, in AWS (FIS targets)
 * and in the sandbox.
 */
export function isResourceRouteHandler(handler: string): boolean {
  return RESOURCE_HANDLERS.has(handler);
}

/**
 * Every API route and the handler file that serves it. The CDK app builds API Gateway methods from this
 * list and the local sandbox routes requests with it, so both always expose the same API.
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
}

/**
 * Exactly the table calls a route makes; `lib/constructs/service-functions.ts` turns each into one IAM
 * statement. Item calls are limited to the `ITEM#` partitions (`dynamodb:LeadingKeys`), so no handler
 * can read or write the JWKS copy or any other kind of item, and none may Scan or batch-write the table.
 * - `probe`: GetItem of the `HEALTH` item only, so the public health check can never read user data.
 * - `readItem`: GetItem of items. `createItem` / `updateItem` / `deleteItem`: that conditional write
 *   plus GetItem (the read-back that explains a failed condition).
 * - `listItems`: Query (one owner) and Scan (admins: every owner) on the `byOwner` index only.
 */
export type TableAccess =
  | 'none'
  | 'probe'
  | 'readItem'
  | 'createItem'
  | 'updateItem'
  | 'deleteItem'
  | 'listItems';

export const ROUTES: readonly RouteDefinition[] = [
  { method: 'GET', path: '/health', handler: 'health', authorized: false, tableAccess: 'probe' },
  { method: 'GET', path: '/openapi.json', handler: 'openapi', authorized: false, tableAccess: 'none' },
  { method: 'POST', path: '/items', handler: 'items/create', authorized: true, tableAccess: 'createItem' },
  { method: 'GET', path: '/items', handler: 'items/list', authorized: true, tableAccess: 'listItems' },
  { method: 'GET', path: '/items/{id}', handler: 'items/get', authorized: true, tableAccess: 'readItem' },
  {
    method: 'PUT',
    path: '/items/{id}',
    handler: 'items/update',
    authorized: true,
    tableAccess: 'updateItem',
  },
  {
    method: 'PATCH',
    path: '/items/{id}',
    handler: 'items/update',
    authorized: true,
    tableAccess: 'updateItem',
  },
  {
    method: 'DELETE',
    path: '/items/{id}',
    handler: 'items/delete',
    authorized: true,
    tableAccess: 'deleteItem',
  },
];

/** The Lambda REQUEST authorizer that verifies Cognito (or sandbox) tokens for every authorized route. */
export const AUTHORIZER_HANDLER = 'authorizer';

/**
 * How long API Gateway keeps the authorizer's result for one `Authorization` header value. The CDK app
 * sets it on the REQUEST authorizer and the sandbox's API Gateway stand-in caches for as long, so both
 * re-run the authorizer at the same moments (a token that expires within this time is still accepted).
 */
export const AUTHORIZER_CACHE_TTL_SECONDS = 300;

/**
 * The item routes' handlers (`items/*`): what users' requests reach, as opposed to `/health` and the
 * authorizer. The chaos drills impair exactly these, in AWS (FIS targets) and in the sandbox.
 */
export function isItemRouteHandler(handler: string): boolean {
  return handler.startsWith('items/');
}

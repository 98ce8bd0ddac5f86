import type { RouteDefinition } from '../../functions/routes';

/** A public health route, a public document and two item routes: enough to tell user routes from probes. */
export const TEST_ROUTES: readonly RouteDefinition[] = [
  { method: 'GET', path: '/health', handler: 'health', authorized: false, tableAccess: 'probe' },
  { method: 'GET', path: '/openapi.json', handler: 'openapi', authorized: false, tableAccess: 'none' },
  { method: 'POST', path: '/items', handler: 'items/create', authorized: true, tableAccess: 'createItem' },
  { method: 'GET', path: '/items/{id}', handler: 'items/get', authorized: true, tableAccess: 'readItem' },
];

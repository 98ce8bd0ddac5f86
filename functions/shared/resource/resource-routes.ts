import type { RouteDefinition } from '../../routes';
import type { OwnedResource } from './owned-resource';

/** The operations every owned resource has; each is one handler file in functions/handlers/<name>/. */
export type ResourceOperation = 'create' | 'list' | 'get' | 'replace' | 'patch' | 'delete';

/**
 * The routes of an owned resource: POST and GET on `/<name>`, GET, PUT, PATCH and DELETE on
 * `/<name>/{id}`, each served by `functions/handlers/<name>/<create|list|get|update|delete>.ts` with
 * exactly the table access it needs, on the resource's own partitions.
 */
export function ownedResourceRoutes(resource: OwnedResource): RouteDefinition[] {
  const { path, name } = resource;
  const member = `${path}/{id}`;
  const route = (
    method: RouteDefinition['method'],
    routePath: string,
    file: string,
    tableAccess: RouteDefinition['tableAccess'],
    operation: ResourceOperation,
  ): RouteDefinition => ({
    method,
    path: routePath,
    handler: `${name}/${file}`,
    authorized: true,
    tableAccess,
    resource,
    operation,
  });
  return [
    route('POST', path, 'create', 'createItem', 'create'),
    route('GET', path, 'list', 'listItems', 'list'),
    route('GET', member, 'get', 'readItem', 'get'),
    route('PUT', member, 'update', 'updateItem', 'replace'),
    route('PATCH', member, 'update', 'updateItem', 'patch'),
    route('DELETE', member, 'delete', 'deleteItem', 'delete'),
  ];
}

import { ROUTES, type RouteDefinition } from '../../functions/routes';
import type { ResourceKeys } from '../../functions/shared/resource/resource-keys';

/**
 * The resource the failover drill and the benchmark write and read, taken from the route list so that
 * renaming or replacing `items` in functions/routes.ts needs no change in the drill or the bench.
 */
export interface ProbeResource {
  /** Collection path, e.g. `/items`: POST creates, GET lists. */
  readonly collectionPath: string;
  /** Path of one member, e.g. `/items/<id>` (the id is URI-encoded). */
  itemPath(id: string): string;
  /** Where its records live in the table (the bench's baseline server reads them directly). */
  readonly keys?: ResourceKeys;
}

const isCollection = (r: RouteDefinition) => r.authorized && !r.path.includes('{');

/**
 * The first resource in `routes` that has an authorized create (POST, `createItem`), list (GET, `listItems`)
 * and get (GET `<path>/{param}`, `readItem`) route; throws, naming what is missing, when none has all three.
 */
export function probeResource(routes: readonly RouteDefinition[] = ROUTES): ProbeResource {
  for (const create of routes) {
    if (create.method !== 'POST' || create.tableAccess !== 'createItem' || !isCollection(create)) continue;
    const base = create.path;
    const list = routes.find((r) => r.method === 'GET' && r.path === base && r.tableAccess === 'listItems');
    const get = routes.find(
      (r) =>
        r.method === 'GET' &&
        r.authorized &&
        r.tableAccess === 'readItem' &&
        r.path.startsWith(`${base}/`) &&
        /^\{[^/{}]+\}$/.test(r.path.slice(base.length + 1)),
    );
    if (list && get) {
      return {
        collectionPath: base,
        itemPath: (id) => `${base}/${encodeURIComponent(id)}`,
        ...(create.resource
          ? { keys: { name: create.resource.name, keyPrefix: create.resource.keyPrefix } }
          : {}),
      };
    }
  }
  throw new Error(
    'functions/routes.ts has no resource the drill and the benchmark can probe: they need an authorized ' +
      'POST <path> (createItem), GET <path> (listItems) and GET <path>/{id} (readItem)',
  );
}

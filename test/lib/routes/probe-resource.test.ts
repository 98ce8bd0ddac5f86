import { ROUTES, type RouteDefinition } from '../../../functions/routes';
import { probeResource } from '../../../lib/routes/probe-resource';

/** The route list with `/items` renamed, as a fork that calls its resource `projects` would have it. */
const renamed: RouteDefinition[] = ROUTES.map((r) => ({
  ...r,
  path: r.path.replace(/^\/items/, '/projects'),
}));

describe('probeResource', () => {
  it('takes the items resource from the route list', () => {
    const resource = probeResource();
    expect(resource.collectionPath).toBe('/items');
    expect(resource.itemPath('a b/c')).toBe('/items/a%20b%2Fc');
  });

  it('follows a renamed resource', () => {
    const resource = probeResource(renamed);
    expect(resource.collectionPath).toBe('/projects');
    expect(resource.itemPath('p1')).toBe('/projects/p1');
  });

  it('skips a resource without a get route and takes the next complete one', () => {
    const routes: RouteDefinition[] = [
      {
        method: 'POST',
        path: '/notes',
        handler: 'notes/create',
        authorized: true,
        tableAccess: 'createItem',
      },
      { method: 'GET', path: '/notes', handler: 'notes/list', authorized: true, tableAccess: 'listItems' },
      ...renamed,
    ];
    expect(probeResource(routes).collectionPath).toBe('/projects');
  });

  it('names the three routes it needs when no resource has them', () => {
    const withoutList = ROUTES.filter((r) => r.tableAccess !== 'listItems');
    expect(() => probeResource(withoutList)).toThrow(
      /no resource the drill and the benchmark can probe: .*POST <path> \(createItem\), GET <path> \(listItems\) and GET <path>\/\{id\} \(readItem\)/,
    );
  });
});

import { ROUTES } from '../../../functions/routes';
import { routeId, userRoutes } from '../../../lib/constructs/route-metrics';

describe('route metrics', () => {
  it('watches every authorized route of functions/routes.ts and none of the public ones', () => {
    const watched = userRoutes(ROUTES);
    expect(watched.map((r) => `${r.method} ${r.path}`)).toEqual(
      ROUTES.filter((r) => r.authorized).map((r) => `${r.method} ${r.path}`),
    );
    expect(watched.some((r) => r.path === '/health' || r.path === '/openapi.json')).toBe(false);
    expect(watched.length).toBeGreaterThan(0);
  });

  it('gives each route a distinct construct-safe id', () => {
    expect(routeId({ method: 'GET', path: '/items/{id}' })).toBe('GetItemsId');
    expect(routeId({ method: 'DELETE', path: '/items/{id}' })).toBe('DeleteItemsId');
    const ids = ROUTES.map(routeId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9]+$/);
  });
});

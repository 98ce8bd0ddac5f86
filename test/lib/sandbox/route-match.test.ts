import { ROUTES } from '../../../functions/routes';
import { matchRoute } from '../../../lib/sandbox/route-match';

describe('matchRoute', () => {
  it('matches resources and decodes path parameters', () => {
    const r = matchRoute(ROUTES, 'GET', '/items/a%20b');
    expect(r).toEqual({
      kind: 'found',
      match: {
        route: expect.objectContaining({ path: '/items/{id}', handler: 'items/get' }),
        pathParameters: { id: 'a b' },
      },
    });
    const list = matchRoute(ROUTES, 'GET', '/items/');
    expect(list.kind === 'found' && list.match.route.handler).toBe('items/list');
    expect(list.kind === 'found' && list.match.pathParameters).toBeNull();
  });

  it('treats an unknown resource or method like API Gateway (missing)', () => {
    expect(matchRoute(ROUTES, 'GET', '/nope').kind).toBe('missing');
    expect(matchRoute(ROUTES, 'DELETE', '/items').kind).toBe('missing');
    expect(matchRoute(ROUTES, 'GET', '/items/a/b').kind).toBe('missing');
  });
});

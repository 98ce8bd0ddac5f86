import { scenarioRequest } from '../../../../lib/bench/load/scenarios';
import { probeResource } from '../../../../lib/routes/probe-resource';

describe('scenarioRequest', () => {
  const target = { baseUrl: 'http://127.0.0.1:9/', itemId: 'abc', headers: { authorization: 'Bearer t' } };

  it('builds the same calls for any target: get by id, list, create with a fresh body per request', () => {
    expect(scenarioRequest('get', target)).toMatchObject({
      method: 'GET',
      url: 'http://127.0.0.1:9/items/abc',
      expectStatus: 200,
      headers: { authorization: 'Bearer t' },
    });
    expect(scenarioRequest('list', target)).toMatchObject({
      url: 'http://127.0.0.1:9/items',
      expectStatus: 200,
    });
    const create = scenarioRequest('create', target);
    expect(create).toMatchObject({ method: 'POST', expectStatus: 201 });
    expect(create.body?.(7)).toEqual({ name: 'bench item 7', tags: ['bench'] });
  });

  it('addresses the resource the route list names, so a renamed resource is loaded at its own paths', () => {
    const projects = { collectionPath: '/projects', itemPath: (id: string) => `/projects/${id}` };
    expect(scenarioRequest('get', target, projects).url).toBe('http://127.0.0.1:9/projects/abc');
    expect(scenarioRequest('list', target, projects).url).toBe('http://127.0.0.1:9/projects');
    expect(scenarioRequest('create', target, projects).url).toBe('http://127.0.0.1:9/projects');
    expect(scenarioRequest('list', target).url).toBe(`http://127.0.0.1:9${probeResource().collectionPath}`);
  });
});

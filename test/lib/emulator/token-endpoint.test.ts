import {
  parseTokenRequest,
  startTokenEndpoint,
  type TokenEndpoint,
} from '../../../lib/emulator/token-endpoint';

describe('token endpoint (the sandbox issuer contract on the emulated pool)', () => {
  let endpoint: TokenEndpoint;
  const calls: [string, readonly string[]][] = [];
  beforeAll(async () => {
    endpoint = await startTokenEndpoint(
      async (username, groups) => {
        calls.push([username, groups]);
        if (username === 'broken') throw new Error('UserNotFoundException');
        return { access_token: `a-${username}`, id_token: `i-${username}` };
      },
      async () => ({ keys: [{ kid: 'k1' }] }),
    );
  });
  afterAll(() => endpoint.close());
  const post = (body: string) => fetch(`${endpoint.url}/token`, { method: 'POST', body });

  it('answers POST /token {username, groups} with the pool tokens, groups defaulting to none', async () => {
    const res = await post('{"username":"alice","groups":["member","admin"]}');
    expect([res.status, await res.json()]).toEqual([200, { access_token: 'a-alice', id_token: 'i-alice' }]);
    await post('{"username":"bob"}');
    expect(calls).toEqual([
      ['alice', ['member', 'admin']],
      ['bob', []],
    ]);
  });

  it('serves the pool JWKS and answers problems for bad requests and Cognito failures', async () => {
    expect(await (await fetch(`${endpoint.url}/.well-known/jwks.json`)).json()).toEqual({
      keys: [{ kid: 'k1' }],
    });
    const bad = await post('{"groups":[]}');
    expect([
      bad.status,
      bad.headers.get('content-type'),
      ((await bad.json()) as { detail: string }).detail,
    ]).toEqual([400, 'application/problem+json', 'username: required, 1-64 of A-Z a-z 0-9 . _ @ + -']);
    const failed = await post('{"username":"broken"}');
    expect([failed.status, ((await failed.json()) as { detail: string }).detail]).toEqual([
      502,
      'the emulated Cognito failed: UserNotFoundException',
    ]);
    expect((await fetch(`${endpoint.url}/other`)).status).toBe(404);
  });

  it('names what is wrong in a request body', () => {
    expect(parseTokenRequest('nope')).toBe('body: not JSON');
    expect(parseTokenRequest('{"username":"a b"}')).toMatch(/^username:/);
    expect(parseTokenRequest('{"username":"a","groups":"admin"}')).toBe(
      'groups: an array of Cognito group names',
    );
    expect(parseTokenRequest('{"username":"a","groups":[1]}')).toBe(
      'groups: an array of Cognito group names',
    );
  });
});

import type { Sandbox } from '../../lib/sandbox/sandbox';
import { accessToken, call, startTestSandbox } from './support/sandbox-fixture';

jest.setTimeout(30_000);

type Operation = 'get' | 'put' | 'patch' | 'delete' | 'list-owner';
type Caller = 'the owner' | 'another user' | 'an admin' | 'no token';

/**
 * docs/API.md's authorization rules end to end: a token from the sandbox's issuer, verified by the real
 * authorizer handler, its policy and context applied by the API Gateway adapter, then the item handlers,
 * all reached through the router. Every case works on its own fresh item of Alice's.
 */
const MATRIX: [Caller, Record<Operation, number>][] = [
  ['the owner', { get: 200, put: 200, patch: 200, delete: 204, 'list-owner': 200 }],
  ['another user', { get: 404, put: 404, patch: 404, delete: 404, 'list-owner': 403 }],
  ['an admin', { get: 200, put: 200, patch: 200, delete: 204, 'list-owner': 200 }],
  ['no token', { get: 401, put: 401, patch: 401, delete: 401, 'list-owner': 401 }],
];

/** The `sub` claim of an access token (the owner id the API stores). */
const subOf = (token: string) =>
  (JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { sub: string }).sub;

describe('authorization matrix end to end (issuer → authorizer → adapter → handlers)', () => {
  let sandbox: Sandbox;
  const tokens = {} as Record<Caller, string | undefined>;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
    tokens['the owner'] = await accessToken(sandbox, 'alice', ['member']);
    tokens['another user'] = await accessToken(sandbox, 'bob', ['member']);
    tokens['an admin'] = await accessToken(sandbox, 'root', ['member', 'admin']);
    tokens['no token'] = undefined;
  });
  afterAll(() => sandbox?.stop());

  const url = (path: string) => `${sandbox.endpoints.router}${path}`;
  const asOwner = (path: string) => call(url(path), tokens['the owner']);

  describe.each(MATRIX)('%s', (caller, expected) => {
    it.each(Object.entries(expected))('%s answers %i', async (operation, status) => {
      // Prepare: a fresh item of Alice's at version 1.
      const created = await call(url('/items'), tokens['the owner'], {
        method: 'POST',
        body: { name: 'owned' },
      });
      expect(created.status).toBe(201);
      const id = created.body.id as string;
      const token = tokens[caller];
      const write = { headers: { 'if-match': created.headers.get('etag') ?? '' } };
      // Act
      const res = await {
        get: () => call(url(`/items/${id}`), token),
        put: () => call(url(`/items/${id}`), token, { method: 'PUT', body: { name: 'p' }, ...write }),
        patch: () => call(url(`/items/${id}`), token, { method: 'PATCH', body: { name: 'p' }, ...write }),
        delete: () => call(url(`/items/${id}`), token, { method: 'DELETE', ...write }),
        'list-owner': () => call(url(`/items?owner=${subOf(tokens['the owner'] as string)}`), token),
      }[operation as Operation]();
      // Assess: the status, a problem body on refusals, and what the owner sees afterwards.
      expect(res.status).toBe(status);
      expect(res.region).toBe('us-east-1');
      if (status >= 400) {
        expect(res.headers.get('content-type')).toBe('application/problem+json');
        expect(res.body).toMatchObject({ status });
      }
      if (status === 401) expect(res.body.detail).toBe('Missing or invalid bearer token');
      if (operation === 'get' && status === 200) expect(res.body).toMatchObject({ id, name: 'owned' });
      if (operation === 'list-owner' && status === 200) {
        expect(res.body.items.map((i: { id: string }) => i.id)).toContain(id);
      }
      const after = await asOwner(`/items/${id}`);
      const changed = ['put', 'patch', 'delete'].includes(operation) && status < 300;
      if (operation === 'delete' && changed) expect(after.status).toBe(404);
      else expect(after.body).toMatchObject({ version: changed ? 2 : 1, name: changed ? 'p' : 'owned' });
    });
  });

  it("lists only the caller's own items for a member, and every owner's for an admin", async () => {
    const mine = await call(url('/items'), tokens['another user'], { method: 'POST', body: { name: 'bob' } });
    const theirs = await call(url('/items'), tokens['the owner'], {
      method: 'POST',
      body: { name: 'alice' },
    });
    const ids = (r: Awaited<ReturnType<typeof call>>) => r.body.items.map((i: { id: string }) => i.id);
    const asBob = await call(url('/items?limit=100'), tokens['another user']);
    expect(ids(asBob)).toContain(mine.body.id);
    expect(ids(asBob)).not.toContain(theirs.body.id);
    const asAdmin = await call(url('/items?limit=100'), tokens['an admin']);
    expect(ids(asAdmin)).toEqual(expect.arrayContaining([mine.body.id, theirs.body.id]));
  });
});

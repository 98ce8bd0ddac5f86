import { generateKeyPair, SignJWT } from 'jose';
import type { Sandbox } from '../../lib/sandbox/sandbox';
import { accessToken, call, REPLICATION_LAG_MS, startTestSandbox, waitFor } from './support/sandbox-fixture';

jest.setTimeout(30_000);

describe('sandbox end to end: replication, conflicts and tokens', () => {
  let sandbox: Sandbox;
  let token: string;
  let east: string;
  let west: string;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    token = await accessToken(sandbox);
    [east, west] = sandbox.regions.map((r) => sandbox.endpoints.regions[r]);
  });
  afterAll(() => sandbox?.stop());

  it('creates an item through the router and reads it from the other region after replication', async () => {
    const created = await call(`${sandbox.endpoints.router}/items`, token, {
      method: 'POST',
      body: { name: 'hello' },
    });
    expect(created.status).toBe(201);
    expect(created.region).toBe('us-east-1'); // the nearest region serves by default
    const id = created.body.id as string;

    const started = Date.now();
    const replicated = await waitFor('the item in eu-west-1', async () => {
      const r = await call(`${west}/items/${id}`, token);
      return r.status === 200 ? r : undefined;
    });
    expect(replicated.region).toBe('eu-west-1');
    expect(replicated.body).toMatchObject({ id, name: 'hello', updatedRegion: 'us-east-1', version: 1 });
    expect(Date.now() - started).toBeLessThan(REPLICATION_LAG_MS + 2000);
  });

  it('rejects bad tokens with the 401 problem body before any handler runs', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({
      token_use: 'access',
      client_id: 'sandbox-client',
      username: 'mallory',
    })
      .setProtectedHeader({ alg: 'RS256', kid: 'forged' })
      .setIssuer(sandbox.endpoints.issuer)
      .setSubject('mallory')
      .setExpirationTime('1h')
      .sign(privateKey);
    const ids = (await (
      await fetch(`${sandbox.endpoints.issuer}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"username":"bob"}',
      })
    ).json()) as {
      id_token: string;
    };
    for (const bad of ['not-a-jwt', forged, ids.id_token, `${token}x`]) {
      const res = await call(`${sandbox.endpoints.router}/items`, bad);
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(res.body).toEqual({
        type: 'about:blank',
        title: 'Unauthorized',
        status: 401,
        detail: 'Missing or invalid bearer token',
      });
    }
    expect((await call(`${sandbox.endpoints.router}/items`, undefined)).status).toBe(401);
  });

  it('converges concurrent conflicting writes in two regions to the same value in both', async () => {
    const created = await call(`${east}/items`, token, { method: 'POST', body: { name: 'original' } });
    const id = created.body.id as string;
    await waitFor('the item in eu-west-1', async () =>
      (await call(`${west}/items/${id}`, token)).status === 200 ? true : undefined,
    );

    // Both regions accept a write based on version 1: conditions only protect within one region.
    const [a, b] = await Promise.all([
      call(`${east}/items/${id}`, token, {
        method: 'PUT',
        body: { name: 'east wins?' },
        headers: { 'if-match': created.headers.get('etag') ?? '' },
      }),
      call(`${west}/items/${id}`, token, {
        method: 'PUT',
        body: { name: 'west wins?' },
        headers: { 'if-match': created.headers.get('etag') ?? '' },
      }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);

    const converged = await waitFor('both regions to agree', async () => {
      const [e, w] = await Promise.all([
        call(`${east}/items/${id}`, token),
        call(`${west}/items/${id}`, token),
      ]);
      return e.body.name === w.body.name && e.body.updatedRegion === w.body.updatedRegion
        ? e.body
        : undefined;
    });
    expect(['east wins?', 'west wins?']).toContain(converged.name);
    expect(converged.version).toBe(2);
    // Still the same after another lag: nothing flips back.
    await new Promise((r) => setTimeout(r, REPLICATION_LAG_MS * 2));
    const [e, w] = await Promise.all([
      call(`${east}/items/${id}`, token),
      call(`${west}/items/${id}`, token),
    ]);
    expect([e.body.name, w.body.name]).toEqual([converged.name, converged.name]);
  });
});

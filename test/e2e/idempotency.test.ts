import type { Sandbox } from '../../lib/sandbox/sandbox';
import { accessToken, call, startTestSandbox, waitFor } from './support/sandbox-fixture';

jest.setTimeout(90_000);

/**
 * Long enough that a retry sent to the other region right away lands within the lag even on a loaded
 * machine (the two creates took over 1.5 s there).
 */
const LAG_MS = 5000;

/**
 * docs/API.md, "Idempotent creates" and "Why this also holds across regions", against the sandbox's
 * replication (asynchronous, last writer wins per item).
 */
describe('idempotent creates across regions', () => {
  let sandbox: Sandbox;
  let token: string;
  let east: string;
  let west: string;
  beforeAll(async () => {
    sandbox = await startTestSandbox({ replicationLagMs: LAG_MS });
    token = await accessToken(sandbox);
    east = sandbox.endpoints.regions['us-east-1'];
    west = sandbox.endpoints.regions['eu-west-1'];
  });
  afterAll(() => sandbox?.stop());

  const create = (base: string, key: string, body: unknown = { name: 'once' }) =>
    call(`${base}/items`, token, { method: 'POST', body, headers: { 'idempotency-key': key } });
  const read = (base: string, id: string) => call(`${base}/items/${id}`, token);
  const replicated = () =>
    waitFor(
      'replication to settle',
      async () =>
        Object.values(sandbox.control.state().replication).every((p) => p.pending === 0) ? true : undefined,
      4 * LAG_MS,
    );
  /** Alice's items with `id` in a region's listing. */
  const listed = async (base: string, id: string) =>
    (await call(`${base}/items?limit=100`, token)).body.items.filter((i: { id: string }) => i.id === id);

  it('a retry in the other region within the replication lag converges to one item, the last written', async () => {
    const first = await create(east, 'retry-after-failover');
    const retry = await create(west, 'retry-after-failover');
    // Both answered as a first create: the other region had not seen the item yet.
    expect([first.status, retry.status]).toEqual([201, 201]);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(retry.headers.get('idempotent-replayed')).toBeNull();
    expect(retry.body.id).toBe(first.body.id);

    await replicated();
    const [inEast, inWest] = await Promise.all([read(east, first.body.id), read(west, first.body.id)]);
    expect(inEast.body).toEqual(inWest.body);
    // Last writer wins: the retry in eu-west-1 was written after the first attempt.
    expect(inEast.body).toMatchObject({ ...retry.body, updatedRegion: 'eu-west-1', version: 1 });
    expect(await listed(east, first.body.id)).toHaveLength(1);
    expect(await listed(west, first.body.id)).toHaveLength(1);
    // Each create drew its own incarnation, so the client whose copy lost holds an ETag that matches
    // nothing: its write is 412 with the survivor's ETag instead of overwriting content it never read.
    const loser = await call(`${east}/items/${first.body.id}`, token, {
      method: 'PATCH',
      body: { name: 'blind write' },
      headers: { 'if-match': first.headers.get('etag') ?? '' },
    });
    expect(first.headers.get('etag')).not.toBe(retry.headers.get('etag'));
    expect([loser.status, loser.headers.get('etag')]).toEqual([412, retry.headers.get('etag')]);

    // Any later retry, in either region, replays the one surviving item.
    for (const base of [east, west]) {
      const again = await create(base, 'retry-after-failover');
      expect(again.status).toBe(201);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(again.body).toEqual(inEast.body);
    }
  });

  it('after a delete, the same key creates a new item, in the same region and in the other one', async () => {
    const first = await create(east, 'reused-after-delete', { name: 'first life' });
    expect(first.status).toBe(201);
    const deleted = await call(`${east}/items/${first.body.id}`, token, {
      method: 'DELETE',
      headers: { 'if-match': first.headers.get('etag') ?? '' },
    });
    expect(deleted.status).toBe(204);

    const second = await create(east, 'reused-after-delete', { name: 'second life' });
    expect(second.status).toBe(201);
    expect(second.headers.get('idempotent-replayed')).toBeNull();
    expect(second.body).toMatchObject({ id: first.body.id, name: 'second life', version: 1 });
    expect(Date.parse(second.body.createdAt)).toBeGreaterThan(Date.parse(first.body.createdAt));
    // An ETag from the first life, at the same version 1, cannot overwrite the second.
    const oldEtag = await call(`${east}/items/${first.body.id}`, token, {
      method: 'PUT',
      body: { name: 'overwritten' },
      headers: { 'if-match': first.headers.get('etag') ?? '' },
    });
    expect([oldEtag.status, oldEtag.headers.get('etag')]).toEqual([412, second.headers.get('etag')]);

    // The same in the other region, once the delete has reached it.
    await replicated();
    const again = await call(`${west}/items/${first.body.id}`, token, {
      method: 'DELETE',
      headers: { 'if-match': second.headers.get('etag') ?? '' },
    });
    expect(again.status).toBe(204);
    await replicated();
    expect((await read(east, first.body.id)).status).toBe(404);
    const third = await create(west, 'reused-after-delete', { name: 'third life' });
    expect(third.status).toBe(201);
    expect(third.headers.get('idempotent-replayed')).toBeNull();
    expect(third.body).toMatchObject({ id: first.body.id, name: 'third life', version: 1 });
    await replicated();
    expect((await read(east, first.body.id)).body).toEqual(third.body);
  });
});

import { randomUUID } from 'node:crypto';
import { call } from '../support/sandbox-fixture';
import { type ApiTarget, apiTarget, subOf, tokensFor, uniqueUser } from './support/target';

jest.setTimeout(60_000);

let target: ApiTarget;
beforeAll(async () => {
  target = await apiTarget();
});
afterAll(() => target?.stop());

// Region names are only known once the target is up; every test loops over them.
const eachRegion = async (test: (region: string, url: string) => Promise<void>) => {
  for (const [region, url] of Object.entries(target.regions)) await test(region, url);
};

describe('API black box: items in every region', () => {
  it('creates, reads, updates and deletes with ETags; a stale If-Match is 412 and changes nothing', async () => {
    const token = (await tokensFor(target, uniqueUser('crud'))).access_token;
    await eachRegion(async (region, url) => {
      const created = await call(`${url}/items`, token, {
        method: 'POST',
        body: { name: 'first', tags: ['a'] },
      });
      const etag = created.headers.get('etag') ?? '';
      expect({ region, status: created.status, etag }).toEqual({
        region,
        status: 201,
        etag: expect.stringMatching(/^"1\.[A-Za-z0-9_-]{16}"$/),
      });
      expect(created.body).toMatchObject({
        name: 'first',
        tags: ['a'],
        version: 1,
        ownerId: subOf(token),
        updatedRegion: region,
      });
      const item = `${url}/items/${created.body.id}`;

      const read = await call(item, token);
      expect([read.status, read.headers.get('etag'), read.body]).toEqual([200, etag, created.body]);

      const put = await call(item, token, {
        method: 'PUT',
        body: { name: 'second' },
        headers: { 'if-match': etag },
      });
      const second = put.headers.get('etag') ?? '';
      expect([put.status, second, put.body.name, put.body.tags]).toEqual([
        200,
        etag.replace('"1.', '"2.'),
        'second',
        undefined,
      ]);

      const stale = await call(item, token, {
        method: 'PATCH',
        body: { name: 'lost' },
        headers: { 'if-match': etag },
      });
      expect([stale.status, stale.headers.get('etag'), stale.headers.get('content-type')]).toEqual([
        412,
        second,
        'application/problem+json',
      ]);
      expect((await call(item, token)).body).toMatchObject({ name: 'second', version: 2 });

      const unconditional = await call(item, token, { method: 'DELETE' });
      expect(unconditional.status).toBe(428);
      expect((await call(item, token, { method: 'DELETE', headers: { 'if-match': second } })).status).toBe(
        204,
      );
      expect((await call(item, token)).status).toBe(404);
    });
  });

  it('refuses invalid input with problem+json naming each field', async () => {
    const token = (await tokensFor(target, uniqueUser('invalid'))).access_token;
    await eachRegion(async (region, url) => {
      const res = await call(`${url}/items`, token, { method: 'POST', body: { ownerId: 'me' } });
      expect({ region, status: res.status, type: res.headers.get('content-type') }).toEqual({
        region,
        status: 400,
        type: 'application/problem+json',
      });
      expect(res.body).toMatchObject({ status: 400, title: 'Bad Request', instance: '/items' });
      expect(res.body.errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ path: 'body.name' }),
          expect.objectContaining({ path: 'body', message: 'unknown field "ownerId"' }),
        ]),
      );
      expect((await call(`${url}/items/not-a-uuid`, token)).status).toBe(400);
    });
  });

  it('replays an idempotent create with the same key and refuses the key with another body', async () => {
    const token = (await tokensFor(target, uniqueUser('idem'))).access_token;
    await eachRegion(async (region, url) => {
      const headers = { 'idempotency-key': randomUUID() };
      const first = await call(`${url}/items`, token, { method: 'POST', body: { name: 'once' }, headers });
      const again = await call(`${url}/items`, token, { method: 'POST', body: { name: 'once' }, headers });
      expect({ region, statuses: [first.status, again.status] }).toEqual({ region, statuses: [201, 201] });
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(again.body.id).toBe(first.body.id);
      const other = await call(`${url}/items`, token, { method: 'POST', body: { name: 'twice' }, headers });
      expect(other.status).toBe(422);
    });
  });

  it('pages through a listing with nextCursor, newest first', async () => {
    const token = (await tokensFor(target, uniqueUser('pages'))).access_token;
    await eachRegion(async (region, url) => {
      const names = [`${region}-1`, `${region}-2`, `${region}-3`];
      for (const name of names) {
        expect((await call(`${url}/items`, token, { method: 'POST', body: { name } })).status).toBe(201);
      }
      // Listing reads an eventually consistent index, and the other regions' items arrive by replication.
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await call(
          `${url}/items?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
          token,
        );
        expect(page.status).toBe(200);
        expect(page.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.body.items.map((i: { name: string }) => i.name));
        cursor = page.body.nextCursor;
        pages++;
      } while (cursor && pages < 20);
      expect(seen.filter((n) => names.includes(n))).toEqual([...names].reverse());
      expect(pages).toBeGreaterThanOrEqual(2);
    });
  });

  it("keeps users apart: another user's item is 404, an admin reads and lists it", async () => {
    const owner = (await tokensFor(target, uniqueUser('owner'))).access_token;
    const other = (await tokensFor(target, uniqueUser('other'))).access_token;
    const admin = (await tokensFor(target, uniqueUser('admin'), ['admin'])).access_token;
    await eachRegion(async (region, url) => {
      const created = await call(`${url}/items`, owner, { method: 'POST', body: { name: 'mine' } });
      const item = `${url}/items/${created.body.id}`;
      const etag = created.headers.get('etag') ?? '';
      const ownerQuery = `${url}/items?owner=${subOf(owner)}`;

      const asOther = await Promise.all([
        call(item, other),
        call(item, other, { method: 'PATCH', body: { name: 'taken' }, headers: { 'if-match': etag } }),
        call(item, other, { method: 'DELETE', headers: { 'if-match': etag } }),
        call(ownerQuery, other),
      ]);
      expect({ region, statuses: asOther.map((r) => r.status) }).toEqual({
        region,
        statuses: [404, 404, 404, 403],
      });

      expect((await call(item, admin)).body).toMatchObject({ name: 'mine', ownerId: subOf(owner) });
      const listed = await call(ownerQuery, admin);
      expect(listed.body.items.map((i: { id: string }) => i.id)).toContain(created.body.id);
      const patched = await call(item, admin, {
        method: 'PATCH',
        body: { name: 'moderated' },
        headers: { 'if-match': etag, 'content-type': 'application/merge-patch+json' },
      });
      expect([patched.status, patched.body.ownerId]).toEqual([200, subOf(owner)]);
    });
  });
});

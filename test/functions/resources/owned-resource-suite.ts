import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { toRecord } from '../../../functions/shared/attribute-codec';
import { primaryKeyOf } from '../../../functions/shared/resource/resource-keys';
import { ADMIN, ALICE, BOB, type TestIdentity } from '../support/events';
import { startTestTable, TEST_TABLE, type TestTable } from '../support/local-table';
import { createAs, listAllPages, type ResourceUnderTest, resourceClient } from './resource-client';

type Operation = 'get' | 'put' | 'patch' | 'delete';

/** An ETag the API issues for a record at `version`: `"<version>.<16 base64url characters>"`. */
const etagAt = (version: number) => new RegExp(`^"${version}\\.[A-Za-z0-9_-]{16}"$`);

/** Every operation on one of Alice's records, by each kind of caller. */
const MATRIX: [string, TestIdentity | null, Record<Operation, number>][] = [
  ['the owner', ALICE, { get: 200, put: 200, patch: 200, delete: 204 }],
  ['another user', BOB, { get: 404, put: 404, patch: 404, delete: 404 }],
  ['an admin', ADMIN, { get: 200, put: 200, patch: 200, delete: 204 }],
  ['no identity', null, { get: 401, put: 401, patch: 401, delete: 401 }],
];

/**
 * What every owned resource promises, run against the real handlers and a local table: a resource's test
 * file declares the resource and calls this (test/functions/resources/items.test.ts).
 */
export function describeOwnedResource(subject: ResourceUnderTest): void {
  const { resource, sample, other } = subject;
  const api = resourceClient(subject);
  const firstField = Object.keys(resource.required)[0];

  describe(`owned resource ${resource.path}`, () => {
    let table: TestTable;
    beforeAll(async () => {
      table = await startTestTable();
    });
    afterAll(() => table.close());

    describe.each(MATRIX)('permissions: %s', (_who, identity, expected) => {
      it.each(Object.entries(expected))('%s answers %i', async (operation, status) => {
        // Prepare: a fresh record of Alice's at version 1.
        const created = await createAs(subject, ALICE);
        const { id } = created.body;
        const etag = created.headers.etag;
        // Act
        const res = await {
          get: () => api.get(identity, id),
          put: () => api.put(identity, id, other, etag),
          patch: () => api.patch(identity, id, { [firstField]: other[firstField] }, etag),
          delete: () => api.delete(identity, id, etag),
        }[operation as Operation]();
        // Assess
        expect(res.status).toBe(status);
        const after = await api.get(ALICE, id);
        const changed = operation !== 'get' && status < 300;
        if (operation === 'delete' && changed) expect(after.status).toBe(404);
        else expect(after.body.version).toBe(changed ? 2 : 1);
      });
    });

    it('answers 401 to create and list without an identity', async () => {
      expect((await api.create(null, sample)).status).toBe(401);
      expect((await api.list(null)).status).toBe(401);
    });

    it('creates a record owned by the caller with Location, ETag and version 1', async () => {
      // Act
      const res = await api.create(BOB, sample);
      // Assess
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ ...sample, ownerId: BOB.sub, version: 1 });
      expect(res.headers.etag).toMatch(etagAt(1));
      expect(res.headers.location).toBe(`${resource.path}/${res.body.id}`);
      expect(res.body).not.toHaveProperty('requestHash');
      expect(res.body).not.toHaveProperty('incarnation');
    });

    it(`names the resource when a record does not exist ("${resource.noun} <id> does not exist")`, async () => {
      // Prepare
      const id = '00000000-0000-4000-8000-000000000000';
      // Act
      const responses = [
        await api.get(ALICE, id),
        await api.put(ALICE, id, sample, '"1"'),
        await api.delete(ALICE, id, '"1"'),
      ];
      // Assess
      for (const res of responses) {
        expect(res.status).toBe(404);
        expect(res.body.detail).toBe(`${resource.noun} ${id} does not exist`);
      }
    });

    it('requires If-Match (428), refuses a stale one (412 with the current ETag) and keeps the record', async () => {
      // Prepare: version 2 stored; the incarnation stays, only the version moves.
      const created = await createAs(subject, ALICE);
      const { id } = created.body;
      const first = created.headers.etag;
      const second = (await api.put(ALICE, id, other, first)).headers.etag;
      expect(second).toMatch(etagAt(2));
      expect(second.slice(3)).toBe(first.slice(3));
      const noun = resource.noun.toLowerCase();
      // Act
      const missing = await api.patch(ALICE, id, { [firstField]: sample[firstField] });
      const stale = await api.put(ALICE, id, sample, first);
      const staleDelete = await api.delete(ALICE, id, first);
      // Assess
      expect(missing.status).toBe(428);
      expect(missing.body.detail).toBe(
        `If-Match header is required: send the ETag of the ${noun} version you read`,
      );
      for (const res of [stale, staleDelete]) {
        expect(res.status).toBe(412);
        expect(res.headers.etag).toBe(second);
        expect(res.body.detail).toBe(
          `${resource.noun} ${id} is at version 2, not 1: read it again and reapply your change`,
        );
      }
      expect((await api.get(ALICE, id)).body).toMatchObject({ ...other, version: 2 });
    });

    it('refuses an ETag from a deleted record when its id is created again (412) and keeps the new one', async () => {
      // Prepare: a record created with a key, deleted, and created again with the same key (same id).
      const key = { 'Idempotency-Key': `key-${resource.name}-recreated` };
      const old = await api.create(ALICE, sample, key);
      expect((await api.delete(ALICE, old.body.id, old.headers.etag)).status).toBe(204);
      const recreated = await api.create(ALICE, sample, key);
      const { id } = recreated.body;
      expect([recreated.status, id, recreated.body.version]).toEqual([201, old.body.id, 1]);
      expect(recreated.headers.etag).toMatch(etagAt(1));
      expect(recreated.headers.etag).not.toBe(old.headers.etag);
      // Act: every write with the old record's ETag, which names the same version 1.
      const writes = [
        await api.put(ALICE, id, other, old.headers.etag),
        await api.patch(ALICE, id, { [firstField]: other[firstField] }, old.headers.etag),
        await api.delete(ALICE, id, old.headers.etag),
      ];
      // Assess: all refused, the new record unchanged; its own ETag still works.
      for (const res of writes) {
        expect(res.status).toBe(412);
        expect(res.headers.etag).toBe(recreated.headers.etag);
        expect(res.body.detail).toBe(
          `${resource.noun} ${id} was deleted and created again since the ETag you sent was read: read it again and reapply your change`,
        );
      }
      const current = await api.get(ALICE, id);
      expect([current.headers.etag, current.body]).toEqual([recreated.headers.etag, recreated.body]);
      const fresh = await api.put(ALICE, id, other, recreated.headers.etag);
      expect([fresh.status, fresh.body.version]).toEqual([200, 2]);
    });

    it('accepts a bare-version ETag only for a record stored without an incarnation (written before them)', async () => {
      // Prepare: one record stripped of its incarnation, as records created before incarnations are stored.
      const legacy = (await createAs(subject, ALICE)).body.id;
      const current = await createAs(subject, ALICE);
      await table.client.send(
        new UpdateItemCommand({
          TableName: TEST_TABLE,
          Key: toRecord(primaryKeyOf(resource, legacy)),
          UpdateExpression: 'REMOVE incarnation',
        }),
      );
      // Act
      const read = await api.get(ALICE, legacy);
      const bareOnCurrent = await api.put(ALICE, current.body.id, other, '"1"');
      const bareOnLegacy = await api.put(ALICE, legacy, other, '"1"');
      // Assess
      expect(read.headers.etag).toBe('"1"');
      expect([bareOnCurrent.status, bareOnCurrent.headers.etag]).toEqual([412, current.headers.etag]);
      expect([bareOnLegacy.status, bareOnLegacy.headers.etag]).toEqual([200, '"2"']);
    });

    it('replays a create with the same Idempotency-Key and refuses the key with another body (422)', async () => {
      // Prepare
      const key = { 'Idempotency-Key': `key-${resource.name}-1` };
      const first = await api.create(ALICE, sample, key);
      // Act
      const replay = await api.create(ALICE, sample, key);
      const otherBody = await api.create(ALICE, other, key);
      const otherCaller = await api.create(BOB, sample, key);
      // Assess
      expect(first.status).toBe(201);
      expect(replay.status).toBe(201);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.body).toEqual(first.body);
      expect(otherBody.status).toBe(422);
      expect(otherCaller.status).toBe(201);
      expect(otherCaller.body.id).not.toBe(first.body.id);
    });

    describe('listing', () => {
      const carolIds: string[] = [];
      const CAROL: TestIdentity = { sub: `sub-carol-${resource.name}`, username: 'carol', groups: [] };
      beforeAll(async () => {
        for (let i = 0; i < 5; i++) carolIds.push((await createAs(subject, CAROL)).body.id);
      });

      it("pages through the caller's own records, newest first, without gaps or repeats", async () => {
        // Act
        const pages = await listAllPages(subject, CAROL, { limit: '2' });
        // Assess
        expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
        expect(pages.flat()).toEqual([...carolIds].reverse());
      });

      it("lets an admin page through every owner's records, and one owner's with ?owner=", async () => {
        // Act
        const all = (await listAllPages(subject, ADMIN, { limit: '3' })).flat();
        const carols = (await listAllPages(subject, ADMIN, { limit: '2', owner: CAROL.sub })).flat();
        // Assess
        expect(new Set(all).size).toBe(all.length);
        expect(all).toEqual(expect.arrayContaining(carolIds));
        expect(carols).toEqual([...carolIds].reverse());
      });

      it("refuses another user's ?owner= (403) and a cursor issued to another caller (400)", async () => {
        // Prepare
        const { nextCursor } = (await api.list(CAROL, { limit: '1' })).body;
        // Act
        const foreignOwner = await api.list(BOB, { owner: CAROL.sub });
        const stolen = await api.list(BOB, { cursor: nextCursor });
        // Assess
        expect(foreignOwner.status).toBe(403);
        expect(foreignOwner.body.detail).toBe(`Only admins may list another owner's ${resource.name}`);
        expect(stolen.status).toBe(400);
      });
    });
  });
}

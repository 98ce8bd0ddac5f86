import '../../support/handler-env';
import { handler as list } from '../../../../functions/handlers/items/list';
import { ADMIN, ALICE, BOB, invoke, type TestIdentity } from '../../support/events';
import { createItemAs } from '../../support/items';
import { startTestTable, type TestTable } from '../../support/local-table';

const cursorOf = (payload: unknown) => Buffer.from(JSON.stringify(payload)).toString('base64url');

/** Follows nextCursor until the last page; returns every page's ids. */
async function listAllPages(identity: TestIdentity, query: Record<string, string> = {}) {
  const pages: string[][] = [];
  let cursor: string | undefined;
  do {
    const res = await invoke(list, { identity, query: { ...query, ...(cursor ? { cursor } : {}) } });
    expect(res.status).toBe(200);
    pages.push(res.body.items.map((i: { id: string }) => i.id));
    cursor = res.body.nextCursor;
  } while (cursor && pages.length < 20);
  return pages;
}

describe('GET /items', () => {
  let table: TestTable;
  const aliceIds: string[] = [];
  const bobIds: string[] = [];

  beforeAll(async () => {
    table = await startTestTable();
    for (let i = 0; i < 5; i++) aliceIds.push((await createItemAs(ALICE, { name: `a${i}` })).body.id);
    for (let i = 0; i < 2; i++) bobIds.push((await createItemAs(BOB, { name: `b${i}` })).body.id);
  });
  afterAll(() => table.close());

  it("pages through the caller's own items without gaps or repeats", async () => {
    // Act
    const pages = await listAllPages(ALICE, { limit: '2' });
    // Assess
    expect(pages.slice(0, 3).map((p) => p.length)).toEqual([2, 2, 1]);
    const ids = pages.flat();
    expect(ids).toHaveLength(5);
    expect(new Set(ids)).toEqual(new Set(aliceIds));
  });

  it('returns items newest first and no cursor when everything fits', async () => {
    // Act
    const res = await invoke(list, { identity: BOB });
    // Assess
    expect(res.status).toBe(200);
    expect(res.body.nextCursor).toBeUndefined();
    const created = res.body.items.map((i: { createdAt: string }) => i.createdAt);
    expect([...created].sort().reverse()).toEqual(created);
    expect(new Set(res.body.items.map((i: { id: string }) => i.id))).toEqual(new Set(bobIds));
  });

  it("lets an admin list every owner's items, or one owner's", async () => {
    // Act
    const all = (await listAllPages(ADMIN, { limit: '3' })).flat();
    const bobs = (await listAllPages(ADMIN, { owner: BOB.sub })).flat();
    // Assess
    expect(new Set(all)).toEqual(new Set([...aliceIds, ...bobIds]));
    expect(all).toHaveLength(7);
    expect(new Set(bobs)).toEqual(new Set(bobIds));
  });

  it('forbids a non-admin to name another owner, and allows naming themselves', async () => {
    // Act
    const other = await invoke(list, { identity: ALICE, query: { owner: BOB.sub } });
    const self = await invoke(list, { identity: ALICE, query: { owner: ALICE.sub } });
    // Assess
    expect(other.status).toBe(403);
    expect(other.body.detail).toBe("Only admins may list another owner's items");
    expect(self.status).toBe(200);
    expect(self.body.items).toHaveLength(5);
  });

  it.each([
    [{ limit: '0' }, 'query.limit: must be an integer from 1 to 100'],
    [{ limit: '101' }, 'query.limit: must be an integer from 1 to 100'],
    [{ limit: '1.5' }, 'query.limit: must be an integer from 1 to 100'],
    [{ sort: 'name' }, 'query: unknown field "sort"'],
    [{ owner: 'sub\u0000' }, 'query.owner: must be well-formed Unicode text without control characters'],
  ])('rejects query %j with 400', async (query, message) => {
    // Act
    const res = await invoke(list, { identity: ALICE, query });
    // Assess
    expect(res.status).toBe(400);
    expect(res.body.detail).toContain(message);
  });

  it('rejects a cursor that is not strict base64url of a cursor it issued', async () => {
    // Prepare
    const { nextCursor } = (await invoke(list, { identity: ALICE, query: { limit: '1' } })).body;
    const malformed = [`${nextCursor}=`, `${nextCursor}!`, cursorOf({ v: 1 }), cursorOf('x'), 'e30'];
    for (const cursor of malformed) {
      // Act
      const res = await invoke(list, { identity: ALICE, query: { cursor } });
      // Assess
      expect(res.status).toBe(400);
      expect(res.body.detail).toBe('cursor is not a cursor this API issued; start again without it');
    }
  });

  it("refuses a cursor issued to another caller or crafted for another owner's partition", async () => {
    // Prepare: Alice's valid cursor, and one she forged to resume inside Bob's partition.
    const { nextCursor } = (await invoke(list, { identity: ALICE, query: { limit: '1' } })).body;
    const forged = cursorOf({
      v: 2,
      resource: 'items',
      sub: ALICE.sub,
      owner: ALICE.sub,
      key: {
        pk: `ITEM#${bobIds[0]}`,
        sk: 'ITEM',
        resourceOwner: `items#${BOB.sub}`,
        createdAt: new Date().toISOString(),
      },
    });
    // Act
    const stolen = await invoke(list, { identity: BOB, query: { cursor: nextCursor } });
    const crafted = await invoke(list, { identity: ALICE, query: { cursor: forged } });
    const adminReuse = await invoke(list, { identity: ADMIN, query: { cursor: nextCursor } });
    // Assess
    for (const res of [stolen, crafted, adminReuse]) {
      expect(res.status).toBe(400);
      expect(res.body.detail).toBe(
        'cursor belongs to another listing; use it with the same caller and owner',
      );
    }
  });

  it("does not let an admin's all-owners cursor resume a single owner's listing, or the reverse", async () => {
    // Prepare
    const all = (await invoke(list, { identity: ADMIN, query: { limit: '1' } })).body.nextCursor;
    const bobs = (await invoke(list, { identity: ADMIN, query: { limit: '1', owner: BOB.sub } })).body
      .nextCursor;
    // Act
    const allAsBob = await invoke(list, { identity: ADMIN, query: { cursor: all, owner: BOB.sub } });
    const bobAsAll = await invoke(list, { identity: ADMIN, query: { cursor: bobs } });
    // Assess
    expect(allAsBob.status).toBe(400);
    expect(bobAsAll.status).toBe(400);
  });

  it('answers 401 without an identity', async () => {
    // Act
    const res = await invoke(list, { identity: null });
    // Assess
    expect(res.status).toBe(401);
  });
});

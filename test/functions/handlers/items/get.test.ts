import '../../support/handler-env';
import { handler as get } from '../../../../functions/handlers/items/get';
import { ADMIN, ALICE, BOB, invoke } from '../../support/events';
import { createItemAs, itemRequest } from '../../support/items';
import { startTestTable, type TestTable } from '../../support/local-table';

describe('GET /items/{id}', () => {
  let table: TestTable;
  let id: string;
  let etag: string;
  beforeAll(async () => {
    table = await startTestTable();
    const created = await createItemAs(ALICE, { name: 'mine' });
    ({ id } = created.body);
    etag = created.headers.etag;
  });
  afterAll(() => table.close());

  it.each([
    ['the owner', ALICE],
    ['an admin', ADMIN],
  ])('returns the item and its ETag to %s', async (_who, identity) => {
    // Act
    const res = await invoke(get, itemRequest(id, { identity }));
    // Assess
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, name: 'mine', ownerId: ALICE.sub, version: 1 });
    expect(res.headers.etag).toBe(etag);
    expect(etag).toMatch(/^"1\.[A-Za-z0-9_-]{16}"$/);
  });

  it('answers another user exactly as for a missing item, so existence does not leak', async () => {
    // Prepare
    const missing = '00000000-0000-4000-8000-000000000000';
    // Act
    const other = await invoke(get, itemRequest(id, { identity: BOB }));
    const absent = await invoke(get, itemRequest(missing, { identity: BOB }));
    // Assess
    expect(other.status).toBe(404);
    expect(absent.status).toBe(404);
    expect(other.body.detail).toBe(`Item ${id} does not exist`);
    expect(absent.body.detail).toBe(`Item ${missing} does not exist`);
  });

  it('rejects an id that is not a UUID with 400', async () => {
    // Act
    const res = await invoke(get, itemRequest('not-a-uuid'));
    // Assess
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: 'path.id', message: 'must be a valid uuid' }]);
  });

  it('answers 401 without an identity', async () => {
    // Act
    const res = await invoke(get, itemRequest(id, { identity: null }));
    // Assess
    expect(res.status).toBe(401);
  });
});

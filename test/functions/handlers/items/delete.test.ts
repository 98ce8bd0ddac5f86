import '../../support/handler-env';
import { handler as remove } from '../../../../functions/handlers/items/delete';
import { handler as get } from '../../../../functions/handlers/items/get';
import { ADMIN, ALICE, BOB, type EventSpec, invoke } from '../../support/events';
import { createItemAs, itemRequest } from '../../support/items';
import { startTestTable, type TestTable } from '../../support/local-table';

const del = (id: string, spec: EventSpec = {}) =>
  invoke(remove, itemRequest(id, { method: 'DELETE', ...spec }));
const ifMatch = (etag: string) => ({ headers: { 'if-match': etag } });

describe('DELETE /items/{id}', () => {
  let table: TestTable;
  beforeAll(async () => {
    table = await startTestTable();
  });
  afterAll(() => table.close());

  const newItem = async () => {
    const created = await createItemAs(ALICE, { name: 'doomed' });
    return { id: created.body.id as string, etag: created.headers.etag };
  };

  it('deletes with the current version: 204, then 404 on read and on a second delete', async () => {
    // Prepare
    const { id, etag } = await newItem();
    // Act
    const res = await del(id, ifMatch(etag));
    // Assess
    expect(res.status).toBe(204);
    expect(res.raw.body).toBe('');
    expect(res.headers['x-region']).toBeDefined();
    expect((await invoke(get, itemRequest(id))).status).toBe(404);
    expect((await del(id, ifMatch(etag))).status).toBe(404);
  });

  it('requires If-Match (428) and refuses a stale version (412), keeping the item', async () => {
    // Prepare
    const { id, etag } = await newItem();
    // Act
    const missing = await del(id);
    const stale = await del(id, ifMatch(etag.replace('"1.', '"7.')));
    // Assess
    expect(missing.status).toBe(428);
    expect(stale.status).toBe(412);
    expect(stale.headers.etag).toBe(etag);
    expect((await invoke(get, itemRequest(id))).status).toBe(200);
  });

  it("hides another user's item with 404 and lets an admin delete it", async () => {
    // Prepare
    const { id, etag } = await newItem();
    // Act
    const bob = await del(id, { identity: BOB, ...ifMatch(etag) });
    const admin = await del(id, { identity: ADMIN, ...ifMatch(etag) });
    // Assess
    expect(bob.status).toBe(404);
    expect(admin.status).toBe(204);
  });
});

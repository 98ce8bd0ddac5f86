import '../../support/handler-env';
import { handler as remove } from '../../../../functions/handlers/items/delete';
import { handler as get } from '../../../../functions/handlers/items/get';
import { handler as update } from '../../../../functions/handlers/items/update';
import { ADMIN, ALICE, BOB, invoke, type TestIdentity } from '../../support/events';
import { createItemAs, itemRequest } from '../../support/items';
import { startTestTable, type TestTable } from '../../support/local-table';

type Operation = 'get' | 'put' | 'patch' | 'delete';

/** Every operation on one of Alice's items, by each kind of caller. */
const MATRIX: [string, TestIdentity | null, Record<Operation, number>][] = [
  ['the owner', ALICE, { get: 200, put: 200, patch: 200, delete: 204 }],
  ['another user', BOB, { get: 404, put: 404, patch: 404, delete: 404 }],
  ['an admin', ADMIN, { get: 200, put: 200, patch: 200, delete: 204 }],
  ['no identity', null, { get: 401, put: 401, patch: 401, delete: 401 }],
];

describe('authorization matrix on /items/{id}', () => {
  let table: TestTable;
  beforeAll(async () => {
    table = await startTestTable();
  });
  afterAll(() => table.close());

  describe.each(MATRIX)('%s', (_who, identity, expected) => {
    it.each(Object.entries(expected))('%s answers %i', async (operation, status) => {
      // Prepare: a fresh item of Alice's at version 1.
      const created = await createItemAs(ALICE, { name: 'owned' });
      const { id } = created.body;
      const write = { identity, headers: { 'If-Match': created.headers.etag } };
      // Act
      const res = await {
        get: () => invoke(get, itemRequest(id, { identity })),
        put: () => invoke(update, itemRequest(id, { method: 'PUT', body: { name: 'p' }, ...write })),
        patch: () => invoke(update, itemRequest(id, { method: 'PATCH', body: { name: 'p' }, ...write })),
        delete: () => invoke(remove, itemRequest(id, { method: 'DELETE', ...write })),
      }[operation as Operation]();
      // Assess
      expect(res.status).toBe(status);
      const after = await invoke(get, itemRequest(id, { identity: ALICE }));
      const changed = operation !== 'get' && status < 300;
      if (operation === 'delete' && changed) expect(after.status).toBe(404);
      else expect(after.body.version).toBe(changed ? 2 : 1);
    });
  });
});

import '../support/handler-env';
import { handler as create } from '../../../functions/handlers/items/create';
import { handler as remove } from '../../../functions/handlers/items/delete';
import { handler as get } from '../../../functions/handlers/items/get';
import { handler as list } from '../../../functions/handlers/items/list';
import { ITEMS } from '../../../functions/handlers/items/resource';
import { handler as update } from '../../../functions/handlers/items/update';
import { ADMIN, ALICE } from '../support/events';
import { startTestTable, type TestTable } from '../support/local-table';
import { NOTES_UNDER_TEST as notes } from './notes-handlers';
import { createAs, listAllPages, type ResourceUnderTest, resourceClient } from './resource-client';

const items: ResourceUnderTest = {
  resource: ITEMS,
  handlers: { create, list, get, update, delete: remove },
  sample: { name: 'an item' },
  other: { name: 'another item' },
};

describe('two owned resources in one table', () => {
  let table: TestTable;
  const ids = { items: [] as string[], notes: [] as string[] };
  beforeAll(async () => {
    table = await startTestTable();
    // Interleaved, so that both resources' rows sit side by side in the owner index.
    for (let i = 0; i < 4; i++) {
      ids.items.push((await createAs(items, ALICE)).body.id);
      ids.notes.push((await createAs(notes, ALICE)).body.id);
      ids.notes.push((await createAs(notes, ALICE)).body.id);
    }
  });
  afterAll(() => table.close());

  it.each([
    ['items', items],
    ['notes', notes],
  ] as const)(
    "lists only %s in the owner's listing and in the admin's every-owner listing",
    async (name, subject) => {
      // Act
      const own = (await listAllPages(subject, ALICE, { limit: '3' })).flat();
      const all = (await listAllPages(subject, ADMIN, { limit: '3' })).flat();
      // Assess
      expect(own).toEqual([...ids[name]].reverse());
      expect([...all].sort()).toEqual([...ids[name]].sort());
    },
  );

  it("refuses one resource's cursor in the other's listing (400)", async () => {
    // Prepare
    const itemsCursor = (await resourceClient(items).list(ALICE, { limit: '1' })).body.nextCursor;
    const notesAdminCursor = (await resourceClient(notes).list(ADMIN, { limit: '1' })).body.nextCursor;
    // Act
    const inNotes = await resourceClient(notes).list(ALICE, { limit: '1', cursor: itemsCursor });
    const inItems = await resourceClient(items).list(ADMIN, { limit: '1', cursor: notesAdminCursor });
    // Assess
    for (const res of [inNotes, inItems]) {
      expect(res.status).toBe(400);
      expect(res.body.detail).toBe(
        'cursor belongs to another listing; use it with the same caller and owner',
      );
    }
  });

  it("does not reach one resource's record through the other's routes (404 naming the resource)", async () => {
    // Act
    const note = await resourceClient(notes).get(ALICE, ids.items[0]);
    const item = await resourceClient(items).delete(ALICE, ids.notes[0], '"1"');
    // Assess
    expect(note.status).toBe(404);
    expect(note.body.detail).toBe(`Note ${ids.items[0]} does not exist`);
    expect(item.status).toBe(404);
    expect(item.body.detail).toBe(`Item ${ids.notes[0]} does not exist`);
  });

  it('gives the same Idempotency-Key on two resources two records', async () => {
    // Act
    const key = { 'Idempotency-Key': 'shared-key' };
    const item = await resourceClient(items).create(ALICE, items.sample, key);
    const note = await resourceClient(notes).create(ALICE, notes.sample, key);
    // Assess
    expect([item.status, note.status]).toEqual([201, 201]);
    expect(note.headers['idempotent-replayed']).toBeUndefined();
    expect(note.body.id).not.toBe(item.body.id);
  });
});

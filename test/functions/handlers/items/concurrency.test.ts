import '../../support/handler-env';
import { handler as get } from '../../../../functions/handlers/items/get';
import { handler as update } from '../../../../functions/handlers/items/update';
import { ALICE, invoke } from '../../support/events';
import { createItemAs, itemRequest } from '../../support/items';
import { startTestTable, type TestTable } from '../../support/local-table';

const patchTags = (id: string, etag: string, tags: string[]) =>
  invoke(update, itemRequest(id, { method: 'PATCH', body: { tags }, headers: { 'If-Match': etag } }));

describe('optimistic concurrency under parallel writers', () => {
  let table: TestTable;
  beforeAll(async () => {
    table = await startTestTable();
  });
  afterAll(() => table.close());

  it('lets exactly one of N parallel PATCHes with the same version win', async () => {
    // Prepare
    const created = await createItemAs(ALICE, { name: 'race' });
    const { id } = created.body;
    const writers = Array.from({ length: 12 }, (_, i) => `w${i}`);
    // Act
    const results = await Promise.all(writers.map((w) => patchTags(id, created.headers.etag, [w])));
    // Assess
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, ...Array(11).fill(412)]);
    const winner = results.find((r) => r.status === 200)?.body.tags;
    const stored = (await invoke(get, itemRequest(id))).body;
    expect(stored).toMatchObject({ version: 2, tags: winner });
  });

  it('loses no update when every writer re-reads and retries after 412', async () => {
    // Prepare: each writer appends its own tag with read-modify-write.
    const id = (await createItemAs(ALICE, { name: 'counter', tags: [] })).body.id;
    const appendTag = async (tag: string) => {
      for (let attempt = 0; attempt < 50; attempt++) {
        const current = await invoke(get, itemRequest(id));
        const res = await patchTags(id, current.headers.etag, [...current.body.tags, tag]);
        if (res.status === 200) return attempt;
        expect(res.status).toBe(412);
      }
      throw new Error(`writer ${tag} never won`);
    };
    const writers = Array.from({ length: 8 }, (_, i) => `w${i}`);
    // Act
    const attempts = await Promise.all(writers.map(appendTag));
    // Assess
    const stored = (await invoke(get, itemRequest(id))).body;
    expect([...stored.tags].sort()).toEqual([...writers].sort());
    expect(stored.version).toBe(1 + writers.length);
    expect(attempts.some((a) => a > 0)).toBe(true);
  });
});

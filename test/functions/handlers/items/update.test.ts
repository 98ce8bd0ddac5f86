import '../../support/handler-env';
import { handler as get } from '../../../../functions/handlers/items/get';
import { handler as update } from '../../../../functions/handlers/items/update';
import { metrics } from '../../../../functions/shared/observability';
import { ADMIN, ALICE, BOB, type EventSpec, invoke } from '../../support/events';
import { createItemAs, itemRequest } from '../../support/items';
import { startTestTable, TEST_REGION, type TestTable } from '../../support/local-table';

const put = (id: string, body: unknown, spec: EventSpec = {}) =>
  invoke(update, itemRequest(id, { method: 'PUT', body, ...spec }));
const patch = (id: string, body: unknown, spec: EventSpec = {}) =>
  invoke(update, itemRequest(id, { method: 'PATCH', body, ...spec }));
const ifMatch = (etag: string) => ({ headers: { 'If-Match': etag } });

describe('PUT and PATCH /items/{id}', () => {
  let table: TestTable;
  beforeAll(async () => {
    table = await startTestTable();
  });
  afterAll(() => table.close());

  const newItem = async () => {
    const created = await createItemAs(ALICE, { name: 'orig', description: 'd', tags: ['t'] });
    return { id: created.body.id as string, etag: created.headers.etag };
  };

  it('PUT replaces the item, removes absent optional fields and bumps the version', async () => {
    // Prepare
    const { id, etag } = await newItem();
    // Act
    const res = await put(id, { name: 'replaced' }, ifMatch(etag));
    // Assess
    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe(etag.replace('"1.', '"2.'));
    expect(res.body).toMatchObject({ id, name: 'replaced', version: 2, updatedRegion: TEST_REGION });
    expect(res.body).not.toHaveProperty('description');
    expect(res.body).not.toHaveProperty('tags');
    expect(res.body.updatedAt >= res.body.createdAt).toBe(true);
  });

  it('PATCH merges: present fields replace, null removes, others stay', async () => {
    // Prepare
    const { id, etag } = await newItem();
    const headers = { 'If-Match': etag, 'Content-Type': 'application/merge-patch+json' };
    // Act
    const res = await patch(id, { name: 'renamed', description: null }, { headers });
    // Assess
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'renamed', tags: ['t'], version: 2 });
    expect(res.body).not.toHaveProperty('description');
  });

  it('lets an admin update any item, and hides the item from another user with 404', async () => {
    // Prepare
    const { id, etag } = await newItem();
    // Act
    const bob = await patch(id, { name: 'bob was here' }, { identity: BOB, ...ifMatch(etag) });
    const admin = await patch(id, { name: 'moderated' }, { identity: ADMIN, ...ifMatch(etag) });
    // Assess
    expect(bob.status).toBe(404);
    expect(admin.status).toBe(200);
    expect(admin.body).toMatchObject({ name: 'moderated', ownerId: ALICE.sub, version: 2 });
  });

  it.each([
    ['no If-Match', {}, 428, 'If-Match header is required'],
    ['If-Match: *', { 'If-Match': '*' }, 428, 'If-Match header is required'],
    ['a weak ETag', { 'If-Match': 'W/"1"' }, 400, 'If-Match must be a single ETag'],
    ['a list of ETags', { 'If-Match': '"1", "2"' }, 400, 'If-Match must be a single ETag'],
    ['a short incarnation', { 'If-Match': '"1.abc"' }, 400, 'If-Match must be a single ETag'],
    ['an empty incarnation', { 'If-Match': '"1."' }, 400, 'If-Match must be a single ETag'],
  ])('refuses a write with %s and leaves the item unchanged', async (_case, headers, status, detail) => {
    // Prepare
    const { id } = await newItem();
    // Act
    const res = await patch(id, { name: 'x' }, { headers });
    // Assess
    expect(res.status).toBe(status);
    expect(res.body.detail).toContain(detail);
    expect((await invoke(get, itemRequest(id))).body).toMatchObject({ name: 'orig', version: 1 });
  });

  it.each([
    ['PUT', { name: 'a\u0000' }, 'body.name'],
    ['PATCH', { name: '\udfff' }, 'body.name'],
    ['PATCH', { description: 'x\u0007' }, 'body.description'],
    ['PATCH', { tags: ['\ud83d'] }, 'body.tags.0'],
  ])(
    'refuses malformed text in a %s (%j) with 400 naming the field (security review, finding 5)',
    async (method, body, field) => {
      // Prepare
      const { id, etag } = await newItem();
      // Act
      const res = await (method === 'PUT' ? put : patch)(id, body, ifMatch(etag));
      // Assess
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toBe('application/problem+json');
      expect(res.body.errors).toEqual([
        {
          path: field,
          message: expect.stringContaining('must be well-formed Unicode text without control characters'),
        },
      ]);
      expect((await invoke(get, itemRequest(id))).body).toMatchObject({ name: 'orig', version: 1 });
    },
  );

  it('refuses a stale version with 412 and the current ETag, leaving the item unchanged', async () => {
    // Prepare: move the item to version 2.
    const { id, etag } = await newItem();
    const current = (await patch(id, { name: 'v2' }, ifMatch(etag))).headers.etag;
    const addMetric = jest.spyOn(metrics, 'addMetric');
    // Act
    const res = await put(id, { name: 'stale write' }, ifMatch(etag));
    // Assess
    expect(res.status).toBe(412);
    expect(res.headers.etag).toBe(current);
    expect(res.body.detail).toBe(`Item ${id} is at version 2, not 1: read it again and reapply your change`);
    expect((await invoke(get, itemRequest(id))).body).toMatchObject({ name: 'v2', version: 2, tags: ['t'] });
    expect(addMetric).toHaveBeenCalledWith('ConflictRejected', 'Count', 1);
    addMetric.mockRestore();
  });

  it('answers 404 for an item that does not exist', async () => {
    // Act
    const res = await put('00000000-0000-4000-8000-000000000001', { name: 'x' }, ifMatch('"1"'));
    // Assess
    expect(res.status).toBe(404);
  });

  it.each([
    ['an empty patch', 'PATCH', {}, 'body: must change at least one field'],
    ['an unknown field', 'PATCH', { version: 7 }, 'body: unknown field "version"'],
    ['a PUT without name', 'PUT', { tags: [] }, 'body.name'],
    ['a null name', 'PATCH', { name: null }, 'body.name'],
  ])('rejects %s with 400', async (_case, method, body, detail) => {
    // Prepare
    const { id } = await newItem();
    // Act
    const res = await invoke(update, itemRequest(id, { method, body, ...ifMatch('"1"') }));
    // Assess
    expect(res.status).toBe(400);
    expect(res.body.detail).toContain(detail);
  });

  it('accepts merge-patch+json only for PATCH', async () => {
    // Prepare
    const { id } = await newItem();
    const headers = { 'If-Match': '"1"', 'Content-Type': 'application/merge-patch+json' };
    // Act
    const res = await put(id, { name: 'x' }, { headers });
    // Assess
    expect(res.status).toBe(415);
  });

  it('answers 401 without an identity', async () => {
    // Prepare
    const { id } = await newItem();
    // Act
    const res = await patch(id, { name: 'x' }, { identity: null, ...ifMatch('"1"') });
    // Assess
    expect(res.status).toBe(401);
  });
});

import '../../support/handler-env';
import { handler as create } from '../../../../functions/handlers/items/create';
import { handler as list } from '../../../../functions/handlers/items/list';
import { ALICE, BOB, invoke, type TestIdentity } from '../../support/events';
import { startTestTable, type TestTable } from '../../support/local-table';

const createWithKey = (key: string, body: unknown, identity: TestIdentity = ALICE) =>
  invoke(create, { method: 'POST', body, identity, headers: { 'Idempotency-Key': key } });

describe('POST /items with Idempotency-Key', () => {
  let table: TestTable;
  beforeAll(async () => {
    table = await startTestTable();
  });
  afterAll(() => table.close());

  it('creates once; a retry returns the same item marked as replayed', async () => {
    // Prepare
    const body = { name: 'once', tags: ['x'] };
    // Act
    const first = await createWithKey('order-1', body);
    const retry = await createWithKey('order-1', { tags: ['x'], name: 'once' });
    // Assess
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.location).toBe(first.headers.location);
    expect(retry.headers.etag).toBe(first.headers.etag);
    const listed = await invoke(list, { identity: ALICE });
    expect(listed.body.items.filter((i: { name: string }) => i.name === 'once')).toHaveLength(1);
  });

  it('converges parallel retries on one item, created by exactly one of them', async () => {
    // Act
    const results = await Promise.all(
      Array.from({ length: 6 }, () => createWithKey('order-2', { name: 'p' })),
    );
    // Assess
    expect(results.map((r) => r.status)).toEqual(Array(6).fill(201));
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(results.filter((r) => r.headers['idempotent-replayed'] === undefined)).toHaveLength(1);
  });

  it('answers 422 when the key is reused with a different body, leaving the item as created', async () => {
    // Prepare
    const first = await createWithKey('order-3', { name: 'original' });
    // Act
    const reused = await createWithKey('order-3', { name: 'different' });
    // Assess
    expect(reused.status).toBe(422);
    expect(reused.body.detail).toMatch(/already used with a different request body/);
    const replay = await createWithKey('order-3', { name: 'original' });
    expect(replay.body).toEqual(first.body);
  });

  it('scopes keys to the caller: the same key from two users creates two items', async () => {
    // Act
    const alice = await createWithKey('shared-key', { name: 'n' }, ALICE);
    const bob = await createWithKey('shared-key', { name: 'n' }, BOB);
    // Assess
    expect(alice.status).toBe(201);
    expect(bob.status).toBe(201);
    expect(bob.headers['idempotent-replayed']).toBeUndefined();
    expect(bob.body.id).not.toBe(alice.body.id);
    expect(bob.body.ownerId).toBe(BOB.sub);
  });

  it.each([
    ['an empty key', ''],
    ['a key with spaces', 'a b'],
    ['a key over 255 characters', 'k'.repeat(256)],
  ])('rejects %s with 400', async (_case, key) => {
    // Act
    const res = await createWithKey(key, { name: 'n' });
    // Assess
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('header.Idempotency-Key');
  });
});

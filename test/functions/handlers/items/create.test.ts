import '../../support/handler-env';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { handler as create } from '../../../../functions/handlers/items/create';
import { ALICE, invoke } from '../../support/events';
import { startTestTable, TEST_REGION, TEST_TABLE, type TestTable } from '../../support/local-table';

describe('POST /items', () => {
  let table: TestTable;
  beforeAll(async () => {
    table = await startTestTable();
  });
  afterAll(() => table.close());

  it('creates an item owned by the caller: 201, Location, ETag, and the stored record', async () => {
    // Prepare
    const body = { name: 'First', description: 'desc', tags: ['a', 'b'] };
    // Act
    const res = await invoke(create, { method: 'POST', body, identity: ALICE });
    // Assess
    expect(res.status).toBe(201);
    const { id } = res.body;
    expect(res.headers.location).toBe(`/items/${id}`);
    expect(res.headers.etag).toMatch(/^"1\.[A-Za-z0-9_-]{16}"$/);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      ownerId: ALICE.sub,
      ...body,
      version: 1,
      createdAt: res.body.updatedAt,
      updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      updatedRegion: TEST_REGION,
    });
    const { Item } = await table.client.send(
      new GetItemCommand({ TableName: TEST_TABLE, Key: { pk: { S: `ITEM#${id}` }, sk: { S: 'ITEM' } } }),
    );
    expect(unmarshall(Item ?? {})).toMatchObject({ ownerId: ALICE.sub, name: 'First', version: 1 });
  });

  it('keeps the stage or base path of the collection in Location', async () => {
    // Prepare
    const event = { method: 'POST', body: { name: 'x' }, path: '/prod/items' };
    // Act
    const res = await invoke(create, event);
    // Assess
    expect(res.headers.location).toBe(`/prod/items/${res.body.id}`);
  });

  it.each([
    ['an owner in the body', { name: 'x', ownerId: 'sub-bob' }, 'body: unknown field "ownerId"'],
    ['no name', { description: 'd' }, 'body.name: is required'],
    ['an empty name', { name: '' }, 'body.name: must not be empty'],
    ['a non-string tag', { name: 'x', tags: [1] }, 'body.tags.0: must be string, not number'],
    [
      '21 tags',
      { name: 'x', tags: Array.from({ length: 21 }, (_, i) => `t${i}`) },
      'body.tags: must have at most 20 items',
    ],
    ['a JSON array', [], 'body: must be object, not array'],
    // Security review, finding 5: malformed text must never be stored.
    [
      'a lone surrogate in the name',
      { name: '\ud800' },
      'body.name: must be well-formed Unicode text without control characters',
    ],
    [
      'a NUL in the name',
      { name: 'a\u0000b' },
      'body.name: must be well-formed Unicode text without control characters',
    ],
    [
      'a C1 control in the name',
      { name: 'a\u0085' },
      'body.name: must be well-formed Unicode text without control characters',
    ],
    [
      'DEL in a tag',
      { name: 'x', tags: ['ok', '\u007f'] },
      'body.tags.1: must be well-formed Unicode text without control characters',
    ],
    [
      'a lone low surrogate in the description',
      { name: 'x', description: 'a\udc00' },
      'body.description: must be well-formed Unicode text without control characters',
    ],
    [
      'an escape character in the description',
      { name: 'x', description: '\u001b[2J' },
      'body.description: must be well-formed Unicode text without control characters',
    ],
  ])('rejects %s with 400 naming the field', async (_case, body, message) => {
    // Act
    const res = await invoke(create, { method: 'POST', body });
    // Assess
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.body.detail).toContain(message);
    expect(res.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: message.split(':')[0] })]),
    );
  });

  it('accepts emoji (surrogate pairs) and line breaks in the description', async () => {
    // Prepare
    const body = { name: 'Café 🚀', description: 'line 1\nline 2\ttabbed\r\n', tags: ['日本'] };
    // Act
    const res = await invoke(create, { method: 'POST', body, identity: ALICE });
    // Assess
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject(body);
  });

  it('answers 401 without an identity', async () => {
    // Act
    const res = await invoke(create, { method: 'POST', body: { name: 'x' }, identity: null });
    // Assess
    expect(res.status).toBe(401);
  });
});

import '../../support/handler-env';
import { handler as get } from '../../../../functions/handlers/items/get';
import { ALICE, invoke } from '../../support/events';
import { createItemAs, itemRequest } from '../../support/items';
import { startTestTable, type TestTable } from '../../support/local-table';

describe('item routes while the regional table is down', () => {
  let table: TestTable;
  beforeAll(async () => {
    table = await startTestTable();
  });
  afterAll(() => table.close());

  it('answers 503 with Retry-After, not a 500, so clients retry (or fail over)', async () => {
    // Prepare
    const { id } = (await createItemAs(ALICE)).body;
    await table.db.close();
    // Act
    const res = await invoke(get, itemRequest(id));
    // Assess
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('1');
    expect(res.body.detail).toBe('The table is temporarily unavailable in this region; retry shortly');
  });
});

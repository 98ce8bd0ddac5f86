import '../support/handler-env';
import { handler as health } from '../../../functions/handlers/health';
import { invoke } from '../support/events';
import { startTestTable, TEST_REGION, type TestTable } from '../support/local-table';

describe('GET /health', () => {
  let table: TestTable;

  beforeAll(async () => {
    table = await startTestTable();
  });
  afterAll(() => table.close());

  it('answers 200 with the region and an ok table check, never cached, without a token', async () => {
    // Prepare: a reachable table; no identity, as the route is public.
    // Act
    const res = await invoke(health, { path: '/health', identity: null });
    // Assess
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', region: TEST_REGION, checks: { table: 'ok' } });
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-region']).toBe(TEST_REGION);
    expect(res.headers['x-request-id']).toMatch(/^req-/);
  });

  it('answers 503 naming the table check, well within the Route 53 timeout, when the table is down', async () => {
    // Prepare: stop the local DynamoDB server.
    await table.db.close();
    // Act
    const started = Date.now();
    const res = await invoke(health, { path: '/health', identity: null });
    const elapsed = Date.now() - started;
    // Assess
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ status: 'fail', region: TEST_REGION, checks: { table: 'fail' } });
    expect(res.headers['x-region']).toBe(TEST_REGION);
    expect(elapsed).toBeLessThan(1900);
  });
});

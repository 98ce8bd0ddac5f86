import { currentRegion } from '../shared/env';
import { apiHandler } from '../shared/http/api-handler';
import { json } from '../shared/http/responses';
import type { Health } from '../shared/response-schemas';
import { tableIsReachable } from '../shared/table-health';

/**
 * GET /health (public): deep but cheap. Route 53 probes it per region, so it reads this region's table
 * replica and answers 503 naming the failing check when the table does not answer in time.
 */
export const handler = apiHandler({ authenticated: false }, async () => {
  const tableOk = await tableIsReachable();
  const body: Health = {
    status: tableOk ? 'ok' : 'fail',
    region: currentRegion(),
    checks: { table: tableOk ? 'ok' : 'fail' },
  };
  return json(tableOk ? 200 : 503, body);
});

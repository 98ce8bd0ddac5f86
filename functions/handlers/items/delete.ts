import { expectedVersion } from '../../shared/etag';
import { apiHandler } from '../../shared/http/api-handler';
import { noContent } from '../../shared/http/responses';
import { actorOf, itemIdOf } from '../../shared/item-access';
import { deleteItem } from '../../shared/items-repository';
import { METRIC, metrics } from '../../shared/observability';
import { rejectionProblem } from '../../shared/write-rejection';

/** DELETE /items/{id}: conditional on the version in If-Match; 204 when deleted. */
export const handler = apiHandler({}, async (event) => {
  const actor = actorOf(event);
  const id = itemIdOf(event);
  const version = expectedVersion(event);
  try {
    await deleteItem(id, version, actor);
  } catch (e) {
    throw rejectionProblem(e, id, version);
  }
  metrics.addMetric(METRIC.itemsDeleted, 'Count', 1);
  return noContent();
});

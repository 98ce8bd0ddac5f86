import { expectedTag } from '../../etag';
import { apiHandler } from '../../http/api-handler';
import { noContent } from '../../http/responses';
import { metrics } from '../../observability';
import { actorOf } from '../actor';
import type { OwnedResource } from '../owned-resource';
import { recordIdOf } from '../record-access';
import { deleteRecord } from '../record-store';
import { rejectionProblem } from '../rejection-problem';

/** DELETE /<resource>/{id}: conditional on the ETag (version and incarnation) in If-Match; 204 when deleted. */
export function deleteHandler(resource: OwnedResource) {
  return apiHandler({}, async (event) => {
    const actor = actorOf(event);
    const id = recordIdOf(event);
    const expected = expectedTag(event, resource.noun);
    try {
      await deleteRecord(resource, id, expected, actor);
    } catch (e) {
      throw rejectionProblem(resource, e, id, expected);
    }
    metrics.addMetric(resource.metrics.deleted, 'Count', 1);
    return noContent();
  });
}

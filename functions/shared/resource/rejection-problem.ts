import { type EntityTag, etagOf } from '../etag';
import { METRIC, metrics } from '../observability';
import { HttpProblem } from '../problem';
import type { OwnedResource } from './owned-resource';
import { notFound } from './record-access';
import { WriteRejected } from './stored-record';

/**
 * Turns a refused conditional write into its answer: 404 when the record is gone or not the caller's,
 * 412 with the current ETag when the caller's ETag is stale or from a deleted earlier record with this id
 * (the stored record is unchanged).
 */
export function rejectionProblem(
  resource: OwnedResource,
  error: unknown,
  id: string,
  sent: EntityTag,
): unknown {
  if (!(error instanceof WriteRejected)) return error;
  if (error.reason === 'not-found' || !error.current) return notFound(resource, id);
  metrics.addMetric(METRIC.conflictRejected, 'Count', 1);
  const { current } = error;
  const why =
    current.incarnation === sent.incarnation
      ? `is at version ${current.version}, not ${sent.version}`
      : 'was deleted and created again since the ETag you sent was read';
  return new HttpProblem(412, `${resource.noun} ${id} ${why}: read it again and reapply your change`, {
    headers: { etag: etagOf(current) },
  });
}

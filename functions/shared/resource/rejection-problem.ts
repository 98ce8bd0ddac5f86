import { etagOf } from '../etag';
import { METRIC, metrics } from '../observability';
import { HttpProblem } from '../problem';
import type { OwnedResource } from './owned-resource';
import { notFound } from './record-access';
import { WriteRejected } from './stored-record';

/**
 * Turns a refused conditional write into its answer: 404 when the record is gone or not the caller's,
 * 412 with the current ETag when the caller's version is stale (the stored record is unchanged).
 */
export function rejectionProblem(resource: OwnedResource, error: unknown, id: string, sent: number): unknown {
  if (!(error instanceof WriteRejected)) return error;
  if (error.reason === 'not-found' || !error.current) return notFound(resource, id);
  metrics.addMetric(METRIC.conflictRejected, 'Count', 1);
  const current = error.current.version;
  return new HttpProblem(
    412,
    `${resource.noun} ${id} is at version ${current}, not ${sent}: read it again and reapply your change`,
    { headers: { etag: etagOf(current) } },
  );
}

import { etagOf } from './etag';
import { notFound } from './item-access';
import { WriteRejected } from './items-repository';
import { METRIC, metrics } from './observability';
import { HttpProblem } from './problem';

/**
 * Turns a refused conditional write into its answer: 404 when the item is gone or not the caller's,
 * 412 with the current ETag when the caller's version is stale (the stored item is unchanged).
 */
export function rejectionProblem(error: unknown, id: string, sentVersion: number): unknown {
  if (!(error instanceof WriteRejected)) return error;
  if (error.reason === 'not-found' || !error.current) return notFound(id);
  metrics.addMetric(METRIC.conflictRejected, 'Count', 1);
  const current = error.current.version;
  return new HttpProblem(
    412,
    `Item ${id} is at version ${current}, not ${sentVersion}: read it again and reapply your change`,
    { headers: { etag: etagOf(current) } },
  );
}

import { randomUUID } from 'node:crypto';
import { header } from '../../http/api-event';
import { apiHandler } from '../../http/api-handler';
import { idempotentRecordId, requestHash } from '../../idempotency';
import { METRIC, metrics } from '../../observability';
import { HttpProblem } from '../../problem';
import { IdempotencyKey } from '../../schemas';
import { validate } from '../../validate';
import { actorOf } from '../actor';
import type { OwnedResource } from '../owned-resource';
import { recordResponse } from '../record-access';
import { createRecord } from '../record-store';
import { WriteRejected } from '../stored-record';

/**
 * POST /<resource>: creates a record owned by the caller; 201 with Location and ETag. With an
 * `Idempotency-Key`, the id derives from (resource, caller, key): a retry finds the record the first
 * attempt created and gets it back (201, `Idempotent-Replayed: true`); the same key with another body is 422.
 */
export function createHandler(resource: OwnedResource) {
  const noun = resource.noun.toLowerCase();
  return apiHandler({ body: {} }, async (event) => {
    const actor = actorOf(event);
    const fields = validate(resource.input, event.jsonBody, 'body');
    const rawKey = header(event, 'idempotency-key');
    const key = rawKey === undefined ? undefined : validate(IdempotencyKey, rawKey, 'header.Idempotency-Key');
    const id = key ? idempotentRecordId(resource.name, actor.sub, key) : randomUUID();
    const hash = key ? requestHash(fields) : undefined;
    // The URL as the client addressed the collection, keeping any stage or base path.
    const location = { location: `${(event.requestContext?.path ?? event.path).replace(/\/+$/, '')}/${id}` };

    const result = await createRecord(resource, { id, ownerId: actor.sub, fields, requestHash: hash }).catch(
      (e) => {
        if (!(e instanceof WriteRejected)) throw e;
        throw new HttpProblem(
          409,
          `The ${noun} for this Idempotency-Key was deleted while being created; retry`,
        );
      },
    );
    if (result.created) {
      metrics.addMetric(resource.metrics.created, 'Count', 1);
      return recordResponse(201, result.record, location);
    }
    const { existing } = result;
    if (!key) throw new Error(`random ${noun} id ${id} collided`);
    if (existing.ownerId !== actor.sub || existing.requestHash !== hash) {
      metrics.addMetric(METRIC.idempotencyKeyReused, 'Count', 1);
      throw new HttpProblem(
        422,
        `This Idempotency-Key was already used with a different request body; use a new key for a new ${noun}`,
      );
    }
    metrics.addMetric(METRIC.idempotentReplays, 'Count', 1);
    return recordResponse(201, existing, { ...location, 'idempotent-replayed': 'true' });
  });
}

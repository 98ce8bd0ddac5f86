import { randomUUID } from 'node:crypto';
import { header } from '../../shared/http/api-event';
import { apiHandler } from '../../shared/http/api-handler';
import { idempotentItemId, requestHash } from '../../shared/idempotency';
import { actorOf, itemResponse } from '../../shared/item-access';
import { createItem, WriteRejected } from '../../shared/items-repository';
import { METRIC, metrics } from '../../shared/observability';
import { HttpProblem } from '../../shared/problem';
import { IdempotencyKey, ItemInput } from '../../shared/schemas';
import { validate } from '../../shared/validate';

/**
 * POST /items: creates an item owned by the caller; 201 with Location and ETag. With an
 * `Idempotency-Key`, the id derives from (caller, key): a retry finds the item the first attempt
 * created and gets it back (201, `Idempotent-Replayed: true`); the same key with another body is 422.
 */
export const handler = apiHandler({ body: {} }, async (event) => {
  const actor = actorOf(event);
  const fields = validate(ItemInput, event.jsonBody, 'body');
  const rawKey = header(event, 'idempotency-key');
  const key = rawKey === undefined ? undefined : validate(IdempotencyKey, rawKey, 'header.Idempotency-Key');
  const id = key ? idempotentItemId(actor.sub, key) : randomUUID();
  const hash = key ? requestHash(fields) : undefined;
  // The URL as the client addressed the collection, keeping any stage or base path.
  const location = { location: `${(event.requestContext?.path ?? event.path).replace(/\/+$/, '')}/${id}` };

  const result = await createItem({ id, ownerId: actor.sub, fields, requestHash: hash }).catch((e) => {
    if (!(e instanceof WriteRejected)) throw e;
    throw new HttpProblem(409, 'The item for this Idempotency-Key was deleted while being created; retry');
  });
  if (result.created) {
    metrics.addMetric(METRIC.itemsCreated, 'Count', 1);
    return itemResponse(201, result.item, location);
  }
  const { existing } = result;
  if (!key) throw new Error(`random item id ${id} collided`);
  if (existing.ownerId !== actor.sub || existing.requestHash !== hash) {
    metrics.addMetric(METRIC.idempotencyKeyReused, 'Count', 1);
    throw new HttpProblem(
      422,
      'This Idempotency-Key was already used with a different request body; use a new key for a new item',
    );
  }
  metrics.addMetric(METRIC.idempotentReplays, 'Count', 1);
  return itemResponse(201, existing, { ...location, 'idempotent-replayed': 'true' });
});

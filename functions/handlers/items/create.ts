import { randomUUID } from 'node:crypto';
import { apiHandler } from '../../shared/http/api-handler';
import { actorOf, itemResponse } from '../../shared/item-access';
import { createItem } from '../../shared/items-repository';
import { METRIC, metrics } from '../../shared/observability';
import { ItemInput } from '../../shared/schemas';
import { validate } from '../../shared/validate';

/** POST /items: creates an item owned by the caller; 201 with Location and ETag. */
export const handler = apiHandler({ body: {} }, async (event) => {
  const actor = actorOf(event);
  const fields = validate(ItemInput, event.jsonBody, 'body');
  const id = randomUUID();
  const result = await createItem({ id, ownerId: actor.sub, fields });
  if (!result.created) throw new Error(`random id ${id} collided`);
  metrics.addMetric(METRIC.itemsCreated, 'Count', 1);
  return itemResponse(201, result.item, {
    location: locationOf(event.requestContext?.path ?? event.path, id),
  });
});

/** The new item's URL path as the client addressed the collection (keeps any stage or base path). */
function locationOf(collectionPath: string, id: string): string {
  return `${collectionPath.replace(/\/+$/, '')}/${id}`;
}

import { apiHandler } from '../../shared/http/api-handler';
import { actorOf, canSee, itemIdOf, itemResponse, notFound } from '../../shared/item-access';
import { getItem } from '../../shared/items-repository';

/** GET /items/{id}: the item with its ETag (its version), for a later conditional update or delete. */
export const handler = apiHandler({}, async (event) => {
  const actor = actorOf(event);
  const id = itemIdOf(event);
  // Strongly consistent: a client that just wrote reads its own write (and its ETag) in this region.
  const item = await getItem(id, true);
  if (!item || !canSee(actor, item)) throw notFound(id);
  return itemResponse(200, item);
});

import { decodeCursor, encodeCursor } from '../../shared/cursor';
import { apiHandler } from '../../shared/http/api-handler';
import { json } from '../../shared/http/responses';
import { actorOf, publicItem } from '../../shared/item-access';
import { listItems } from '../../shared/items-repository';
import { HttpProblem } from '../../shared/problem';
import type { ItemPage } from '../../shared/response-schemas';
import { ListQuery } from '../../shared/schemas';
import { validate } from '../../shared/validate';

const DEFAULT_LIMIT = 20;

/**
 * GET /items: the caller's items, newest first, `limit` (1-100) per page with an opaque `cursor`.
 * Admins list every owner's items, or one owner's with `?owner=`; others may only name themselves.
 */
export const handler = apiHandler({}, async (event) => {
  const actor = actorOf(event);
  const query = validate(ListQuery, event.queryStringParameters ?? {}, 'query');
  if (!actor.isAdmin && query.owner !== undefined && query.owner !== actor.sub) {
    throw new HttpProblem(403, "Only admins may list another owner's items");
  }
  const ownerId = actor.isAdmin ? query.owner : actor.sub;
  const scope = { sub: actor.sub, owner: ownerId ?? null };
  const startKey = query.cursor ? decodeCursor(query.cursor, scope) : undefined;
  const page = await listItems({
    ownerId,
    limit: query.limit ? Number(query.limit) : DEFAULT_LIMIT,
    startKey,
  });
  const body: ItemPage = {
    items: page.items.map(publicItem),
    ...(page.lastKey ? { nextCursor: encodeCursor(scope, page.lastKey) } : {}),
  };
  return json(200, body);
});

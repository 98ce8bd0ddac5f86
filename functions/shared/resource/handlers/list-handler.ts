import { apiHandler } from '../../http/api-handler';
import { json } from '../../http/responses';
import { HttpProblem } from '../../problem';
import { ListQuery } from '../../schemas';
import { validate } from '../../validate';
import { actorOf } from '../actor';
import { decodeCursor, encodeCursor } from '../cursor';
import type { OwnedResource } from '../owned-resource';
import { publicRecord } from '../record-access';
import { listRecords } from '../record-listing';

const DEFAULT_LIMIT = 20;

/**
 * GET /<resource>: the caller's records, newest first, `limit` (1-100) per page with an opaque `cursor`.
 * Admins list every owner's records, or one owner's with `?owner=`; others may only name themselves.
 */
export function listHandler(resource: OwnedResource) {
  return apiHandler({}, async (event) => {
    const actor = actorOf(event);
    const query = validate(ListQuery, event.queryStringParameters ?? {}, 'query');
    if (!actor.isAdmin && query.owner !== undefined && query.owner !== actor.sub) {
      throw new HttpProblem(403, `Only admins may list another owner's ${resource.name}`);
    }
    const ownerId = actor.isAdmin ? query.owner : actor.sub;
    const scope = { resource: resource.name, sub: actor.sub, owner: ownerId ?? null };
    const startKey = query.cursor ? decodeCursor(query.cursor, scope, resource) : undefined;
    const page = await listRecords(resource, {
      ownerId,
      limit: query.limit ? Number(query.limit) : DEFAULT_LIMIT,
      startKey,
    });
    return json(200, {
      items: page.records.map(publicRecord),
      ...(page.lastKey ? { nextCursor: encodeCursor(scope, page.lastKey) } : {}),
    });
  });
}

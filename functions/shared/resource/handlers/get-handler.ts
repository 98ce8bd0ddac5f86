import { apiHandler } from '../../http/api-handler';
import { actorOf, canSee } from '../actor';
import type { OwnedResource } from '../owned-resource';
import { notFound, recordIdOf, recordResponse } from '../record-access';
import { getRecord } from '../record-store';

/** GET /<resource>/{id}: the record with its ETag (version and incarnation), for a later conditional update or delete. */
export function getHandler(resource: OwnedResource) {
  return apiHandler({}, async (event) => {
    const actor = actorOf(event);
    const id = recordIdOf(event);
    // Strongly consistent: a client that just wrote reads its own write (and its ETag) in this region.
    const record = await getRecord(resource, id, true);
    if (!record || !canSee(actor, record)) throw notFound(resource, id);
    return recordResponse(200, record);
  });
}

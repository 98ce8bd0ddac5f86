import type { APIGatewayProxyResult } from 'aws-lambda';
import { adminGroup } from './env';
import { etagOf } from './etag';
import type { ApiEvent, Identity } from './http/api-event';
import { json } from './http/responses';
import type { Actor, StoredItem } from './items-repository';
import { HttpProblem } from './problem';
import type { Item } from './response-schemas';
import { ItemId } from './schemas';
import { validate } from './validate';

/** The caller as the repository sees it; the identity middleware guarantees it on authorized routes. */
export function actorOf(event: ApiEvent): Actor & { identity: Identity } {
  const identity = event.identity;
  if (!identity) throw new HttpProblem(401, 'Missing or invalid bearer token');
  return { sub: identity.sub, isAdmin: identity.groups.includes(adminGroup()), identity };
}

/** `{id}` from the path; ids are UUIDs, stored lowercase. */
export function itemIdOf(event: ApiEvent): string {
  return validate(ItemId, event.pathParameters?.id, 'path.id').toLowerCase();
}

/** Non-admins see only their own items; others' items answer 404 so their existence does not leak. */
export function canSee(actor: Actor, item: StoredItem): boolean {
  return actor.isAdmin || item.ownerId === actor.sub;
}

export function notFound(id: string): HttpProblem {
  return new HttpProblem(404, `Item ${id} does not exist`);
}

/** The public representation: server-side bookkeeping (the idempotency request hash) stays hidden. */
export function publicItem(item: StoredItem): Item {
  const { requestHash: _hash, ...rest } = item;
  return rest;
}

export function itemResponse(
  status: number,
  item: StoredItem,
  headers: Record<string, string> = {},
): APIGatewayProxyResult {
  return json(status, publicItem(item), { etag: etagOf(item.version), ...headers });
}

import { adminGroup } from '../env';
import type { ApiEvent, Identity } from '../http/api-event';
import { HttpProblem } from '../problem';

/** Who is acting: non-admins may only touch their own records, of any resource. */
export interface Actor {
  readonly sub: string;
  readonly isAdmin: boolean;
}

/** The caller as the repository sees it; the identity middleware guarantees it on authorized routes. */
export function actorOf(event: ApiEvent): Actor & { identity: Identity } {
  const identity = event.identity;
  if (!identity) throw new HttpProblem(401, 'Missing or invalid bearer token');
  return { sub: identity.sub, isAdmin: identity.groups.includes(adminGroup()), identity };
}

/** Non-admins see only their own records; others' answer 404 so their existence does not leak. */
export function canSee(actor: Actor, record: { readonly ownerId: string }): boolean {
  return actor.isAdmin || record.ownerId === actor.sub;
}

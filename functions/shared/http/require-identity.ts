import type { MiddlewareObj } from '@middy/core';
import { HttpProblem } from '../problem';
import type { ApiEvent, Identity } from './api-event';

/**
 * Reads the caller from the authorizer context (`sub`, `username`, comma-separated `groups`). API
 * Gateway never invokes an authorized route without it; the check guards against a route wired
 * without the authorizer.
 */
export function identityOf(event: ApiEvent): Identity | undefined {
  const context = event.requestContext?.authorizer;
  const sub = context?.sub;
  if (typeof sub !== 'string' || sub === '') return undefined;
  const groups = typeof context?.groups === 'string' ? context.groups.split(',').filter(Boolean) : [];
  const username = typeof context?.username === 'string' ? context.username : sub;
  return { sub, username, groups };
}

export function requireIdentity(): MiddlewareObj<ApiEvent> {
  return {
    before: (request) => {
      const identity = identityOf(request.event);
      if (!identity) throw new HttpProblem(401, 'Missing or invalid bearer token');
      request.event.identity = identity;
    },
  };
}

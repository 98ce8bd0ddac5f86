import type { MiddlewareObj } from '@middy/core';
import { HttpProblem } from '../problem';
import type { ApiEvent, Identity } from './api-event';

/**
 * Reads the caller from the authorizer context (`sub`, `username`, `groups` as a JSON array string). API
 * Gateway never invokes an authorized route without it; the check guards against a route wired
 * without the authorizer.
 */
export function identityOf(event: ApiEvent): Identity | undefined {
  const context = event.requestContext?.authorizer;
  const sub = context?.sub;
  if (typeof sub !== 'string' || sub === '') return undefined;
  const groups = parseGroups(context?.groups);
  const username = typeof context?.username === 'string' ? context.username : sub;
  return { sub, username, groups };
}

/**
 * `groups` is a JSON array of strings (the authorizer's `JSON.stringify`). Anything else (the old
 * comma-joined form, bad JSON, non-string members) counts as no groups: never split on punctuation,
 * since Cognito group names may contain it.
 */
function parseGroups(value: unknown): string[] {
  if (typeof value !== 'string') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed) || !parsed.every((g) => typeof g === 'string')) return [];
  return parsed;
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

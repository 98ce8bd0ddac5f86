import type { RouteDefinition } from '../../functions/routes';

/** A request matched to an API resource. */
export interface RouteMatch {
  readonly route: RouteDefinition;
  readonly pathParameters: Record<string, string> | null;
}

/** What API Gateway would do with a method and path. */
export type MatchResult =
  | { readonly kind: 'found'; readonly match: RouteMatch }
  /** No resource, or the resource has no such method: API Gateway's MISSING_AUTHENTICATION_TOKEN response. */
  | { readonly kind: 'missing' };

function compile(path: string): { regex: RegExp; names: string[] } {
  const names: string[] = [];
  const pattern = path
    .split('/')
    .map((segment) => {
      const param = /^\{(\w+)\+?\}$/.exec(segment);
      if (!param) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(param[1]);
      return segment.endsWith('+}') ? '(.+)' : '([^/]+)';
    })
    .join('/');
  return { regex: new RegExp(`^${pattern}/?$`), names };
}

type Candidate = { route: RouteDefinition; regex: RegExp; names: string[] };

// Compiled once per routes list: compiling on every request cost about as much as the rest of routing.
const compiled = new WeakMap<readonly RouteDefinition[], Candidate[]>();

function candidatesOf(routes: readonly RouteDefinition[]): Candidate[] {
  let candidates = compiled.get(routes);
  if (!candidates) {
    candidates = routes
      .map((route) => ({ route, ...compile(route.path) }))
      .sort((a, b) => a.names.length - b.names.length);
    compiled.set(routes, candidates);
  }
  return candidates;
}

/**
 * Matches like API Gateway: literal resources win over `{param}` ones, path parameters are URL-decoded,
 * and a trailing slash is tolerated.
 */
export function matchRoute(routes: readonly RouteDefinition[], method: string, path: string): MatchResult {
  for (const c of candidatesOf(routes)) {
    if (c.route.method !== method) continue;
    const m = c.regex.exec(path);
    if (!m) continue;
    const params = Object.fromEntries(c.names.map((n, i) => [n, decodeURIComponent(m[i + 1])]));
    return { kind: 'found', match: { route: c.route, pathParameters: c.names.length ? params : null } };
  }
  return { kind: 'missing' };
}

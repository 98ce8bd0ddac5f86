import type { APIGatewayProxyEvent } from 'aws-lambda';

/** The caller, as verified by the authorizer. Handlers never take identity from the request body. */
export interface Identity {
  readonly sub: string;
  readonly username: string;
  readonly groups: readonly string[];
}

/** The proxy event, plus what the middlewares derived from it. */
export interface ApiEvent extends APIGatewayProxyEvent {
  /** The parsed JSON body; set by `jsonBody()` on routes that take one. */
  jsonBody?: unknown;
  /** Set by `requireIdentity()` on authorized routes. */
  identity?: Identity;
}

/** A request header, looked up case-insensitively (API Gateway passes the client's spelling). */
export function header(event: APIGatewayProxyEvent, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {})) {
    if (key.toLowerCase() === wanted && value !== undefined) return value;
  }
  return undefined;
}

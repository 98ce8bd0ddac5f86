import type { JwtPayload } from 'aws-jwt-verify/jwt-model';
import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent, Context } from 'aws-lambda';
import * as z from 'zod/mini';
import { logger } from '../observability';
import {
  createTokenVerifier,
  JwksUnavailableError,
  type TokenVerifier,
  type TokenVerifierOptions,
} from './token-verifier';

export type RequestAuthorizer = (
  event: APIGatewayRequestAuthorizerEvent,
  context?: Context,
) => Promise<APIGatewayAuthorizerResult>;

/** Settings from JWT_ISSUER, JWT_CLIENT_ID and JWKS_SIGNING_KEY_ID, read on the first request. */
export function optionsFromEnv(): TokenVerifierOptions {
  const issuer = process.env.JWT_ISSUER;
  const clientId = process.env.JWT_CLIENT_ID;
  const signingKeyId = process.env.JWKS_SIGNING_KEY_ID;
  if (!issuer || !clientId || !signingKeyId) {
    throw new Error('JWT_ISSUER, JWT_CLIENT_ID and JWKS_SIGNING_KEY_ID must be set');
  }
  return { issuer, clientId, signingKeyId };
}

/**
 * The Lambda REQUEST authorizer. A valid `Authorization: Bearer <access token>` gets an Allow policy
 * for the whole API (so API Gateway may cache the result for any route) with the identity in the
 * context; an invalid token throws 'Unauthorized', which API Gateway turns into a 401. When no JWKS can
 * be had (issuer and table both failing) the token cannot be judged: that rethrows the error, which API
 * Gateway answers with a 500 (AUTHORIZER_FAILURE), so clients retry instead of signing in again.
 */
export function createRequestAuthorizer(
  options: () => TokenVerifierOptions = optionsFromEnv,
): RequestAuthorizer {
  let verifier: TokenVerifier | undefined;
  return async (event, context) => {
    if (context) logger.addContext(context);
    verifier ??= createTokenVerifier(options());
    const values = authorizationValues(event);
    // API Gateway caches the answer under one of the values; the verdict must be about the same one.
    if (values.length > 1) return deny('more than one Authorization header');
    const token = bearerToken(values[0]);
    if (!token) return deny('missing bearer token');
    let claims: JwtPayload;
    try {
      claims = await verifier.verify(token);
    } catch (error) {
      if (error instanceof JwksUnavailableError) {
        logger.error('cannot verify tokens: no JWKS available', { error });
        throw error;
      }
      return deny(error instanceof Error ? error.message : 'invalid token');
    }
    const identity = IdentityClaims.safeParse(claims);
    if (!identity.success) return deny(`invalid claims: ${identity.error.issues.map(describe).join('; ')}`);
    const { sub } = identity.data;
    const groups = identity.data['cognito:groups'] ?? [];
    const username = identity.data.username ?? identity.data['cognito:username'] ?? sub;
    return {
      principalId: sub,
      policyDocument: {
        Version: '2012-10-17',
        Statement: [
          { Action: 'execute-api:Invoke', Effect: 'Allow', Resource: wholeApiArn(event.methodArn) },
        ],
      },
      // A JSON array, not a joined list: Cognito group names may contain ',' (a group `ops,admin` must
      // not read as `admin`). Context values must be strings, numbers or booleans.
      context: { sub, username, groups: JSON.stringify(groups) },
    };
  };
}

/**
 * The identity claims the API relies on, validated rather than coerced: a signed token is still only as
 * good as its claims (`sub: undefined` must not become the user "undefined", `[["admin"]]` not a group).
 * Other claims pass through unchecked; aws-jwt-verify has checked iss, exp, token_use and client_id.
 */
const IdentityClaims = z.object({
  sub: z.string().check(z.minLength(1), z.maxLength(256)),
  'cognito:groups': z.optional(z.array(z.string().check(z.minLength(1)))),
  username: z.optional(z.string().check(z.minLength(1))),
  'cognito:username': z.optional(z.string().check(z.minLength(1))),
});

const describe = (issue: z.core.$ZodIssue) => `${issue.path.join('.') || 'payload'} ${issue.code}`;

/**
 * Every value of the Authorization header, whatever its casing. `multiValueHeaders` has them all;
 * `headers` keeps only the last of a repeated name, so it is the fallback for events without the former.
 */
function authorizationValues(event: APIGatewayRequestAuthorizerEvent): string[] {
  const isAuthorization = ([name]: [string, unknown]) => name.toLowerCase() === 'authorization';
  const multi = Object.entries(event.multiValueHeaders ?? {})
    .filter(isAuthorization)
    .flatMap(([, v]) => v ?? []);
  if (multi.length > 0) return multi;
  return Object.entries(event.headers ?? {})
    .filter(isAuthorization)
    .flatMap(([, v]) => (v === undefined ? [] : [v]));
}

function bearerToken(value: string | undefined): string | undefined {
  return /^Bearer ([A-Za-z0-9_.-]+)$/i.exec(value?.trim() ?? '')?.[1];
}

function deny(reason: string): never {
  logger.info('request denied', { reason });
  throw new Error('Unauthorized');
}

/** `arn:aws:execute-api:<region>:<account>:<apiId>/<stage>/<verb>/<path>` -> `.../<apiId>/<stage>/*`. */
function wholeApiArn(methodArn: string): string {
  const [prefix, stage] = methodArn.split('/');
  return `${prefix}/${stage}/*`;
}

import type { JwtPayload } from 'aws-jwt-verify/jwt-model';
import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent, Context } from 'aws-lambda';
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

/** Settings from JWT_ISSUER and JWT_CLIENT_ID, read on the first request. */
export function optionsFromEnv(): TokenVerifierOptions {
  const issuer = process.env.JWT_ISSUER;
  const clientId = process.env.JWT_CLIENT_ID;
  if (!issuer || !clientId) throw new Error('JWT_ISSUER and JWT_CLIENT_ID must be set');
  return { issuer, clientId };
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
    const token = bearerToken(event.headers ?? {});
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
    const sub = String(claims.sub);
    const groups = Array.isArray(claims['cognito:groups']) ? claims['cognito:groups'].map(String) : [];
    const username = String(claims.username ?? claims['cognito:username'] ?? sub);
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

function bearerToken(headers: Record<string, string | undefined>): string | undefined {
  const value = Object.entries(headers).find(([name]) => name.toLowerCase() === 'authorization')?.[1];
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

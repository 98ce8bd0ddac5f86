import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { APIGatewayAuthorizerResult, APIGatewayProxyResult, Context } from 'aws-lambda';
import { AUTHORIZER_CACHE_TTL_SECONDS, type RouteDefinition } from '../../functions/routes';
import { gatewayProblem } from '../gateway-problems';
import {
  type ApiIdentity,
  buildAuthorizerEvent,
  buildProxyEvent,
  type HttpRequestParts,
  methodArn,
} from './apigw-event';
import { type AuthorizerAnswer, AuthorizerCache } from './authorizer-cache';
import { policyAllows, proxyAuthorizerContext } from './authorizer-policy';
import {
  drawFault,
  type FunctionFaults,
  InjectedFunctionError,
  isFaultTarget,
  NO_FAULT,
} from './function-faults';
import { type Problem, problem, readBody, sendProblem } from './http-util';
import type { InvocationResult } from './item-route-alarm';
import { lambdaContext } from './lambda-context';
import { matchRoute } from './route-match';

/** A Lambda handler as the functions export it. */
export type LambdaHandler = (event: never, context: Context) => Promise<unknown>;

/** Options of one region's REST API. */
export interface RestApiAdapterOptions {
  readonly api: ApiIdentity;
  readonly routes: readonly RouteDefinition[];
  /** Loads a handler module by its path under functions/handlers (e.g. `items/create`). */
  readonly loadHandler: (name: string) => Promise<LambdaHandler>;
  /** The REQUEST authorizer's handler name. */
  readonly authorizerHandler: string;
  /** Prefix of the simulated function names. @default 'sandbox' */
  readonly functionNamePrefix?: string;
  /** API Gateway's integration timeout. @default 29000 */
  readonly integrationTimeoutMs?: number;
  /**
   * How long the authorizer's answer is kept per `Authorization` header value; 0 invokes it on every
   * request. @default AUTHORIZER_CACHE_TTL_SECONDS × 1000 (the CDK app's authorizer cache TTL)
   */
  readonly authorizerCacheTtlMs?: number;
  /** The authorizer cache's clock (tests). @default Date.now */
  readonly now?: () => number;
  /** Faults injected into the item-route functions right now (the chaos scenarios). @default - none */
  readonly faults?: () => FunctionFaults | null | undefined;
  /** Draws which invocations a fault hits, [0, 1). @default Math.random */
  readonly random?: () => number;
  /** Told how each item-route request was answered (the item-route alarm's data). @default - not told */
  readonly onItemRoute?: (result: InvocationResult) => void;
}

/** The body API Gateway's Gateway Responses give an authorizer denial (CONTRACT.md). */
export const UNAUTHORIZED: Problem = gatewayProblem('UNAUTHORIZED');

class IntegrationTimeout extends Error {}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new IntegrationTimeout()), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** How many Authorization headers a request carries, whatever their casing. */
function authorizationCount(rawHeaders: readonly string[]): number {
  let count = 0;
  for (let i = 0; i < rawHeaders.length; i += 2) if (rawHeaders[i].toLowerCase() === 'authorization') count++;
  return count;
}

function isProxyResult(v: unknown): v is APIGatewayProxyResult {
  return typeof v === 'object' && v !== null && typeof (v as APIGatewayProxyResult).statusCode === 'number';
}

/**
 * An HTTP request listener that behaves like an API Gateway REST API with Lambda proxy integrations:
 * routes by the shared ROUTES, runs the REQUEST authorizer for authorized routes (no Authorization
 * header: 401 without calling it; it throws `Unauthorized`: 401; a policy that does not allow the
 * method: 403), passes its context to the handler in `requestContext.authorizer`, and maps Gateway's
 * own errors to the project's problem+json bodies with `x-region` and `x-request-id`.
 * Like API Gateway with authorizer caching on, it keeps the authorizer's answer per Authorization header
 * value for the TTL (see AuthorizerCache) and evaluates a kept policy against each request's method.
 */
export function createRestApiListener(options: RestApiAdapterOptions) {
  const prefix = options.functionNamePrefix ?? 'sandbox';
  const timeoutMs = options.integrationTimeoutMs ?? 29_000;
  const random = options.random ?? Math.random;
  const authorizerCache = new AuthorizerCache({
    ttlMs: options.authorizerCacheTtlMs ?? AUTHORIZER_CACHE_TTL_SECONDS * 1000,
    now: options.now,
  });

  async function invoke(name: string, event: unknown): Promise<unknown> {
    const handler = await options.loadHandler(name);
    const context = lambdaContext(
      `${prefix}-${name.replace(/\//g, '-')}`,
      options.api.region,
      options.api.accountId,
      timeoutMs,
    );
    const fault = isFaultTarget(name) ? drawFault(options.faults?.(), random) : NO_FAULT;
    // Like FIS's extension layer: the delay comes before the handler and counts against the timeout.
    const run = async () => {
      if (fault.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
      if (fault.error === 'before') throw new InjectedFunctionError(name);
      const result = await handler(event as never, context);
      if (fault.error === 'after') throw new InjectedFunctionError(name);
      return result;
    };
    return withTimeout(run(), timeoutMs);
  }

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const requestId = randomUUID();
    const gateway = {
      'x-region': options.api.region,
      'x-request-id': requestId,
      'x-amzn-requestid': requestId,
    };
    const fail = (p: Problem) => sendProblem(res, p, gateway);
    let body: Buffer;
    try {
      body = await readBody(req);
    } catch {
      fail(problem(413, 'Payload Too Large', 'Request body is larger than API Gateway accepts (10 MB)'));
      return;
    }
    const parts: HttpRequestParts = {
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      rawHeaders: req.rawHeaders,
      body,
      sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
    };
    let found: ReturnType<typeof matchRoute>;
    let pathname = '/';
    try {
      pathname = new URL(parts.url, 'http://localhost').pathname;
      found = matchRoute(options.routes, parts.method, pathname);
    } catch {
      found = { kind: 'missing' };
    }
    if (found.kind === 'missing') {
      fail(gatewayProblem('MISSING_AUTHENTICATION_TOKEN'));
      return;
    }
    const { match } = found;

    let authorizer: Record<string, string> | undefined;
    if (match.route.authorized) {
      // Two values would let the cache key (one value) and the verified token (another) differ. The
      // deployed API refuses them in the WAF (web-acl.ts) before the authorizer, which refuses them too.
      if (authorizationCount(req.rawHeaders) > 1) {
        fail(problem(400, 'Bad Request', 'Send exactly one Authorization header'));
        return;
      }
      // The identity source: API Gateway answers 401 without invoking the authorizer when it is empty.
      const identity = req.headers.authorization;
      if (!identity) {
        fail(UNAUTHORIZED);
        return;
      }
      let answer: AuthorizerAnswer | undefined = authorizerCache.get(identity);
      if (!answer) {
        try {
          const event = buildAuthorizerEvent(parts, match, options.api, requestId);
          const result = (await invoke(options.authorizerHandler, event)) as APIGatewayAuthorizerResult;
          answer = { kind: 'policy', result };
        } catch (e) {
          if ((e as Error).message !== 'Unauthorized') {
            console.error(`[${options.api.region}] authorizer failed:`, e);
            fail(gatewayProblem('AUTHORIZER_FAILURE'));
            return;
          }
          answer = { kind: 'unauthorized' };
        }
        // Output without a policy is a broken authorizer, not an answer to keep.
        if (answer.kind === 'unauthorized' || answer.result?.policyDocument) {
          authorizerCache.set(identity, answer);
        }
      }
      if (answer.kind === 'unauthorized') {
        fail(UNAUTHORIZED);
        return;
      }
      const arn = methodArn(options.api, parts.method, pathname);
      if (!answer.result?.policyDocument || !policyAllows(answer.result, arn)) {
        fail(gatewayProblem('ACCESS_DENIED'));
        return;
      }
      authorizer = proxyAuthorizerContext(answer.result);
    }

    const started = Date.now();
    const report = (ok: boolean) => {
      if (isFaultTarget(match.route.handler)) options.onItemRoute?.({ ok, ms: Date.now() - started });
    };
    let result: unknown;
    try {
      result = await invoke(
        match.route.handler,
        buildProxyEvent(parts, match, options.api, requestId, authorizer),
      );
    } catch (e) {
      console.error(
        `[${options.api.region}] ${match.route.handler} failed:`,
        e instanceof InjectedFunctionError ? e.message : e,
      );
      report(false);
      if (e instanceof IntegrationTimeout) fail(gatewayProblem('INTEGRATION_TIMEOUT'));
      else fail(problem(502, 'Bad Gateway', 'Internal server error'));
      return;
    }
    if (!isProxyResult(result)) {
      report(false);
      fail(problem(502, 'Bad Gateway', 'Malformed Lambda proxy response'));
      return;
    }
    report(result.statusCode < 500);
    const headers: Record<string, string | string[]> = { 'x-amzn-requestid': requestId };
    for (const [k, v] of Object.entries(result.multiValueHeaders ?? {})) headers[k] = v.map(String);
    for (const [k, v] of Object.entries(result.headers ?? {})) headers[k] = String(v);
    const out =
      result.body === undefined
        ? Buffer.alloc(0)
        : Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8');
    // API Gateway labels a proxy response without a content type as JSON.
    if (!Object.keys(headers).some((k) => k.toLowerCase() === 'content-type')) {
      headers['content-type'] = 'application/json';
    }
    headers['content-length'] = String(out.length);
    res.writeHead(result.statusCode, headers);
    res.end(out);
  };
}

import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyResult, Context } from 'aws-lambda';
import { logger } from '../observability';
import type { ApiEvent } from './api-event';
import { type JsonBodyOptions, jsonBody } from './json-body';
import { problemErrors } from './problem-errors';
import { publishMetrics } from './publish-metrics';
import { requireIdentity } from './require-identity';
import { responseHeaders } from './response-headers';

/** How a route is wrapped. */
export interface ApiHandlerOptions {
  /** Require the authorizer's identity (401 without it). @default true */
  readonly authenticated?: boolean;
  /** Parse a JSON request body; absent for routes that take none. @default - no body */
  readonly body?: JsonBodyOptions;
}

export type RouteHandler = (event: ApiEvent, context: Context) => Promise<APIGatewayProxyResult>;

/**
 * Wraps a route handler in the shared middleware chain. Order matters: middy runs `before` in this
 * order and `after`/`onError` in reverse, so the error middleware renders a problem before the header
 * middleware stamps it and before metrics are flushed.
 */
export function apiHandler(options: ApiHandlerOptions, route: RouteHandler) {
  const handler = middy<ApiEvent, APIGatewayProxyResult>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(publishMetrics())
    .use({
      before: (request) => {
        logger.appendKeys({ requestId: request.event.requestContext?.requestId });
      },
    })
    .use(responseHeaders())
    .use(problemErrors());
  if (options.authenticated ?? true) handler.use(requireIdentity());
  if (options.body) handler.use(jsonBody(options.body));
  return handler.handler(route);
}

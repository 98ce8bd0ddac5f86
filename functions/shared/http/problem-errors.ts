import type { MiddlewareObj, Request } from '@middy/core';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { logger } from '../observability';
import { HttpProblem, type ProblemDetails, statusTitle } from '../problem';
import type { ApiEvent } from './api-event';
import { requestIdOf } from './response-headers';
import { transientKind } from './transient-errors';

/** Seconds a client should wait after a 429/503 caused by the table. */
const RETRY_AFTER_SECONDS = '1';

/**
 * Turns any error into an RFC 9457 problem+json response. Expected problems keep their detail;
 * DynamoDB throttling becomes 429 and an unreachable table 503, both with Retry-After; anything else is
 * logged with its stack and answered with a generic 500 that only carries the request id.
 */
export function problemErrors(): MiddlewareObj<ApiEvent, APIGatewayProxyResult> {
  return {
    onError: (request) => {
      if (request.response) return;
      request.response = toResponse(request);
    },
  };
}

function toResponse(request: Request<ApiEvent, APIGatewayProxyResult>): APIGatewayProxyResult {
  const { error, event } = request;
  const instance = event.path || undefined;
  if (error instanceof HttpProblem) {
    if (error.status >= 500) logger.error('request failed', { error });
    return problemResponse(error.toBody(instance), error.extras.headers);
  }
  const kind = transientKind(error);
  if (kind) {
    logger.warn('table unavailable or throttled', { error: error ?? undefined });
    const problem =
      kind === 'throttled'
        ? new HttpProblem(429, 'The table is throttling requests; retry after the Retry-After delay')
        : new HttpProblem(503, 'The table is temporarily unavailable in this region; retry shortly');
    return problemResponse(problem.toBody(instance), { 'retry-after': RETRY_AFTER_SECONDS });
  }
  const requestId = requestIdOf(request);
  logger.error('unexpected error', { error: error ?? undefined });
  return problemResponse({
    type: 'about:blank',
    title: statusTitle(500),
    status: 500,
    detail: `An unexpected error occurred; quote request id ${requestId} when reporting it`,
    ...(instance ? { instance } : {}),
    requestId,
  });
}

function problemResponse(body: ProblemDetails, headers: Record<string, string> = {}): APIGatewayProxyResult {
  return {
    statusCode: body.status,
    headers: { 'content-type': 'application/problem+json', ...headers },
    body: JSON.stringify(body),
  };
}

import type { MiddlewareObj, Request } from '@middy/core';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { currentRegion } from '../env';
import type { ApiEvent } from './api-event';

/**
 * The id clients quote: API Gateway's request id (also in its access logs), or Lambda's when the
 * function is invoked without API Gateway.
 */
export function requestIdOf(request: Request<ApiEvent>): string {
  return request.event.requestContext?.requestId ?? request.context.awsRequestId ?? 'unknown';
}

/**
 * Stamps every response, success or error, with the serving region and the request id, and forbids
 * caching by default: items are per user and change under optimistic concurrency, and a cached /health
 * would hide an outage from Route 53.
 */
export function responseHeaders(): MiddlewareObj<ApiEvent, APIGatewayProxyResult> {
  const stamp = (request: Request<ApiEvent, APIGatewayProxyResult>): void => {
    if (!request.response) return;
    request.response.headers = {
      'cache-control': 'no-store',
      ...request.response.headers,
      'x-region': currentRegion(),
      'x-request-id': requestIdOf(request),
    };
  };
  return { after: stamp, onError: stamp };
}

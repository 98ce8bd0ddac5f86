import type { MiddlewareObj } from '@middy/core';
import { metrics } from '../observability';

/**
 * Flushes the request's EMF metrics, success or error. Unlike Powertools' `logMetrics`, it stays quiet
 * when a request recorded none: /health runs every few seconds per Route 53 checker and would otherwise
 * log a "No application metrics to publish" warning each time.
 */
export function publishMetrics(): MiddlewareObj {
  const flush = (): void => {
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  };
  return { after: flush, onError: flush };
}

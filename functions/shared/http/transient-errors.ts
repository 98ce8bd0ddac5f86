/**
 * Classifies AWS SDK errors that the client should retry rather than report as a bug. The SDK already
 * retried them with backoff, so the request has used its budget: tell the client when to come back.
 */
const THROTTLING = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'LimitExceededException',
]);
const UNAVAILABLE = new Set(['InternalServerError', 'ServiceUnavailable', 'TimeoutError', 'AbortError']);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);

export type TransientKind = 'throttled' | 'unavailable';

export function transientKind(error: unknown): TransientKind | undefined {
  if (!(error instanceof Error)) return undefined;
  if (THROTTLING.has(error.name)) return 'throttled';
  const code = (error as { code?: unknown }).code;
  const fault = (error as { $fault?: unknown }).$fault;
  if (UNAVAILABLE.has(error.name) || fault === 'server') return 'unavailable';
  if (typeof code === 'string' && NETWORK_CODES.has(code)) return 'unavailable';
  return undefined;
}

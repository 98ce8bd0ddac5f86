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
const NETWORK_CODES = /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN)$/;
/** The SDK wraps a socket error it does not recognise as an Error into a message-only one. */
const WRAPPED_NETWORK_ERROR =
  /AWS SDK error wrapper for .*\b(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN)\b/;

export type TransientKind = 'throttled' | 'unavailable';

/**
 * Duck-typed, not `instanceof Error`: Node's socket errors can come from another realm (vm, jest), and
 * then the SDK's retry layer replaces them with a message-only wrapper.
 */
export function transientKind(error: unknown): TransientKind | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { name, code, message, $fault } = error as Record<string, unknown>;
  if (typeof name === 'string' && THROTTLING.has(name)) return 'throttled';
  if ((typeof name === 'string' && UNAVAILABLE.has(name)) || $fault === 'server') return 'unavailable';
  if (typeof code === 'string' && NETWORK_CODES.test(code)) return 'unavailable';
  if (typeof message === 'string' && WRAPPED_NETWORK_ERROR.test(message)) return 'unavailable';
  return undefined;
}

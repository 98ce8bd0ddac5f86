import type { Clock } from './clock';

/** Route 53 and CloudWatch answer bursts with these; they are safe to retry after a pause. */
const RETRYABLE = new Set([
  'Throttling',
  'ThrottlingException',
  'PriorRequestNotComplete',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'ProvisionedThroughputExceededException',
]);

export function isRetryable(e: unknown): boolean {
  const err = e as { name?: string; Code?: string; $retryable?: { throttling?: boolean } } | null;
  return (
    !!err &&
    (RETRYABLE.has(err.name ?? '') || RETRYABLE.has(err.Code ?? '') || err.$retryable?.throttling === true)
  );
}

/** How `withRetry` backs off. */
export interface RetryOptions {
  readonly clock: Clock;
  /** Attempts in all, the first included. @default 6 */
  readonly attempts?: number;
  /** First pause; doubles every attempt. @default 200 */
  readonly baseMs?: number;
  /** Cap of one pause. @default 5000 */
  readonly maxMs?: number;
  /** Source of jitter in [0, 1). @default Math.random */
  readonly random?: () => number;
  readonly signal?: AbortSignal;
  /** Told about each retry, for progress output. */
  readonly onRetry?: (e: unknown, attempt: number, delayMs: number) => void;
}

/** Runs `fn`, retrying throttling errors with exponential backoff and full jitter. */
export async function withRetry<T>(fn: () => Promise<T>, options: RetryOptions): Promise<T> {
  const { clock, attempts = 6, baseMs = 200, maxMs = 5000, random = Math.random } = options;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (!isRetryable(e) || attempt >= attempts) throw e;
      // Full jitter: concurrent callers spread out instead of retrying in lockstep.
      const delayMs = Math.round(random() * Math.min(maxMs, baseMs * 2 ** (attempt - 1)));
      options.onRetry?.(e, attempt, delayMs);
      await clock.sleep(delayMs, options.signal);
    }
  }
}

import type { APIGatewayAuthorizerResult } from 'aws-lambda';

/**
 * What API Gateway keeps from one authorizer invocation: the returned policy and context (Allow or Deny;
 * evaluated again against each request's method ARN), or the `Unauthorized` answer (401). Authorizer
 * failures (other errors, unreadable output) are not kept: the next request invokes it again.
 */
export type AuthorizerAnswer =
  | { readonly kind: 'policy'; readonly result: APIGatewayAuthorizerResult }
  | { readonly kind: 'unauthorized' };

/** Options of {@link AuthorizerCache}. */
export interface AuthorizerCacheOptions {
  /** How long an answer is kept; 0 turns caching off, as `authorizerResultTtlInSeconds: 0` does. */
  readonly ttlMs: number;
  /** The clock, replaceable in tests. @default Date.now */
  readonly now?: () => number;
  /**
   * Most answers kept at once; the oldest go first. Bounds memory when every request carries a new
   * header value (API Gateway's cache is bounded too, by a size it does not publish). @default 10000
   */
  readonly maxEntries?: number;
}

/**
 * API Gateway's authorizer result cache for a REQUEST authorizer whose identity source is one header:
 * answers keyed by that header's value, kept for the TTL from the moment the authorizer answered (a hit
 * does not extend it).
 */
export class AuthorizerCache {
  private readonly entries = new Map<string, { answer: AuthorizerAnswer; expiresAt: number }>();
  private readonly ttlMs: number;
  private readonly now: () => number;
  private readonly maxEntries: number;

  constructor(options: AuthorizerCacheOptions) {
    if (!Number.isFinite(options.ttlMs) || options.ttlMs < 0) {
      throw new Error(`authorizer cache TTL must be 0 or more milliseconds, got ${options.ttlMs}`);
    }
    this.ttlMs = options.ttlMs;
    this.now = options.now ?? Date.now;
    this.maxEntries = options.maxEntries ?? 10_000;
  }

  /** The answer kept for this identity source value, if it has not expired. */
  get(identity: string): AuthorizerAnswer | undefined {
    const entry = this.entries.get(identity);
    if (!entry) return undefined;
    if (this.now() >= entry.expiresAt) {
      this.entries.delete(identity);
      return undefined;
    }
    return entry.answer;
  }

  /** Keeps an answer for the TTL (no-op when caching is off). */
  set(identity: string, answer: AuthorizerAnswer): void {
    if (this.ttlMs === 0) return;
    // Re-inserting moves the key to the end, so Map order stays oldest-first for eviction.
    this.entries.delete(identity);
    while (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    this.entries.set(identity, { answer, expiresAt: this.now() + this.ttlMs });
  }

  get size(): number {
    return this.entries.size;
  }
}

import type { TrafficView } from '../sandbox-contract/control';

export type { TrafficView };

/** Options of a TrafficMeter. */
export interface TrafficMeterOptions {
  /** How far back rates look. @default 5 */
  readonly windowSeconds?: number;
  /** Clock in epoch milliseconds (tests step it). @default Date.now */
  readonly now?: () => number;
}

interface Bucket {
  readonly index: number;
  requests: number;
  errors: number;
}

/** Buckets are short so a rate follows a failover within a fraction of a second. */
const BUCKET_MS = 250;

/**
 * Counts requests and errors per region in small time buckets; memory stays bounded by the window
 * whatever the request rate.
 */
export class TrafficMeter {
  private readonly windowSeconds: number;
  private readonly now: () => number;
  private readonly startedAt: number;
  private readonly recent = new Map<string, Bucket[]>();
  private readonly totals = new Map<string, { requests: number; errors: number }>();

  constructor(options: TrafficMeterOptions = {}) {
    this.windowSeconds = options.windowSeconds ?? 5;
    this.now = options.now ?? Date.now;
    this.startedAt = this.now();
  }

  /** Counts one request the router forwarded to `region`. */
  record(region: string, ok: boolean): void {
    const index = Math.floor(this.now() / BUCKET_MS);
    const buckets = this.prune(region);
    let bucket = buckets.at(-1);
    if (bucket?.index !== index) {
      bucket = { index, requests: 0, errors: 0 };
      buckets.push(bucket);
    }
    bucket.requests++;
    const total = this.totals.get(region) ?? { requests: 0, errors: 0 };
    total.requests++;
    if (!ok) {
      bucket.errors++;
      total.errors++;
    }
    this.totals.set(region, total);
  }

  view(region: string): TrafficView {
    const buckets = this.prune(region);
    const requests = buckets.reduce((n, b) => n + b.requests, 0);
    const errors = buckets.reduce((n, b) => n + b.errors, 0);
    // Right after start-up the window is not full yet; dividing by it would understate the rate.
    const seconds =
      Math.max(BUCKET_MS, Math.min(this.windowSeconds * 1000, this.now() - this.startedAt)) / 1000;
    const total = this.totals.get(region) ?? { requests: 0, errors: 0 };
    return {
      requestsPerSecond: Math.round((requests / seconds) * 10) / 10,
      errorRate: requests === 0 ? null : errors / requests,
      windowSeconds: this.windowSeconds,
      requests: total.requests,
      errors: total.errors,
    };
  }

  /** Drops buckets older than the window and returns the region's list. */
  private prune(region: string): Bucket[] {
    const oldest = Math.floor((this.now() - this.windowSeconds * 1000) / BUCKET_MS) + 1;
    let buckets = this.recent.get(region);
    if (!buckets) {
      buckets = [];
      this.recent.set(region, buckets);
    }
    while (buckets.length > 0 && buckets[0].index < oldest) buckets.shift();
    return buckets;
  }
}

/**
 * The sandbox's stand-in for a region's item-route alarm, the second child of the region's calculated
 * routing health: in ALARM when, over the last `windowMs`, at least `minInvocations` item-route requests
 * were answered and more than `errorRatePercent` of them were 5xx, or their p99 took longer than
 * `p99LatencyMs`; OK when they were not; INSUFFICIENT_DATA with fewer requests. What insufficient data
 * means for routing is the health check's choice (Route 53's `InsufficientDataHealthStatus`), see
 * `AlarmHealthCheck`. The canaries (item-route-canary.ts) keep every region's window fed.
 */

/** Settings of the item-route alarm; the defaults are the CDK app's API alarm thresholds. */
export interface ItemRouteAlarmOptions {
  /** Sliding evaluation window. */
  readonly windowMs: number;
  /** @default SANDBOX_ITEM_ROUTE_THRESHOLDS.errorRatePercent */
  readonly errorRatePercent?: number;
  /** @default SANDBOX_ITEM_ROUTE_THRESHOLDS.p99LatencyMs */
  readonly p99LatencyMs?: number;
  /** Fewer requests in the window than this is not enough data to alarm on. @default 3 */
  readonly minInvocations?: number;
  /** @default Date.now */
  readonly now?: () => number;
}

/**
 * The CDK app's DEFAULT_THRESHOLDS.api5xxPercent and apiP99LatencyMs (lib/constructs/region-alarms.ts; a
 * test keeps them equal). Not imported: the sandbox does not load the CDK.
 */
export const SANDBOX_ITEM_ROUTE_THRESHOLDS = { errorRatePercent: 5, p99LatencyMs: 3000 } as const;

/** One item-route request as API Gateway answered it. */
export interface InvocationResult {
  /** false: a 5xx answer (Lambda error, timeout, injected fault). */
  readonly ok: boolean;
  readonly ms: number;
}

/** The alarm as the control API shows it. */
export interface ItemRouteAlarmView {
  readonly state: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
  readonly reason: string;
  readonly invocations: number;
  readonly errorRatePercent: number | null;
  readonly p99Ms: number | null;
  readonly thresholds: {
    readonly errorRatePercent: number;
    readonly p99LatencyMs: number;
    readonly windowMs: number;
  };
}

export class ItemRouteAlarm {
  private readonly results: Array<InvocationResult & { at: number }> = [];
  private readonly now: () => number;
  private readonly errorRate: number;
  private readonly p99Limit: number;
  private readonly min: number;

  constructor(private readonly options: ItemRouteAlarmOptions) {
    this.now = options.now ?? Date.now;
    this.errorRate = options.errorRatePercent ?? SANDBOX_ITEM_ROUTE_THRESHOLDS.errorRatePercent;
    this.p99Limit = options.p99LatencyMs ?? SANDBOX_ITEM_ROUTE_THRESHOLDS.p99LatencyMs;
    this.min = options.minInvocations ?? 3;
  }

  record(results: readonly InvocationResult[]): void {
    const at = this.now();
    for (const r of results) this.results.push({ ...r, at });
    this.prune();
  }

  view(): ItemRouteAlarmView {
    this.prune();
    const n = this.results.length;
    const thresholds = {
      errorRatePercent: this.errorRate,
      p99LatencyMs: this.p99Limit,
      windowMs: this.options.windowMs,
    };
    if (n === 0) {
      return {
        state: 'INSUFFICIENT_DATA',
        reason: 'no item requests in the window',
        invocations: 0,
        errorRatePercent: null,
        p99Ms: null,
        thresholds,
      };
    }
    const errors = this.results.filter((r) => !r.ok).length;
    const errorRatePercent = Math.round((errors / n) * 1000) / 10;
    const sorted = this.results.map((r) => r.ms).sort((a, b) => a - b);
    const p99Ms = sorted[Math.min(n - 1, Math.ceil(n * 0.99) - 1)];
    const base = { invocations: n, errorRatePercent, p99Ms, thresholds };
    if (n < this.min)
      return {
        state: 'INSUFFICIENT_DATA',
        reason: `only ${n} item requests in the window (< ${this.min})`,
        ...base,
      };
    if (errorRatePercent > this.errorRate) {
      return {
        state: 'ALARM',
        reason: `${errorRatePercent} % of ${n} item requests failed (> ${this.errorRate} %)`,
        ...base,
      };
    }
    if (p99Ms > this.p99Limit) {
      return {
        state: 'ALARM',
        reason: `p99 of ${n} item requests ${p99Ms} ms (> ${this.p99Limit} ms)`,
        ...base,
      };
    }
    return {
      state: 'OK',
      reason: `${errorRatePercent} % failed, p99 ${p99Ms} ms over ${n} item requests`,
      ...base,
    };
  }

  private prune(): void {
    const oldest = this.now() - this.options.windowMs;
    while (this.results.length > 0 && this.results[0].at < oldest) this.results.shift();
  }
}

/** What Route 53 reports for a CLOUDWATCH_METRIC check while its alarm has insufficient data. */
export type InsufficientDataHealthStatus = 'Healthy' | 'Unhealthy' | 'LastKnownStatus';

/**
 * The alarm as a Route 53 CLOUDWATCH_METRIC health check sees it: ALARM is unhealthy, OK healthy, and
 * INSUFFICIENT_DATA whatever `insufficientData` says (LastKnownStatus: the last OK/ALARM verdict, healthy
 * before the first).
 */
export class AlarmHealthCheck {
  private lastKnown = true;

  constructor(
    readonly alarm: ItemRouteAlarm,
    readonly insufficientData: InsufficientDataHealthStatus = 'LastKnownStatus',
  ) {}

  /** Reads the alarm and returns the check's status with the alarm's view. */
  evaluate(): { healthy: boolean; view: ItemRouteAlarmView } {
    const view = this.alarm.view();
    if (view.state !== 'INSUFFICIENT_DATA') {
      this.lastKnown = view.state === 'OK';
      return { healthy: this.lastKnown, view };
    }
    const healthy =
      this.insufficientData === 'Healthy'
        ? true
        : this.insufficientData === 'Unhealthy'
          ? false
          : this.lastKnown;
    return { healthy, view };
  }
}

/**
 * The sandbox's stand-in for a region's item-route alarm, the second child of the region's calculated
 * routing health: in ALARM when, over the last `windowMs`, at least `minInvocations` item-route requests
 * were answered and more than `errorRatePercent` of them were 5xx, or they took longer than
 * `averageLatencyMs` on average; OK when they were not; INSUFFICIENT_DATA with fewer requests. What insufficient data
 * means for routing is the health check's choice (Route 53's `InsufficientDataHealthStatus`), see
 * `AlarmHealthCheck`. The canaries (item-route-canary.ts) keep every region's window fed.
 */

import type {
  InsufficientDataHealthStatus,
  ItemRouteAlarmView,
} from '../sandbox-contract/routing-health-view';

export type { InsufficientDataHealthStatus, ItemRouteAlarmView };

/** Settings of the item-route alarm; the defaults are the CDK app's API alarm thresholds. */
export interface ItemRouteAlarmOptions {
  /** Sliding evaluation window. */
  readonly windowMs: number;
  /** @default SANDBOX_ITEM_ROUTE_THRESHOLDS.errorRatePercent */
  readonly errorRatePercent?: number;
  /**
   * Average, not p99: Route 53 health checks accept only alarms on Average, Minimum, Maximum, Sum or
   * SampleCount ("Extended statistics aren't supported", Route 53 API AlarmIdentifier), so the deployable
   * equivalent of this alarm cannot use a percentile. @default SANDBOX_ITEM_ROUTE_THRESHOLDS.averageLatencyMs
   */
  readonly averageLatencyMs?: number;
  /** Fewer requests in the window than this is not enough data to alarm on. @default 3 */
  readonly minInvocations?: number;
  /** @default Date.now */
  readonly now?: () => number;
}

/**
 * The defaults of the deployed app's item-route alarms (config `healthCheck.itemRouteAlarm`, alarms in
 * lib/constructs/item-route-health-alarms.ts: per route, 5xx rate and average latency, each a child of the
 * region's CALCULATED routing check); a test keeps them equal. Not imported: the sandbox does not load the
 * config schema here. The sandbox's check defaults to `LastKnownStatus` because its canaries keep every
 * region's window fed; the deployed app has no item-route canary and defaults to `Healthy`.
 */
export const SANDBOX_ITEM_ROUTE_THRESHOLDS = { errorRatePercent: 5, averageLatencyMs: 3000 } as const;

/** One item-route request as API Gateway answered it. */
export interface InvocationResult {
  /** false: a 5xx answer (Lambda error, timeout, injected fault). */
  readonly ok: boolean;
  readonly ms: number;
}

export class ItemRouteAlarm {
  private readonly results: Array<InvocationResult & { at: number }> = [];
  private readonly now: () => number;
  private readonly errorRate: number;
  private readonly latencyLimit: number;
  private readonly min: number;

  constructor(private readonly options: ItemRouteAlarmOptions) {
    this.now = options.now ?? Date.now;
    this.errorRate = options.errorRatePercent ?? SANDBOX_ITEM_ROUTE_THRESHOLDS.errorRatePercent;
    this.latencyLimit = options.averageLatencyMs ?? SANDBOX_ITEM_ROUTE_THRESHOLDS.averageLatencyMs;
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
      averageLatencyMs: this.latencyLimit,
      windowMs: this.options.windowMs,
    };
    if (n === 0) {
      return {
        state: 'INSUFFICIENT_DATA',
        reason: 'no item requests in the window',
        invocations: 0,
        errorRatePercent: null,
        averageMs: null,
        thresholds,
      };
    }
    const errors = this.results.filter((r) => !r.ok).length;
    const errorRatePercent = Math.round((errors / n) * 1000) / 10;
    const averageMs = Math.round(this.results.reduce((sum, r) => sum + r.ms, 0) / n);
    const base = { invocations: n, errorRatePercent, averageMs, thresholds };
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
    if (averageMs > this.latencyLimit) {
      return {
        state: 'ALARM',
        reason: `${n} item requests took ${averageMs} ms on average (> ${this.latencyLimit} ms)`,
        ...base,
      };
    }
    return {
      state: 'OK',
      reason: `${errorRatePercent} % failed, ${averageMs} ms on average over ${n} item requests`,
      ...base,
    };
  }

  private prune(): void {
    const oldest = this.now() - this.options.windowMs;
    while (this.results.length > 0 && this.results[0].at < oldest) this.results.shift();
  }
}

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

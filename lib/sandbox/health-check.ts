import type { CheckResult, HealthCheckView } from '../sandbox-contract/health-check-view';

export type { CheckResult, HealthCheckView };

/** Settings of one health check, mirroring Route 53's. */
export interface HealthCheckOptions {
  /** The check's id; in the sandbox, the region name. */
  readonly id: string;
  /** Seconds between probes as configured (the sandbox may probe faster, see `probeIntervalMs`). */
  readonly intervalSeconds: number;
  /** Consecutive results needed to change state, both ways. */
  readonly failureThreshold: number;
  /** How many recent results `lastResults` keeps. @default 10 */
  readonly historySize?: number;
}

/**
 * Route 53 health-check status: a healthy check becomes unhealthy after `failureThreshold` consecutive
 * failures, and an unhealthy one healthy again after as many consecutive successes. `inverted` flips each
 * probe's outcome before it is counted; a `disabled` check is always reported healthy (Route 53 stops
 * probing it and treats it as healthy), which is why drills invert and never disable. A check enabled
 * again is measured afresh, like a new one: it starts healthy and needs `failureThreshold` new failures,
 * so routing never acts on results from before it was disabled.
 */
export class HealthCheck {
  inverted = false;
  private isDisabled = false;
  private measuredHealthy = true;
  private streak = 0;
  private readonly history: CheckResult[] = [];

  constructor(private readonly options: HealthCheckOptions) {}

  get disabled(): boolean {
    return this.isDisabled;
  }

  set disabled(value: boolean) {
    if (this.isDisabled && !value) {
      this.measuredHealthy = true;
      this.streak = 0;
      this.history.length = 0;
    }
    this.isDisabled = value;
  }

  get id(): string {
    return this.options.id;
  }

  /** The status routing uses. */
  get healthy(): boolean {
    return this.disabled || this.measuredHealthy;
  }

  /** Counts one probe; `rawOk` is whether the endpoint answered 2xx/3xx in time. */
  record(rawOk: boolean, status: number | null, at: Date = new Date()): void {
    if (this.disabled) return;
    const ok = this.inverted ? !rawOk : rawOk;
    this.history.push({ at: at.toISOString(), ok, status });
    if (this.history.length > (this.options.historySize ?? 10)) this.history.shift();
    if (ok === this.measuredHealthy) {
      this.streak = 0;
      return;
    }
    this.streak += 1;
    if (this.streak >= this.options.failureThreshold) {
      this.measuredHealthy = ok;
      this.streak = 0;
    }
  }

  view(): HealthCheckView {
    return {
      id: this.options.id,
      inverted: this.inverted,
      disabled: this.disabled,
      healthy: this.healthy,
      intervalSeconds: this.options.intervalSeconds,
      failureThreshold: this.options.failureThreshold,
      lastResults: [...this.history],
    };
  }
}

/** One probe of a region's `/health`, as seen by the checker before any inversion. */
export interface CheckResult {
  /** ISO time of the probe. */
  readonly at: string;
  /** What counted: the probe's outcome after `inverted` was applied. */
  readonly ok: boolean;
  /** HTTP status, or null when no response arrived (refused, reset, timeout). */
  readonly status: number | null;
}

/** A region's simulated Route 53 health check as the control API shows it (`GET /state`). */
export interface HealthCheckView {
  readonly id: string;
  readonly inverted: boolean;
  readonly disabled: boolean;
  readonly healthy: boolean;
  readonly intervalSeconds: number;
  readonly failureThreshold: number;
  readonly lastResults: readonly CheckResult[];
}

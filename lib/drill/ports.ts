/**
 * The two small ports the drill engine drives, so AWS and the local sandbox share one code path:
 * a health-check control (find, read, invert) and a traffic prober. Data and alarm checks are optional.
 */

/** One region's health check as the drill found it. */
export interface HealthCheckRef {
  readonly region: string;
  /** Route 53 health check id (AWS) or the region name (sandbox). */
  readonly id: string;
  readonly intervalSeconds: number;
  readonly failureThreshold: number;
  /**
   * What the region's records follow when that is not this check: a CALCULATED check that needs this
   * check and every alarm check healthy (AWS with `healthCheck.itemRouteAlarm`). The drill still inverts
   * this check (`id`), which takes the calculated one, and so the region, out.
   * @default - the records follow this check
   */
  readonly routing?: {
    readonly id: string;
    /** The CLOUDWATCH_METRIC children, one per item-route alarm. */
    readonly alarmChecks: readonly { readonly id: string; readonly alarmName: string }[];
  };
}

/** The health of one region's check at one moment, as the DNS layer sees it. */
export interface CheckStatus {
  readonly region: string;
  /** What routing acts on: inversion applied, and a disabled check counts as healthy (Route 53 semantics). */
  readonly healthy: boolean;
  readonly inverted: boolean;
  readonly disabled: boolean;
  /** Human-readable detail for progress lines, e.g. "15/16 checkers report success". */
  readonly detail: string;
}

/** Finds, reads and inverts the app's health checks. */
export interface HealthCheckControl {
  /** Every region's check; throws NoHealthChecksError naming the regions without one. */
  findChecks(regions: readonly string[]): Promise<ReadonlyMap<string, HealthCheckRef>>;
  status(check: HealthCheckRef): Promise<CheckStatus>;
  /** Inverts (takes out) or un-inverts (restores) a check. Never disables: a disabled check is healthy. */
  setInverted(check: HealthCheckRef, inverted: boolean): Promise<void>;
  /** The routing mode in force, when the target knows it better than the config (the sandbox does). */
  routingMode?(): Promise<'latency' | 'failover'>;
}

/** One request to the public health endpoint. */
export interface ProbeResult {
  /** A 2xx answer. */
  readonly ok: boolean;
  readonly status: number | null;
  /** The `x-region` response header, when there was one. */
  readonly region: string | null;
  readonly error?: string;
}

/** Sends one request to the routed (public) hostname; network failures come back as `ok: false`. */
export interface TrafficProber {
  readonly url: string;
  probe(signal?: AbortSignal): Promise<ProbeResult>;
}

/** A marker written before the drill, to read back from a survivor afterwards (the RPO check). */
export interface DataMarker {
  readonly id: string;
  readonly region: string;
  readonly writtenAt: string;
}

/** Writes a marker in one region and reads it in another. */
export interface DataCheck {
  readonly description: string;
  write(region: string): Promise<DataMarker>;
  /** true when the marker is visible in `region`. */
  read(region: string, marker: DataMarker): Promise<boolean>;
}

/** Names of alarms in ALARM state in a region (read-only). */
export interface AlarmReader {
  alarmsFiring(region: string): Promise<string[]>;
}

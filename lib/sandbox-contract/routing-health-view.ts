/** The item-route alarm as the control API shows it (the sandbox's item-route-alarm.ts computes it). */
export interface ItemRouteAlarmView {
  readonly state: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
  readonly reason: string;
  readonly invocations: number;
  readonly errorRatePercent: number | null;
  readonly averageMs: number | null;
  readonly thresholds: {
    readonly errorRatePercent: number;
    readonly averageLatencyMs: number;
    readonly windowMs: number;
  };
}

/** What Route 53 reports for a CLOUDWATCH_METRIC check while its alarm has insufficient data. */
export type InsufficientDataHealthStatus = 'Healthy' | 'Unhealthy' | 'LastKnownStatus';

/** A region's calculated routing health and its two children. */
export interface RoutingHealthView {
  readonly type: 'CALCULATED';
  /** Both children healthy. */
  readonly healthy: boolean;
  readonly children: {
    /** The Route 53-style check on `/health` (`healthCheck` has the details). */
    readonly health: { readonly healthy: boolean };
    readonly itemRouteAlarm: ItemRouteAlarmView & {
      readonly healthy: boolean;
      /** What the check reports while the alarm has INSUFFICIENT_DATA. */
      readonly insufficientData: InsufficientDataHealthStatus;
    };
  };
}

import type { FunctionFaults } from '../../sandbox-contract/function-faults';

/** Replication from one region into another at one moment. `null`: the target cannot tell. */
export interface ReplicationStatus {
  /** Writes made in the source and not yet applied in the target. */
  readonly pending: number | null;
  /** Age of the oldest pending write, or the last applied write's lag when none is pending. */
  readonly lagMs: number | null;
  /** The pair's replication-latency alarm is in ALARM. */
  readonly alarm: boolean | null;
  readonly alarmThresholdMs: number | null;
}

/**
 * Injects and removes the faults of the chaos scenarios (the sandbox's control API here; AWS Fault
 * Injection Service experiments would implement the same port). Every method that injects has a twin
 * that removes, and removing what is not there is not an error, so restoring is always safe to repeat.
 */
export interface FaultInjector {
  readonly description: string;
  /** Faults in place now, one line each; a scenario refuses to start unless this is empty. */
  activeFaults(regions: readonly string[]): Promise<string[]>;
  pauseReplication(region: string): Promise<void>;
  resumeReplication(region: string): Promise<void>;
  replication(from: string, to: string): Promise<ReplicationStatus>;
  /** Injects faults into the region's item-route functions; null removes them. */
  setFunctionFaults(region: string, faults: FunctionFaults | null): Promise<void>;
  /**
   * The region's routing health when it is a calculated check that also follows the item routes' alarm;
   * null when routing follows `/health` alone (then item-route faults cannot be detected).
   */
  routingHealth?(region: string): Promise<RoutingHealth | null>;
}

/** A calculated routing health: healthy only while `/health` passes and the item-route alarm is OK. */
export interface RoutingHealth {
  readonly healthy: boolean;
  /** One line for progress output, e.g. "/health ok, item-route alarm ALARM (100 % of 12 failed)". */
  readonly detail: string;
  /** The item-route alarm's thresholds, to say what the plan should expect. */
  readonly errorRatePercent: number;
  readonly averageLatencyMs: number;
  readonly windowMs: number;
}

/** One request to an item route through the public (routed) hostname, with how long it took. */
export interface ItemProbeResult {
  readonly ok: boolean;
  readonly status: number | null;
  readonly region: string | null;
  readonly ms: number;
  readonly error?: string;
}

/** Sends authorized requests to an item route through the routed hostname: what users see. */
export interface ItemProber {
  readonly url: string;
  probe(signal?: AbortSignal): Promise<ItemProbeResult>;
}

import type { FunctionFaults } from '../../sandbox/function-faults';

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

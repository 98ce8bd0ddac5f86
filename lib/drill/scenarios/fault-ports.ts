import type { FunctionFaults } from '../../sandbox-contract/function-faults';
import type { ScenarioName } from './names';

/** Replication from one region into another at one moment. `null`: the target cannot tell. */
export interface ReplicationStatus {
  /** Writes made in the source and not yet applied in the target. */
  readonly pending: number | null;
  /** Age of the oldest pending write, or the last applied write's lag when none is pending. */
  readonly lagMs: number | null;
  /** The pair's replication-latency alarm is in ALARM. */
  readonly alarm: boolean | null;
  readonly alarmThresholdMs: number | null;
  /** The pair's replication alarm, to name it in the plan. */
  readonly alarmName?: string | null;
  /**
   * Earliest time after replication stops that the alarm can fire (CloudWatch: period × evaluation
   * periods), when the alarm follows a windowed metric rather than `alarmThresholdMs` of lag.
   */
  readonly alarmWindowMs?: number | null;
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
  /** How this target injects the scenario's fault, for the plan (AWS: the FIS experiment template). */
  injection?(scenario: Exclude<ScenarioName, 'health-check'>, region: string): Promise<Injection>;
  /** The fault the drill injected in `region`, polled while it is held; null when there is none. */
  faultStatus?(region: string): Promise<FaultStatus | null>;
}

/** What injects a scenario's fault on this target. */
export interface Injection {
  /** Plan lines: e.g. the experiment template, its action and parameters, its stop conditions. */
  readonly lines: readonly string[];
  /** Set by the target (a deployed template's parameter); the drill's flags cannot change it. */
  readonly percentage?: number;
  /** Set by the target, like `percentage`. */
  readonly delayMs?: number;
}

/** The state of an injected fault, e.g. a running FIS experiment. */
export interface FaultStatus {
  /** false once the target ended the fault by itself (a stop condition, its maximum duration, a failure). */
  readonly active: boolean;
  /** One line for progress output and findings, e.g. "experiment EXP1 running". */
  readonly detail: string;
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

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FunctionFaults } from './function-faults';
import type { HealthCheckView } from './health-check-view';
import type { RoutingHealthView } from './routing-health-view';

/** How the router (standing in for Route 53 records) picks a region. */
export type RoutingMode = 'latency' | 'failover';

/** Replication progress of one `from->to` pair. */
export interface PairStatus {
  readonly pending: number;
  /** Age of the oldest pending write, or when none is pending the lag of the last applied one. */
  readonly lagMs: number;
  /**
   * The sandbox's stand-in for the pair's ReplicationLatency alarm: true while `lagMs` is above
   * `alarmThresholdMs`. Unlike CloudWatch's (an average over minutes of applied items) it reacts at once.
   */
  readonly alarm?: boolean;
  readonly alarmThresholdMs?: number;
}

/** Recent traffic of one region, as the router saw it. */
export interface TrafficView {
  /** Requests the router sent to the region, per second, over the last `windowSeconds`. */
  readonly requestsPerSecond: number;
  /** Share (0–1) of those requests that failed (a 5xx or no answer); null when there were none. */
  readonly errorRate: number | null;
  readonly windowSeconds: number;
  /** Since the sandbox started. */
  readonly requests: number;
  readonly errors: number;
}

/** One region as the control API reports it. */
export interface RegionState {
  /** The region's API server is running. */
  readonly up: boolean;
  /** The region's table answers. */
  readonly tableUp: boolean;
  readonly healthCheck: HealthCheckView;
  /** Requests the router sent to the region recently (when the console is mounted). */
  readonly traffic?: TrafficView;
  /** Replication to and from this region's replica is paused (the replication-pause scenario). */
  readonly replicationPaused?: boolean;
  /** Faults injected into this region's item-route functions; null when none. */
  readonly functionFaults?: FunctionFaults | null;
  /** What routing acts on when it is a calculated check over `/health` and the item-route alarm. */
  readonly routingHealth?: RoutingHealthView;
}

/**
 * `GET /state`. `Timeline` and `Drill` are what a front end mounted on the control API adds (the console's
 * incident timeline and drill view); the sandbox itself only passes them through.
 */
export interface SandboxState<Timeline = unknown, Drill = unknown> {
  readonly routing: {
    readonly mode: RoutingMode;
    readonly serving: string | null;
    readonly primaryRegion: string;
    readonly latencyMs: Readonly<Record<string, number>>;
    /** Why traffic goes to `serving`, in one sentence. */
    readonly reason?: string;
  };
  readonly regions: Readonly<Record<string, RegionState>>;
  readonly replication: Readonly<Record<string, PairStatus>>;
  /** The last fault or drill with its measured times; null before the first. */
  readonly timeline?: Timeline | null;
  /** The last drill started through `POST /drills`; null before the first. */
  readonly drill?: Drill | null;
}

/** What `POST /drills` asks for; the rest is the CLI's `--target local --execute` defaults. */
export interface DrillRequest {
  /** Region to take out. */
  readonly region: string;
  /** Write a marker before and read it from the survivor (the RPO check). @default true */
  readonly dataCheck?: boolean;
  /** Overall limit. @default the CLI's local default (120 s) */
  readonly timeoutSeconds?: number;
  /** Pause between polls and probes. @default the CLI's local default (500 ms) */
  readonly pollMs?: number;
}

/** What the control API acts on; the sandbox implements it, the console decorates it, tests may fake it. */
export interface SandboxControl<Timeline = unknown, Drill = unknown> {
  readonly regions: readonly string[];
  state(): SandboxState<Timeline, Drill>;
  stopRegion(region: string): Promise<void>;
  startRegion(region: string): Promise<void>;
  failTable(region: string): Promise<void>;
  restoreTable(region: string): Promise<void>;
  updateHealthCheck(region: string, change: { inverted?: boolean; disabled?: boolean }): HealthCheckView;
  /** Runs the drill engine against this sandbox, as `npm run drill -- --target local --execute`. */
  startDrill?(request: DrillRequest): Drill;
  /** Aborts the running drill like Ctrl-C (it restores the check); null when none runs. */
  cancelDrill?(): Drill | null;
  /** Pauses replication to and from `region`'s replica; writes queue until `resumeReplication`. */
  pauseReplication?(region: string): Promise<void>;
  resumeReplication?(region: string): Promise<void>;
  /** Injects faults into `region`'s item-route functions; null clears them. */
  setFunctionFaults?(region: string, faults: FunctionFaults | null): Promise<void>;
}

/** A request the control API refuses with 409 Conflict (a drill already running, for example). */
export class ControlConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** Answers a request the control API does not know itself (the console's page); false passes it on. */
export type ControlRoute = (req: IncomingMessage, res: ServerResponse, path: string) => boolean;

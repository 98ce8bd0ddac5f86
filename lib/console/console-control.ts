import type { AppConfig } from '../config/app-config';
import { localAdaptersFor } from '../drill/main';
import type { SandboxControl, SandboxState } from '../sandbox-contract/control';
import type { FunctionFaults } from '../sandbox-contract/function-faults';
import type { HealthCheckView } from '../sandbox-contract/health-check-view';
import { DrillRunner, type DrillView } from './drill-runner';
import { type FaultAction, IncidentRecorder, type IncidentView } from './incident-recorder';
import { explainRouting } from './routing-reason';
import type { TrafficMeter } from './traffic-meter';

/** `GET /state` with the console mounted: the incident timeline and the last drill are filled in. */
export type ConsoleState = SandboxState<IncidentView, DrillView>;

/** The sandbox's control operations as the console decorates them. */
export type ConsoleSandboxControl = SandboxControl<IncidentView, DrillView>;

/** What the console adds to a sandbox's control operations. */
export interface ConsoleControlOptions {
  /** The sandbox's config with the regions it runs and the primary region it uses. */
  readonly config: Pick<AppConfig, 'appName' | 'regions' | 'primaryRegion' | 'routing'>;
  /** Requests per region, counted by the router. */
  readonly traffic: TrafficMeter;
  /** The sandbox's URLs (known once everything listens); drills use them as the CLI does. */
  readonly endpoints: () => Parameters<typeof localAdaptersFor>[1];
}

/** The decorated control plus the pieces the sandbox wires to its health checker and shutdown. */
export interface ConsoleControl {
  readonly control: ConsoleSandboxControl;
  readonly recorder: IncidentRecorder;
  readonly drills: DrillRunner;
}

/**
 * Wraps the sandbox's control operations: every action still runs the same code, and is also written to
 * the incident timeline; `state()` gains traffic per region, the reason for the routing, the timeline
 * and the last drill; drills run the CLI's engine with its `--target local` adapters.
 */
export function createConsoleControl(inner: SandboxControl, options: ConsoleControlOptions): ConsoleControl {
  const { traffic } = options;
  const recorder = new IncidentRecorder({ snapshot: () => inner.state() });
  const drills = new DrillRunner({
    config: options.config,
    adapters: (dataCheck) => localAdaptersFor(options.config, options.endpoints(), dataCheck),
    onStart: (region) => recorder.drillStarted(region),
    onFinish: (view) => recorder.drillFinished(view.region, drillSummary(view)),
  });
  const recorded =
    (action: FaultAction, run: (region: string) => Promise<void>) =>
    async (region: string): Promise<void> => {
      if (inner.regions.includes(region)) recorder.action(action, region);
      try {
        await run(region);
      } finally {
        recorder.observe();
      }
    };

  const control: ConsoleSandboxControl = {
    regions: inner.regions,
    state(): ConsoleState {
      const s = inner.state();
      const healthy = (r: string) =>
        s.regions[r]?.routingHealth?.healthy ?? s.regions[r]?.healthCheck.healthy ?? false;
      return {
        ...s,
        routing: { ...s.routing, reason: explainRouting({ ...s.routing, regions: inner.regions, healthy }) },
        regions: Object.fromEntries(
          Object.entries(s.regions).map(([r, v]) => [r, { ...v, traffic: traffic.view(r) }]),
        ),
        timeline: recorder.view(),
        drill: drills.view(),
      };
    },
    stopRegion: recorded('stop', (r) => inner.stopRegion(r)),
    startRegion: recorded('start', (r) => inner.startRegion(r)),
    failTable: recorded('table/fail', (r) => inner.failTable(r)),
    restoreTable: recorded('table/restore', (r) => inner.restoreTable(r)),
    updateHealthCheck(region, change): HealthCheckView {
      const before = inner.state().regions[region]?.healthCheck;
      if (before) {
        if (change.inverted !== undefined && change.inverted !== before.inverted) {
          recorder.action(change.inverted ? 'invert' : 'uninvert', region);
        }
        if (change.disabled !== undefined && change.disabled !== before.disabled) {
          recorder.action(change.disabled ? 'disable' : 'enable', region);
        }
      }
      const view = inner.updateHealthCheck(region, change);
      recorder.observe();
      return view;
    },
    ...(inner.pauseReplication && inner.resumeReplication
      ? {
          pauseReplication: recorded(
            'replication/pause',
            (r) => inner.pauseReplication?.(r) ?? Promise.resolve(),
          ),
          resumeReplication: recorded(
            'replication/resume',
            (r) => inner.resumeReplication?.(r) ?? Promise.resolve(),
          ),
        }
      : {}),
    ...(inner.setFunctionFaults
      ? {
          async setFunctionFaults(region: string, faults: FunctionFaults | null): Promise<void> {
            if (inner.regions.includes(region)) {
              if (faults) recorder.action('functions/fault', region, describeFaults(faults));
              else recorder.action('functions/restore', region);
            }
            try {
              await inner.setFunctionFaults?.(region, faults);
            } finally {
              recorder.observe();
            }
          },
        }
      : {}),
    startDrill: (request) => drills.start(request),
    cancelDrill: () => drills.cancel(),
  };
  return { control, recorder, drills };
}

/** One line for the timeline, e.g. "50 % of invocations fail; 100 % start 3000 ms late". */
export function describeFaults(faults: FunctionFaults): string {
  const parts: string[] = [];
  if (faults.errors) {
    const ran = faults.errors.preventExecution === false ? ' after running' : '';
    parts.push(`${faults.errors.invocationPercentage} % of invocations fail${ran}`);
  }
  if (faults.latency) {
    const { invocationPercentage, startupDelayMilliseconds } = faults.latency;
    parts.push(`${invocationPercentage} % start ${startupDelayMilliseconds} ms late`);
  }
  return parts.join('; ');
}

function drillSummary(view: DrillView): string {
  const d = view.report?.durations;
  const s = (ms: number | null | undefined) =>
    ms === null || ms === undefined ? '-' : `${(ms / 1000).toFixed(1)} s`;
  const times = d
    ? `: detect ${s(d.detectMs)}, fail over ${s(d.failoverMs)}, fail back ${s(d.failbackMs)}`
    : '';
  return `drill ${view.status}${times}${view.error ? ` (${view.error})` : ''}`;
}

import type { RoutingMode, SandboxControl, SandboxState } from '../sandbox-contract/control';
import type { HealthChecker } from './health-checker';
import type { AlarmHealthCheck } from './item-route-alarm';
import type { RegionProcess } from './region-process';
import type { RegionTable } from './region-table';
import type { Replicator } from './replicator';

/** The running parts the control operations act on. */
export interface SandboxParts {
  readonly regions: readonly string[];
  readonly processes: ReadonlyMap<string, RegionProcess>;
  readonly tables: ReadonlyMap<string, RegionTable>;
  readonly checker: HealthChecker;
  readonly replicator: Replicator;
  /** Each region's item-route alarm, when routing health is a calculated check over it. @default none */
  readonly alarms?: ReadonlyMap<string, AlarmHealthCheck>;
  readonly routing: {
    readonly mode: RoutingMode;
    readonly primaryRegion: string;
    readonly latencyMs: Readonly<Record<string, number>>;
    readonly serving: () => string | null;
  };
}

/** The control operations over the running parts; the control API and in-process callers share them. */
export function createSandboxControl(parts: SandboxParts): SandboxControl {
  const need = <T>(map: ReadonlyMap<string, T>, region: string): T => {
    const value = map.get(region);
    if (!value) throw new Error(`unknown region "${region}"; regions: ${parts.regions.join(', ')}`);
    return value;
  };
  const { mode, primaryRegion, latencyMs, serving } = parts.routing;
  /** The calculated check over `/health` and the item-route alarm; absent when routing uses `/health` alone. */
  const routingHealth = (r: string) => {
    const check = parts.alarms?.get(r);
    if (!check) return {};
    const alarm = check.evaluate();
    const https = need(parts.checker.checks, r).healthy;
    return {
      routingHealth: {
        type: 'CALCULATED' as const,
        healthy: https && alarm.healthy,
        children: {
          health: { healthy: https },
          itemRouteAlarm: { healthy: alarm.healthy, insufficientData: check.insufficientData, ...alarm.view },
        },
      },
    };
  };
  return {
    regions: parts.regions,
    state(): SandboxState {
      return {
        routing: { mode, serving: serving(), primaryRegion, latencyMs },
        regions: Object.fromEntries(
          parts.regions.map((r) => [
            r,
            {
              up: need(parts.processes, r).up,
              tableUp: need(parts.tables, r).isUp(),
              healthCheck: need(parts.checker.checks, r).view(),
              replicationPaused: parts.replicator.isReplicaPaused(r),
              ...routingHealth(r),
              functionFaults: need(parts.processes, r).faults,
            },
          ]),
        ),
        replication: parts.replicator.status(),
      };
    },
    stopRegion: (r) => need(parts.processes, r).stop(),
    startRegion: (r) => need(parts.processes, r).start(),
    failTable: async (r) => need(parts.tables, r).endpoint?.fail(),
    restoreTable: async (r) => need(parts.tables, r).endpoint?.restore(),
    pauseReplication: async (r) => {
      need(parts.processes, r);
      parts.replicator.pauseReplica(r);
    },
    resumeReplication: async (r) => {
      need(parts.processes, r);
      parts.replicator.resumeReplica(r);
    },
    setFunctionFaults: (r, faults) => need(parts.processes, r).setFaults(faults),
    updateHealthCheck(r, change) {
      const check = need(parts.checker.checks, r);
      if (change.inverted !== undefined) check.inverted = change.inverted;
      if (change.disabled !== undefined) check.disabled = change.disabled;
      return check.view();
    },
  };
}

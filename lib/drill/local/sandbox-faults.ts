import type { FunctionFaults } from '../../sandbox-contract/function-faults';
import type { RoutingHealthView } from '../../sandbox-contract/routing-health-view';
import { DrillError } from '../errors';
import type { FaultInjector, ReplicationStatus, RoutingHealth } from '../scenarios/fault-ports';
import { callControlApi } from './control-api-call';

/** The part of `GET {control}/state` the fault injector reads. */
interface FaultState {
  readonly regions: Readonly<
    Record<
      string,
      {
        readonly replicationPaused?: boolean;
        readonly functionFaults?: FunctionFaults | null;
        readonly routingHealth?: RoutingHealthView;
      }
    >
  >;
  readonly replication: Readonly<
    Record<string, { pending: number; lagMs: number; alarm?: boolean; alarmThresholdMs?: number }>
  >;
}

/** The chaos scenarios' faults in the sandbox, through its control API (docs/SANDBOX.md, "Chaos scenarios"). */
export class SandboxFaultInjector implements FaultInjector {
  readonly description: string;

  constructor(
    private readonly controlUrl: string,
    private readonly timeoutMs = 5000,
  ) {
    this.description = `sandbox control API at ${controlUrl}`;
  }

  async activeFaults(regions: readonly string[]): Promise<string[]> {
    const state = await this.state();
    const found: string[] = [];
    for (const region of regions) {
      const r = state.regions[region];
      if (r?.replicationPaused === undefined) {
        throw new DrillError(
          `The sandbox at ${this.controlUrl} cannot inject faults (no replicationPaused in its state); restart it ` +
            'with this version (npm start)',
        );
      }
      if (r.replicationPaused) found.push(`replication of ${region}'s replica is paused`);
      if (r.functionFaults) found.push(`${region}'s item routes have faults injected`);
    }
    return found;
  }

  async pauseReplication(region: string): Promise<void> {
    await this.call('POST', `/regions/${encodeURIComponent(region)}/replication/pause`);
  }

  async resumeReplication(region: string): Promise<void> {
    await this.call('POST', `/regions/${encodeURIComponent(region)}/replication/resume`);
  }

  async replication(from: string, to: string): Promise<ReplicationStatus> {
    const pair = (await this.state()).replication[`${from}->${to}`];
    if (!pair) throw new DrillError(`The sandbox reports no replication from ${from} to ${to}`);
    return {
      pending: pair.pending,
      lagMs: pair.lagMs,
      alarm: pair.alarm ?? null,
      alarmThresholdMs: pair.alarmThresholdMs ?? null,
    };
  }

  async setFunctionFaults(region: string, faults: FunctionFaults | null): Promise<void> {
    const path = `/regions/${encodeURIComponent(region)}/function-faults`;
    await (faults ? this.call('PUT', path, faults) : this.call('DELETE', path));
  }

  async routingHealth(region: string): Promise<RoutingHealth | null> {
    const view = (await this.state()).regions[region]?.routingHealth;
    if (!view) return null;
    const alarm = view.children.itemRouteAlarm;
    return {
      healthy: view.healthy,
      detail: `/health ${view.children.health.healthy ? 'ok' : 'FAILING'}, item-route alarm ${alarm.state} (${alarm.reason})`,
      errorRatePercent: alarm.thresholds.errorRatePercent,
      averageLatencyMs: alarm.thresholds.averageLatencyMs,
      windowMs: alarm.thresholds.windowMs,
    };
  }

  private state(): Promise<FaultState> {
    return this.call('GET', '/state') as Promise<FaultState>;
  }

  private call(method: string, path: string, body?: unknown): Promise<unknown> {
    return callControlApi(this.controlUrl, this.timeoutMs, method, path, body);
  }
}

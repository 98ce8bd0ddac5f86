import type { RegionState, SandboxState as ServedState } from '../../sandbox-contract/control';
import { DrillError, NoHealthChecksError } from '../errors';
import type { CheckStatus, HealthCheckControl, HealthCheckRef } from '../ports';
import { callControlApi } from './control-api-call';

/**
 * The part of `GET {control}/state` the drill reads, cut from the contract's type so the two cannot drift;
 * `primaryRegion` and `healthCheck` may be missing from an older or partial sandbox.
 */
interface SandboxState {
  readonly routing: Pick<ServedState['routing'], 'mode' | 'serving'> &
    Partial<Pick<ServedState['routing'], 'primaryRegion'>>;
  readonly regions: Readonly<Record<string, Partial<Pick<RegionState, 'healthCheck'>>>>;
}

/** The sandbox's simulated Route 53 health checks, through its control API; same semantics as AWS. */
export class SandboxHealthCheckControl implements HealthCheckControl {
  constructor(
    private readonly controlUrl: string,
    private readonly appName: string,
    private readonly timeoutMs = 5000,
  ) {}

  /**
   * What the sandbox runs, from its state: its regions (it may run fewer than the project config, or
   * another `--config`'s), its primary region (absent from older sandboxes) and its routing mode.
   */
  async running(): Promise<{ regions: string[]; primaryRegion?: string; routing: 'latency' | 'failover' }> {
    const state = await this.state();
    const regions = Object.keys(state.regions ?? {});
    if (regions.length === 0) throw new DrillError(`The sandbox at ${this.controlUrl} runs no regions`);
    const primaryRegion = state.routing.primaryRegion;
    return { regions, ...(primaryRegion ? { primaryRegion } : {}), routing: state.routing.mode };
  }

  async findChecks(regions: readonly string[]): Promise<ReadonlyMap<string, HealthCheckRef>> {
    const state = await this.state();
    const found = new Map<string, HealthCheckRef>();
    const missing: string[] = [];
    for (const region of regions) {
      const hc = state.regions?.[region]?.healthCheck;
      if (!hc) {
        missing.push(region);
        continue;
      }
      found.set(region, {
        region,
        id: hc.id,
        intervalSeconds: hc.intervalSeconds,
        failureThreshold: hc.failureThreshold,
      });
    }
    if (missing.length > 0) {
      throw new NoHealthChecksError(this.appName, missing, `the sandbox at ${this.controlUrl} has none`);
    }
    return found;
  }

  async status(check: HealthCheckRef): Promise<CheckStatus> {
    const hc = (await this.state()).regions?.[check.region]?.healthCheck;
    if (!hc) throw new NoHealthChecksError(this.appName, [check.region], `the sandbox has none`);
    const recent = hc.lastResults ?? [];
    const ok = recent.filter((r) => r.ok).length;
    return {
      region: check.region,
      healthy: hc.healthy,
      inverted: hc.inverted,
      disabled: hc.disabled,
      detail: `${ok}/${recent.length} recent checks ok${hc.inverted ? ' (inverted)' : ''}`,
    };
  }

  async setInverted(check: HealthCheckRef, inverted: boolean): Promise<void> {
    await this.call('PUT', `/health-checks/${encodeURIComponent(check.region)}`, { inverted });
  }

  async routingMode(): Promise<'latency' | 'failover'> {
    return (await this.state()).routing.mode;
  }

  private state(): Promise<SandboxState> {
    return this.call('GET', '/state') as Promise<SandboxState>;
  }

  private call(method: string, path: string, body?: unknown): Promise<unknown> {
    return callControlApi(this.controlUrl, this.timeoutMs, method, path, body);
  }
}

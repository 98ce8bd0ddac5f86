import {
  GetHealthCheckStatusCommand,
  type HealthCheck,
  ListHealthChecksCommand,
  ListTagsForResourcesCommand,
  type Route53Client,
  UpdateHealthCheckCommand,
} from '@aws-sdk/client-route-53';
import { NoHealthChecksError } from '../errors';
import type { CheckStatus, HealthCheckControl, HealthCheckRef } from '../ports';
import { endpointConsensus } from './checker-consensus';

type ListedCheck = HealthCheck & { Id: string };

/** ListTagsForResources takes at most 10 ids per call. */
const TAG_BATCH = 10;

/**
 * The deployed app's Route 53 health checks, found by their `AppName` / `AppRegion` tags.
 * Takes a region out by setting `Inverted`, never `Disabled`: Route 53 treats a disabled check as healthy,
 * so disabling would leave the region in rotation and the drill would prove nothing.
 */
export class Route53HealthCheckControl implements HealthCheckControl {
  /** Inverted/Disabled as last read or written, so status can undo the inversion of the checkers' view. */
  private readonly flags = new Map<string, { inverted: boolean; disabled: boolean }>();

  constructor(
    private readonly route53: Route53Client,
    private readonly appName: string,
  ) {}

  async findChecks(regions: readonly string[]): Promise<ReadonlyMap<string, HealthCheckRef>> {
    const all = await this.listAll();
    const tagged = new Map<string, ListedCheck[]>();
    for (let i = 0; i < all.length; i += TAG_BATCH) {
      const batch = all.slice(i, i + TAG_BATCH);
      const out = await this.route53.send(
        new ListTagsForResourcesCommand({ ResourceType: 'healthcheck', ResourceIds: batch.map((h) => h.Id) }),
      );
      for (const set of out.ResourceTagSets ?? []) {
        const tags = new Map((set.Tags ?? []).map((t) => [t.Key, t.Value]));
        const region = tags.get('AppRegion');
        const check = batch.find((h) => h.Id === set.ResourceId);
        if (tags.get('AppName') !== this.appName || !region || !check) continue;
        tagged.set(region, [...(tagged.get(region) ?? []), check]);
      }
    }
    const found = new Map<string, HealthCheckRef>();
    const missing: string[] = [];
    for (const region of regions) {
      const checks = tagged.get(region) ?? [];
      if (checks.length === 0) {
        missing.push(region);
        continue;
      }
      if (checks.length > 1) {
        throw new NoHealthChecksError(
          this.appName,
          [region],
          `found ${checks.length}: ${checks.map((c) => c.Id).join(', ')}; expected exactly one`,
        );
      }
      const { Id, HealthCheckConfig: c } = checks[0];
      this.flags.set(Id, { inverted: c?.Inverted === true, disabled: c?.Disabled === true });
      found.set(region, {
        region,
        id: Id,
        intervalSeconds: c?.RequestInterval ?? 30,
        failureThreshold: c?.FailureThreshold ?? 3,
      });
    }
    if (missing.length > 0) {
      throw new NoHealthChecksError(
        this.appName,
        missing,
        `looked for Route 53 health checks tagged AppName=${this.appName} and AppRegion=<region>`,
      );
    }
    return found;
  }

  async status(check: HealthCheckRef): Promise<CheckStatus> {
    const out = await this.route53.send(new GetHealthCheckStatusCommand({ HealthCheckId: check.id }));
    const reports = (out.HealthCheckObservations ?? []).map((o) => ({
      status: o.StatusReport?.Status ?? '',
    }));
    const endpoint = endpointConsensus(reports);
    const { inverted, disabled } = this.flags.get(check.id) ?? { inverted: false, disabled: false };
    // Checkers report what the endpoint answered; Route 53 applies Inverted (and Disabled) on top of that.
    const healthy = disabled || endpoint.healthy !== inverted;
    return {
      region: check.region,
      healthy,
      inverted,
      disabled,
      detail: endpoint.detail + (inverted ? ' (inverted)' : ''),
    };
  }

  async setInverted(check: HealthCheckRef, inverted: boolean): Promise<void> {
    await this.route53.send(new UpdateHealthCheckCommand({ HealthCheckId: check.id, Inverted: inverted }));
    const disabled = this.flags.get(check.id)?.disabled ?? false;
    this.flags.set(check.id, { inverted, disabled });
  }

  private async listAll(): Promise<ListedCheck[]> {
    const checks: ListedCheck[] = [];
    let marker: string | undefined;
    do {
      const out = await this.route53.send(new ListHealthChecksCommand({ Marker: marker }));
      for (const h of out.HealthChecks ?? []) if (h.Id) checks.push({ ...h, Id: h.Id });
      marker = out.IsTruncated ? out.NextMarker : undefined;
    } while (marker);
    return checks;
  }
}

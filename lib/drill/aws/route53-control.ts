import {
  GetHealthCheckStatusCommand,
  type HealthCheck,
  ListHealthChecksCommand,
  ListTagsForResourcesCommand,
  type Route53Client,
  UpdateHealthCheckCommand,
} from '@aws-sdk/client-route-53';
import { DrillError, NoHealthChecksError } from '../errors';
import type { CheckStatus, HealthCheckControl, HealthCheckRef } from '../ports';
import { endpointConsensus } from './checker-consensus';

type ListedCheck = HealthCheck & { Id: string };

/** ListTagsForResources takes at most 10 ids per call. */
const TAG_BATCH = 10;

/** Checks that probe an endpoint (the `/health` check); the others watch alarms or other checks. */
const ENDPOINT_TYPES = new Set(['HTTP', 'HTTPS', 'HTTP_STR_MATCH', 'HTTPS_STR_MATCH', 'TCP']);

/**
 * The deployed app's Route 53 health checks, found by their `AppName` / `AppRegion` tags: per region the
 * `/health` check and, when routing follows one, the CALCULATED check over it and the item-route alarm
 * checks. Takes a region out by setting `Inverted` on the `/health` check, never `Disabled`: Route 53 treats
 * a disabled check as healthy, so disabling would leave the region in rotation and the drill would prove
 * nothing. With a calculated check that needs all children healthy, the inverted child takes it out too.
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
      // The region's CALCULATED routing check and its CLOUDWATCH_METRIC children carry the same tags.
      const endpoints = checks.filter((c) => ENDPOINT_TYPES.has(c.HealthCheckConfig?.Type ?? ''));
      if (endpoints.length === 0) {
        missing.push(region);
        continue;
      }
      if (endpoints.length > 1) {
        throw new NoHealthChecksError(
          this.appName,
          [region],
          `found ${endpoints.length}: ${endpoints.map((c) => c.Id).join(', ')}; expected exactly one`,
        );
      }
      const { Id, HealthCheckConfig: c } = endpoints[0];
      this.flags.set(Id, { inverted: c?.Inverted === true, disabled: c?.Disabled === true });
      const routing = this.routingOf(region, Id, checks);
      found.set(region, {
        region,
        id: Id,
        intervalSeconds: c?.RequestInterval ?? 30,
        failureThreshold: c?.FailureThreshold ?? 3,
        ...(routing ? { routing } : {}),
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

  /**
   * The region's CALCULATED check, when there is one. Inverting the `/health` check takes the region out
   * only if the calculated check lists it and needs every child healthy (HealthThreshold = children, as
   * lib/constructs/health-routing.ts creates it); anything else is refused rather than drilled.
   */
  private routingOf(
    region: string,
    endpointId: string,
    checks: readonly ListedCheck[],
  ): HealthCheckRef['routing'] {
    const calculated = checks.filter((c) => c.HealthCheckConfig?.Type === 'CALCULATED');
    if (calculated.length === 0) return undefined;
    const [parent] = calculated;
    const children = parent.HealthCheckConfig?.ChildHealthChecks ?? [];
    const threshold = parent.HealthCheckConfig?.HealthThreshold ?? 0;
    if (calculated.length > 1 || !children.includes(endpointId) || threshold < children.length) {
      throw new DrillError(
        `The routing health of ${region} is not what the drill expects: ` +
          `${calculated.length} calculated check(s) (${calculated.map((c) => c.Id).join(', ')}); it needs exactly one ` +
          `that lists the /health check ${endpointId} and requires all its children healthy ` +
          `(HealthThreshold ${threshold} of ${children.length}). Deploy the app with this config.`,
      );
    }
    const byId = new Map(checks.map((c) => [c.Id, c]));
    const alarmChecks = children
      .filter((id) => id !== endpointId)
      .map((id) => ({ id, alarmName: byId.get(id)?.HealthCheckConfig?.AlarmIdentifier?.Name ?? id }));
    return { id: parent.Id, alarmChecks };
  }

  async status(check: HealthCheckRef): Promise<CheckStatus> {
    const endpoint = await this.observed(check.id);
    const { inverted, disabled } = this.flags.get(check.id) ?? { inverted: false, disabled: false };
    // Checkers report what the endpoint answered; Route 53 applies Inverted (and Disabled) on top of that.
    const healthy = disabled || endpoint.healthy !== inverted;
    const https = endpoint.detail + (inverted ? ' (inverted)' : '');
    if (!check.routing) return { region: check.region, healthy, inverted, disabled, detail: https };
    // GetHealthCheckStatus refuses calculated checks ("You can't use GetHealthCheckStatus to get the status
    // of a calculated health check", Route 53 API Reference), so the parent is worked out from its
    // children: healthy only while every one is (HealthThreshold = number of children).
    const n = check.routing.alarmChecks.length;
    if (!healthy) {
      // Out already: skip the other children. Route 53 refills an account's API budget at 10 requests a
      // second (Developer Guide, "Throttling for Amazon Route 53 API requests"); each child is one request.
      const detail = `routing health = calculated(https: ${https}; item-route alarms: ${n} not read)`;
      return { region: check.region, healthy, inverted, disabled, detail };
    }
    const failing: string[] = [];
    for (const a of check.routing.alarmChecks) {
      if (!(await this.observed(a.id)).healthy) failing.push(a.alarmName);
    }
    const alarms =
      failing.length === 0
        ? `${n}/${n} healthy`
        : `${n - failing.length}/${n} healthy, unhealthy: ${failing.join(', ')}`;
    return {
      region: check.region,
      healthy: healthy && failing.length === 0,
      inverted,
      disabled,
      detail: `routing health = calculated(https: ${https}; item-route alarms: ${alarms})`,
    };
  }

  /** One check as its checkers see it (the same consensus for an alarm check's reports). */
  private async observed(id: string): Promise<{ healthy: boolean; detail: string }> {
    const out = await this.route53.send(new GetHealthCheckStatusCommand({ HealthCheckId: id }));
    return endpointConsensus(
      (out.HealthCheckObservations ?? []).map((o) => ({ status: o.StatusReport?.Status ?? '' })),
    );
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

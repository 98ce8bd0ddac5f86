import {
  GetHealthCheckStatusCommand,
  ListHealthChecksCommand,
  ListTagsForResourcesCommand,
  Route53Client,
  UpdateHealthCheckCommand,
} from '@aws-sdk/client-route-53';
import { mockClient } from 'aws-sdk-client-mock';
import { parseConfig } from '../../../lib/config/app-config';
import type { Clock } from '../../../lib/drill/clock';
import type { ProbeResult, TrafficProber } from '../../../lib/drill/ports';

/** Virtual time: sleeping advances the clock at once, so a 15-minute drill runs in milliseconds. */
export class FakeClock implements Clock {
  t = Date.parse('2026-11-27T12:00:00.000Z');
  now(): number {
    return this.t;
  }
  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw signal.reason;
    this.t += ms;
    await Promise.resolve();
  }
}

export const CONFIG = parseConfig({
  appName: 'active-active',
  account: '111111111111',
  regions: ['us-east-1', 'eu-west-1'],
  primaryRegion: 'us-east-1',
  routing: 'latency',
  domainName: 'api.example.com',
  hostedZoneId: 'Z0123456789EXAMPLE',
  hostedZoneName: 'example.com',
  healthCheck: { intervalSeconds: 10, failureThreshold: 3 },
});

/** A prober whose answers a test scripts. */
export class ScriptedProber implements TrafficProber {
  readonly url = 'https://api.example.com/health';
  calls = 0;
  constructor(private readonly answer: () => ProbeResult) {}
  async probe(): Promise<ProbeResult> {
    this.calls++;
    return this.answer();
  }
}

export const served = (region: string): ProbeResult => ({ ok: true, status: 200, region });

export const HC_IDS: Record<string, string> = { 'us-east-1': 'hc-use1', 'eu-west-1': 'hc-euw1' };

/** `n` checker observations, `ok` of them reporting success, as GetHealthCheckStatus returns them. */
export function observations(ok: number, n = 16) {
  return Array.from({ length: n }, (_, i) => ({
    Region: 'us-east-1' as const,
    IPAddress: `15.177.0.${i}`,
    StatusReport: {
      Status: i < ok ? 'Success: HTTP Status Code 200, OK' : 'Failure: HTTP Status Code 503',
      CheckedTime: new Date(),
    },
  }));
}

/**
 * A Route 53 account holding the app's two tagged checks plus an unrelated one. Endpoints stay healthy
 * (checkers keep reporting success); UpdateHealthCheck records the Inverted flag per check.
 */
export function mockRoute53(clock: FakeClock) {
  const r53 = mockClient(Route53Client);
  const inverted = new Map<string, { value: boolean; at: number }>();
  const check = (Id: string, fqdn: string) => ({
    Id,
    CallerReference: Id,
    HealthCheckVersion: 1,
    HealthCheckConfig: {
      Type: 'HTTPS' as const,
      FullyQualifiedDomainName: fqdn,
      ResourcePath: '/health',
      RequestInterval: 10,
      FailureThreshold: 3,
      Inverted: false,
      Disabled: false,
    },
  });
  const listed = {
    HealthChecks: [
      check('hc-other', 'www.example.org'),
      check(HC_IDS['us-east-1'], 'us-east-1.api.example.com'),
      check(HC_IDS['eu-west-1'], 'eu-west-1.api.example.com'),
    ],
    IsTruncated: false,
    Marker: '',
    MaxItems: 100,
  };
  r53.on(ListHealthChecksCommand).resolves(listed);
  const tags = (id: string, app: string, region: string) => ({
    ResourceType: 'healthcheck' as const,
    ResourceId: id,
    Tags: [
      { Key: 'AppName', Value: app },
      { Key: 'AppRegion', Value: region },
    ],
  });
  r53.on(ListTagsForResourcesCommand).resolves({
    ResourceTagSets: [
      tags('hc-other', 'someone-else', 'us-east-1'),
      tags(HC_IDS['us-east-1'], 'active-active', 'us-east-1'),
      tags(HC_IDS['eu-west-1'], 'active-active', 'eu-west-1'),
    ],
  });
  r53.on(GetHealthCheckStatusCommand).resolves({ HealthCheckObservations: observations(16) });
  r53.on(UpdateHealthCheckCommand).callsFake((input: { HealthCheckId: string; Inverted?: boolean }) => {
    inverted.set(input.HealthCheckId, { value: input.Inverted === true, at: clock.now() });
    return { HealthCheck: check(input.HealthCheckId, 'x') };
  });
  /** True while `region` is inverted or less than `ms` have passed since it was restored. */
  const stillOut = (region: string, ms: number) => {
    const s = inverted.get(HC_IDS[region]);
    if (s === undefined) return false;
    return s.value ? clock.now() - s.at >= ms : clock.now() - s.at < ms;
  };
  return { r53, inverted, stillOut, listed };
}

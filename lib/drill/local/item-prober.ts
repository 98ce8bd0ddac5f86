import { type ProbeResource, probeResource } from '../../routes/probe-resource';
import { DrillError } from '../errors';
import type { ItemProbeResult, ItemProber } from '../scenarios/fault-ports';

/**
 * `GET {router}/<collection>?limit=1` (the list route of {@link probeResource}, `/items`) with a sandbox token: an item route as users reach it, through the router.
 * The token is fetched once from the sandbox's identity provider for the user `drill`.
 */
export class SandboxItemProber implements ItemProber {
  readonly url: string;
  private token: string | undefined;

  constructor(
    routerUrl: string,
    private readonly issuer: string,
    /** Per-request limit; a slower answer counts as failed. @default 35000 (API Gateway's 29 s + margin) */
    private readonly timeoutMs = 35_000,
    private readonly now: () => number = Date.now,
    resource: ProbeResource = probeResource(),
  ) {
    this.url = `${routerUrl.replace(/\/$/, '')}${resource.collectionPath}?limit=1`;
  }

  async probe(signal?: AbortSignal): Promise<ItemProbeResult> {
    const token = await this.accessToken();
    const started = this.now();
    try {
      const res = await fetch(this.url, {
        headers: { authorization: `Bearer ${token}`, 'cache-control': 'no-cache' },
        signal: signal
          ? AbortSignal.any([signal, AbortSignal.timeout(this.timeoutMs)])
          : AbortSignal.timeout(this.timeoutMs),
      });
      await res.arrayBuffer();
      return {
        ok: res.status >= 200 && res.status < 300,
        status: res.status,
        region: res.headers.get('x-region'),
        ms: this.now() - started,
      };
    } catch (e) {
      return { ok: false, status: null, region: null, ms: this.now() - started, error: (e as Error).message };
    }
  }

  private async accessToken(): Promise<string> {
    if (this.token) return this.token;
    const res = await fetch(`${this.issuer.replace(/\/$/, '')}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'drill', groups: [] }),
      signal: AbortSignal.timeout(5000),
    }).catch((e: Error) => {
      throw new DrillError(`Cannot reach the sandbox issuer at ${this.issuer} (${e.message})`);
    });
    if (!res.ok) throw new DrillError(`The sandbox issuer answered ${res.status} for a token`);
    this.token = ((await res.json()) as { access_token: string }).access_token;
    return this.token;
  }
}

import { type ProbeResource, probeResource } from '../routes/probe-resource';
import type { ItemProbeResult, ItemProber } from './scenarios/fault-ports';

/**
 * `GET {base}/<collection>?limit=1` (the list route of {@link probeResource}, `/items`) with a bearer token:
 * an item route as users reach it, through the routed hostname. The token is fetched once, on first use.
 */
export class HttpItemProber implements ItemProber {
  readonly url: string;
  private token: string | undefined;

  constructor(
    baseUrl: string,
    private readonly fetchToken: () => Promise<string>,
    /** Per-request limit; a slower answer counts as failed. @default 35000 (API Gateway's 29 s + margin) */
    private readonly timeoutMs = 35_000,
    private readonly now: () => number = Date.now,
    resource: ProbeResource = probeResource(),
  ) {
    this.url = `${baseUrl.replace(/\/$/, '')}${resource.collectionPath}?limit=1`;
  }

  async probe(signal?: AbortSignal): Promise<ItemProbeResult> {
    this.token ??= await this.fetchToken();
    const started = this.now();
    try {
      const res = await fetch(this.url, {
        headers: { authorization: `Bearer ${this.token}`, 'cache-control': 'no-cache' },
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
}

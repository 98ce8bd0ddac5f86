import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { ProbeResult, TrafficProber } from './ports';

/**
 * Probes `GET <url>` and reads `x-region`. Every probe opens a fresh connection (`agent: false`): a pooled
 * keep-alive connection would stay pinned to the old region and hide the DNS change the drill measures.
 */
export class HttpTrafficProber implements TrafficProber {
  constructor(
    public readonly url: string,
    /** Per-request limit; a slower answer counts as a failed probe. @default 5000 */
    private readonly timeoutMs = 5000,
  ) {}

  probe(signal?: AbortSignal): Promise<ProbeResult> {
    const target = new URL(this.url);
    const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<ProbeResult>((resolve) => {
      const fail = (error: string, status: number | null = null) =>
        resolve({ ok: false, status, region: null, error });
      const req = request(
        target,
        {
          method: 'GET',
          agent: false,
          timeout: this.timeoutMs,
          headers: { 'cache-control': 'no-cache' },
          signal,
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            const header = res.headers['x-region'];
            const region = (Array.isArray(header) ? header[0] : header) ?? null;
            resolve({ ok: status >= 200 && status < 300, status, region });
          });
          res.on('error', (e) => fail(e.message, res.statusCode ?? null));
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no answer within ${this.timeoutMs} ms`)));
      req.on('error', (e) => fail(e.message));
      req.end();
    });
  }
}

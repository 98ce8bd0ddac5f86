import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

/** One kind of request the loop sends; `body` is called per request so creates can differ. */
export interface LoadRequest {
  readonly method: 'GET' | 'POST';
  /** Absolute http:// URL on loopback. */
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: (n: number) => unknown;
  /** Status that counts as success. */
  readonly expectStatus: number;
}

export interface LoadOptions {
  /** Requests in flight at once (one keep-alive connection each). */
  readonly connections: number;
  /** The loop stops sending after this long; in-flight requests still finish. */
  readonly durationMs: number;
  /** Per-request limit; a slower answer counts as an error. @default 5000 */
  readonly timeoutMs?: number;
}

export interface LoadResult {
  readonly requests: number;
  readonly errors: number;
  readonly elapsedMs: number;
  /** Successful requests per second. */
  readonly throughput: number;
  /** Latency of each successful request, in ms. */
  readonly latencies: number[];
  /** First few error descriptions, to say why. */
  readonly sampleErrors: string[];
}

function send(
  agent: Agent,
  spec: LoadRequest,
  n: number,
  timeoutMs: number,
): Promise<{ ok: boolean; why?: string }> {
  const payload = spec.body ? Buffer.from(JSON.stringify(spec.body(n))) : undefined;
  return new Promise((resolve) => {
    const req = request(
      spec.url,
      {
        method: spec.method,
        agent,
        timeout: timeoutMs,
        headers: {
          ...spec.headers,
          ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => {
          const ok = res.statusCode === spec.expectStatus;
          resolve(ok ? { ok } : { ok, why: `status ${res.statusCode}` });
        });
        res.on('error', (e) => resolve({ ok: false, why: e.message }));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (e) => resolve({ ok: false, why: e.message }));
    req.end(payload);
  });
}

/**
 * A closed-loop load generator: `connections` workers each send the next request as soon as the last
 * one answered, until `durationMs` has passed. Bounded in time, loopback only, no dependency.
 */
export async function runLoad(spec: LoadRequest, options: LoadOptions): Promise<LoadResult> {
  const url = new URL(spec.url);
  if (url.protocol !== 'http:' || !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
    throw new Error(`the bench only loads loopback http:// URLs, got ${spec.url}`);
  }
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const timeoutMs = options.timeoutMs ?? 5000;
  const latencies: number[] = [];
  const sampleErrors: string[] = [];
  let requests = 0;
  let errors = 0;
  const start = performance.now();
  const until = start + options.durationMs;
  const worker = async () => {
    while (performance.now() < until) {
      const n = requests++;
      const t0 = performance.now();
      const r = await send(agent, spec, n, timeoutMs);
      if (r.ok) latencies.push(performance.now() - t0);
      else {
        errors++;
        if (sampleErrors.length < 3 && r.why) sampleErrors.push(r.why);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: options.connections }, worker));
  } finally {
    agent.destroy();
  }
  const elapsedMs = performance.now() - start;
  return {
    requests,
    errors,
    elapsedMs,
    throughput: (latencies.length / elapsedMs) * 1000,
    latencies,
    sampleErrors,
  };
}

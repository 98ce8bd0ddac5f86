import { Agent, request } from 'node:http';

/** One client request seen during a drill: when it started and ended (epoch ms) and whether it worked. */
export interface ClientRequest {
  readonly start: number;
  readonly end: number;
  readonly ok: boolean;
}

/** Failed requests that started at or after `since` (epoch ms): the ones a completed switch must spare. */
export function failedSince(requests: readonly ClientRequest[], since: number): number {
  return requests.filter((r) => r.start >= since && !r.ok).length;
}

function get(agent: Agent, url: string, headers: Record<string, string>): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(url, { agent, headers, timeout: 5000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode === 200));
      res.on('error', () => resolve(false));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
    req.end();
  });
}

/**
 * A steady client: `GET url` back to back over keep-alive connections (as a real client would) until
 * `stop()`, which resolves to every request made.
 */
export function startClientTraffic(
  url: string,
  headers: Record<string, string>,
  connections = 2,
): { stop(): Promise<ClientRequest[]> } {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const requests: ClientRequest[] = [];
  let running = true;
  const worker = async () => {
    while (running) {
      const start = Date.now();
      const ok = await get(agent, url, headers);
      requests.push({ start, end: Date.now(), ok });
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  const workers = Promise.all(Array.from({ length: connections }, worker));
  return {
    stop: async () => {
      running = false;
      await workers;
      agent.destroy();
      return requests;
    },
  };
}

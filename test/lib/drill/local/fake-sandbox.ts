import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SandboxEndpoints } from '../../../../lib/drill/local/endpoints';
import type { SandboxState } from '../../../../lib/sandbox-contract/control';

/**
 * A stand-in for the sandbox's control API, router, issuer and regional APIs on 127.0.0.1:0, holding
 * just enough state for the drill: inverting a check makes it unhealthy after `flipAfterPolls` state reads,
 * and the router serves the first healthy region in `regions` order.
 */
export interface FakeSandbox {
  readonly endpoints: SandboxEndpoints;
  readonly requests: string[];
  readonly checks: Record<string, { inverted: boolean; disabled: boolean; healthy: boolean }>;
  stop(): Promise<void>;
}

export async function startFakeSandbox(
  options: {
    regions?: string[];
    mode?: 'latency' | 'failover';
    /** @default regions[0] */
    primaryRegion?: string;
    flipAfterPolls?: number;
    unhealthy?: string[];
  } = {},
): Promise<FakeSandbox> {
  const regions = options.regions ?? ['us-east-1', 'eu-west-1'];
  const flipAfter = options.flipAfterPolls ?? 2;
  const requests: string[] = [];
  const checks: FakeSandbox['checks'] = {};
  const pending: Record<string, number> = {};
  for (const r of regions) {
    checks[r] = { inverted: false, disabled: false, healthy: !options.unhealthy?.includes(r) };
  }
  const items = new Map<string, unknown>();
  const servers: Server[] = [];

  const listen = async (handler: (req: IncomingMessage, body: string, res: ServerResponse) => void) => {
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => handler(req, body, res));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };
  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
  const serving = () => regions.find((r) => checks[r].healthy) ?? null;

  const control = await listen((req, body, res) => {
    requests.push(`${req.method} ${req.url}`);
    if (req.method === 'GET' && req.url === '/state') {
      // Status follows an inversion only after a few reads, like a real check needing `threshold` results.
      for (const r of regions) {
        if (pending[r] !== undefined && --pending[r] <= 0) {
          checks[r].healthy = !checks[r].inverted;
          delete pending[r];
        }
      }
      const state = {
        routing: {
          mode: options.mode ?? 'latency',
          serving: serving(),
          primaryRegion: options.primaryRegion ?? regions[0],
          latencyMs: Object.fromEntries(regions.map((r, i) => [r, 10 + 50 * i])),
        },
        regions: Object.fromEntries(
          regions.map((r) => [
            r,
            {
              up: true,
              tableUp: true,
              healthCheck: {
                id: r,
                ...checks[r],
                intervalSeconds: 1,
                failureThreshold: 2,
                lastResults: [{ at: new Date().toISOString(), ok: true, status: 200 }],
              },
            },
          ]),
        ),
        replication: {},
      } satisfies SandboxState;
      json(res, 200, state);
      return;
    }
    const m = /^\/health-checks\/([a-z0-9-]+)$/.exec(req.url ?? '');
    if (req.method === 'PUT' && m && checks[m[1]]) {
      const patch = JSON.parse(body) as { inverted?: boolean };
      if (patch.inverted !== undefined && patch.inverted !== checks[m[1]].inverted) {
        checks[m[1]].inverted = patch.inverted;
        pending[m[1]] = flipAfter;
      }
      json(res, 200, { id: m[1], ...checks[m[1]] });
      return;
    }
    json(res, 404, { title: 'Not Found' });
  });
  const router = await listen((req, _body, res) => {
    const region = serving();
    if (!region) json(res, 503, { status: 'down' });
    else json(res, 200, { status: 'ok', region }, { 'x-region': region });
    void req;
  });
  const issuer = await listen((req, _body, res) => {
    if (req.method === 'POST' && req.url === '/token')
      json(res, 200, { access_token: 'tok', id_token: 'id' });
    else json(res, 404, {});
  });
  const regionUrls: Record<string, string> = {};
  for (const r of regions) {
    regionUrls[r] = await listen((req, body, res) => {
      requests.push(`${r} ${req.method} ${req.url} ${req.headers.authorization ?? ''}`);
      if (req.headers.authorization !== 'Bearer tok') return json(res, 401, { title: 'Unauthorized' });
      if (req.method === 'POST' && req.url === '/items') {
        const id = `item-${items.size + 1}`;
        items.set(id, { id, ...JSON.parse(body) });
        return json(res, 201, items.get(id), { 'x-region': r });
      }
      const g = /^\/items\/(.+)$/.exec(req.url ?? '');
      if (req.method === 'GET' && g) {
        return items.has(g[1]) ? json(res, 200, items.get(g[1])) : json(res, 404, { title: 'Not Found' });
      }
      json(res, 404, {});
    });
  }
  return {
    endpoints: { router, control, issuer, regions: regionUrls },
    requests,
    checks,
    stop: async () => {
      for (const s of servers) s.closeAllConnections();
      await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
    },
  };
}

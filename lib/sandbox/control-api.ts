import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { z } from 'zod';
import type { HealthCheckView } from './health-check';
import { closeServer, listen, problem, readBody, sendJson, sendProblem } from './http-util';
import type { PairStatus } from './replicator';
import type { RoutingMode } from './routing-policy';

/** One region as the control API reports it. */
export interface RegionState {
  /** The region's API server is running. */
  readonly up: boolean;
  /** The region's table answers. */
  readonly tableUp: boolean;
  readonly healthCheck: HealthCheckView;
}

/** `GET /state` (CONTRACT.md). */
export interface SandboxState {
  readonly routing: {
    readonly mode: RoutingMode;
    readonly serving: string | null;
    readonly primaryRegion: string;
    readonly latencyMs: Readonly<Record<string, number>>;
  };
  readonly regions: Readonly<Record<string, RegionState>>;
  readonly replication: Readonly<Record<string, PairStatus>>;
}

/** What the control API acts on; the sandbox implements it, tests may fake it. */
export interface SandboxControl {
  readonly regions: readonly string[];
  state(): SandboxState;
  stopRegion(region: string): Promise<void>;
  startRegion(region: string): Promise<void>;
  failTable(region: string): Promise<void>;
  restoreTable(region: string): Promise<void>;
  updateHealthCheck(region: string, change: { inverted?: boolean; disabled?: boolean }): HealthCheckView;
}

const healthCheckChange = z.strictObject({
  inverted: z.boolean().optional(),
  disabled: z.boolean().optional(),
});

/**
 * The JSON API the drill (`--target local`) and the console use to read the sandbox and inject faults:
 * GET /state; POST /regions/{r}/stop|start; POST /regions/{r}/table/fail|restore;
 * PUT /health-checks/{r} with `{ "inverted"?, "disabled"? }`.
 */
export async function startControlApi(control: SandboxControl, port = 0) {
  const actions: Record<string, (region: string) => Promise<void>> = {
    stop: (r) => control.stopRegion(r),
    start: (r) => control.startRegion(r),
    'table/fail': (r) => control.failTable(r),
    'table/restore': (r) => control.restoreTable(r),
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname.replace(/\/$/, '');
    const method = req.method ?? 'GET';
    if (path === '/state' && method === 'GET') {
      sendJson(res, 200, control.state(), { 'cache-control': 'no-store' });
      return;
    }
    const regionAction = /^\/regions\/([^/]+)\/(stop|start|table\/fail|table\/restore)$/.exec(path);
    const healthCheck = /^\/health-checks\/([^/]+)$/.exec(path);
    const region = decodeURIComponent((regionAction ?? healthCheck)?.[1] ?? '');
    if ((regionAction || healthCheck) && !control.regions.includes(region)) {
      sendProblem(
        res,
        problem(404, 'Not Found', `unknown region "${region}"; regions: ${control.regions.join(', ')}`),
      );
      return;
    }
    if (regionAction && method === 'POST') {
      await actions[regionAction[2]](region);
      sendJson(res, 200, control.state().regions[region]);
      return;
    }
    if (healthCheck && method === 'PUT') {
      let raw: unknown;
      try {
        raw = JSON.parse((await readBody(req, 64 * 1024)).toString('utf8') || '{}');
      } catch {
        sendProblem(
          res,
          problem(400, 'Bad Request', 'body must be JSON: {"inverted"?: bool, "disabled"?: bool}'),
        );
        return;
      }
      const parsed = healthCheckChange.safeParse(raw);
      if (!parsed.success) {
        const detail = parsed.error.issues
          .map((i) => `${i.path.join('.') || 'body'}: ${i.message}`)
          .join('; ');
        sendProblem(res, problem(400, 'Bad Request', detail));
        return;
      }
      sendJson(res, 200, control.updateHealthCheck(region, parsed.data));
      return;
    }
    if (regionAction || healthCheck || path === '/state') {
      sendProblem(res, problem(405, 'Method Not Allowed', `${method} is not supported on ${path}`));
      return;
    }
    sendProblem(res, problem(404, 'Not Found', `no ${method} ${path}; see docs/SANDBOX.md`));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: Error) => sendProblem(res, problem(500, 'Internal Server Error', e.message)));
  });
  const bound = await listen(server, port, 'control API');
  return { url: `http://127.0.0.1:${bound}`, port: bound, close: () => closeServer(server) };
}

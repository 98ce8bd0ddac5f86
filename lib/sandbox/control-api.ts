import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { z } from 'zod';
import {
  ControlConflictError,
  type ControlRoute,
  type RegionState,
  type SandboxControl,
  type SandboxState,
} from '../sandbox-contract/control';
import { handleChaosRoute } from './chaos-routes';
import {
  BodyTooLargeError,
  closeServer,
  listen,
  problem,
  readBody,
  sendJson,
  sendProblem,
} from './http-util';
import { foreignHost } from './request-guard';

export type { RoutingHealthView } from '../sandbox-contract/routing-health-view';
export type { RegionState, SandboxControl, SandboxState };

/** Options of the control API server. */
export interface ControlApiOptions {
  /** Serves the web console from the same origin. @default - no console */
  readonly console?: ControlRoute;
}

const healthCheckChange = z.strictObject({
  inverted: z.boolean().optional(),
  disabled: z.boolean().optional(),
});

const drillRequest = z.strictObject({
  region: z.string().min(1),
  dataCheck: z.boolean().optional(),
  timeoutSeconds: z.number().int().min(1).max(3600).optional(),
  pollMs: z.number().int().min(10).max(60_000).optional(),
});

/**
 * Refuses what a web page on another site could send: a Host that is not this machine (DNS rebinding)
 * and a state-changing request whose Origin is not the console's own (cross-site request forgery).
 */
function foreignRequest(req: IncomingMessage): string | undefined {
  const host = req.headers.host ?? '';
  const foreign = foreignHost(req);
  if (foreign) return foreign;
  const origin = req.headers.origin;
  const safe = req.method === 'GET' || req.method === 'HEAD';
  if (!safe && origin !== undefined && origin !== `http://${host}`)
    return `Origin ${origin} may not change the sandbox`;
  return undefined;
}

/** Control requests are a few dozen bytes; anything over this is refused with 413. */
const MAX_CONTROL_BODY = 64 * 1024;

/** A path segment that is not valid percent-encoding (`%E0`): the client's error, answered 400. */
class BadPathError extends Error {}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new BadPathError(`"${segment}" is not valid percent-encoded UTF-8`);
  }
}

/** Parses a JSON body with a schema; the error names the field. */
async function parseBody<T>(req: IncomingMessage, schema: z.ZodType<T>, shape: string) {
  let raw: unknown;
  try {
    raw = JSON.parse((await readBody(req, MAX_CONTROL_BODY)).toString('utf8') || '{}');
  } catch (e) {
    if (e instanceof BodyTooLargeError) throw e;
    return { error: `body must be JSON: ${shape}` } as const;
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { data: parsed.data } as const;
  return {
    error: parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
  } as const;
}

/**
 * The JSON API the drill (`--target local`) and the console use to read the sandbox and inject faults:
 * GET /state; POST /regions/{r}/stop|start; POST /regions/{r}/table/fail|restore;
 * PUT /health-checks/{r} with `{ "inverted"?, "disabled"? }`; POST /drills, GET|DELETE /drills/current;
 * the chaos scenarios' faults (chaos-routes.ts);
 * and, with `options.console`, the web console at `/`.
 */
export async function startControlApi(control: SandboxControl, port = 0, options: ControlApiOptions = {}) {
  const actions: Record<string, (region: string) => Promise<void>> = {
    stop: (r) => control.stopRegion(r),
    start: (r) => control.startRegion(r),
    'table/fail': (r) => control.failTable(r),
    'table/restore': (r) => control.restoreTable(r),
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname.replace(/\/$/, '');
    const method = req.method ?? 'GET';
    const foreign = foreignRequest(req);
    if (foreign) {
      sendProblem(res, problem(403, 'Forbidden', foreign));
      return;
    }
    if (path === '/state' && method === 'GET') {
      sendJson(res, 200, control.state(), { 'cache-control': 'no-store' });
      return;
    }
    const regionAction = /^\/regions\/([^/]+)\/(stop|start|table\/fail|table\/restore)$/.exec(path);
    const healthCheck = /^\/health-checks\/([^/]+)$/.exec(path);
    const region = decodeSegment((regionAction ?? healthCheck)?.[1] ?? '');
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
      const body = await parseBody(req, healthCheckChange, '{"inverted"?: bool, "disabled"?: bool}');
      if (body.error !== undefined) sendProblem(res, problem(400, 'Bad Request', body.error));
      else sendJson(res, 200, control.updateHealthCheck(region, body.data));
      return;
    }
    if (await handleChaosRoute(control, req, res, path, method)) return;
    if ((path === '/drills' || path === '/drills/current') && (control.startDrill || control.cancelDrill)) {
      await handleDrills(req, res, path, method);
      return;
    }
    if (regionAction || healthCheck || path === '/state') {
      sendProblem(res, problem(405, 'Method Not Allowed', `${method} is not supported on ${path}`));
      return;
    }
    if (options.console?.(req, res, path)) return;
    sendProblem(res, problem(404, 'Not Found', `no ${method} ${path}; see docs/SANDBOX.md`));
  }

  /** POST /drills starts one (202), GET /drills/current reads it, DELETE /drills/current cancels it. */
  async function handleDrills(req: IncomingMessage, res: ServerResponse, path: string, method: string) {
    if (path === '/drills' && method === 'POST' && control.startDrill) {
      const body = await parseBody(req, drillRequest, '{"region": string, "dataCheck"?: bool, ...}');
      if (body.error !== undefined) {
        sendProblem(res, problem(400, 'Bad Request', body.error));
        return;
      }
      if (!control.regions.includes(body.data.region)) {
        const detail = `unknown region "${body.data.region}"; regions: ${control.regions.join(', ')}`;
        sendProblem(res, problem(400, 'Bad Request', detail));
        return;
      }
      try {
        sendJson(res, 202, control.startDrill(body.data), { location: '/drills/current' });
      } catch (e) {
        if (!(e instanceof ControlConflictError)) throw e;
        sendProblem(res, problem(409, 'Conflict', e.message));
      }
      return;
    }
    const current = control.state().drill ?? null;
    if (path === '/drills/current' && method === 'GET') {
      if (current) sendJson(res, 200, current, { 'cache-control': 'no-store' });
      else sendProblem(res, problem(404, 'Not Found', 'no drill has run yet; POST /drills starts one'));
      return;
    }
    if (path === '/drills/current' && method === 'DELETE' && control.cancelDrill) {
      const cancelled = control.cancelDrill();
      if (cancelled) sendJson(res, 202, cancelled);
      else sendProblem(res, problem(409, 'Conflict', 'no drill is running'));
      return;
    }
    sendProblem(res, problem(405, 'Method Not Allowed', `${method} is not supported on ${path}`));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: Error) => {
      if (res.headersSent) return void res.destroy();
      if (e instanceof BadPathError) sendProblem(res, problem(400, 'Bad Request', e.message));
      else if (e instanceof BodyTooLargeError) {
        sendProblem(res, problem(413, 'Content Too Large', `control requests are at most ${e.limit} bytes`));
      } else sendProblem(res, problem(500, 'Internal Server Error', e.message));
    });
  });
  const bound = await listen(server, port, 'control API');
  return { url: `http://127.0.0.1:${bound}`, port: bound, close: () => closeServer(server) };
}

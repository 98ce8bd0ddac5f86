import { createServer, request, type Server } from 'node:http';
import { closeServer, listen, MAX_HEADER_BYTES, problem, sendProblem } from './http-util';
import { foreignHost } from './request-guard';

/** Options of the front URL standing in for the Route 53 record. */
export interface RouterOptions {
  /** Base URL per region. */
  readonly targets: Readonly<Record<string, string>>;
  /** The region an answer points to now (Route 53's decision), or null if there is none. */
  readonly choose: () => string | null;
  /** @default 0 (a free port) */
  readonly port?: number;
  /**
   * Told once per forwarded request whether the region served it (`ok` false: a 5xx or no answer), so
   * the console can show requests per second and error rate per region. @default - nothing is counted
   */
  readonly onResult?: (region: string, ok: boolean) => void;
}

/**
 * The request target if it is in origin form (RFC 9112 §3.2.1: a path starting with exactly one `/`,
 * optionally a query); undefined for absolute form (`http://host/...`), authority form, `*`, and
 * `//host/...`, which URL resolution would read as another host. A router is no proxy.
 */
export function originFormPath(target: string | undefined): string | undefined {
  if (!target?.startsWith('/') || target.startsWith('//') || target.startsWith('/\\')) return undefined;
  return target;
}

/** A running router. */
export interface Router {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Forwards each request unchanged to the region Route 53 would answer with. Like a client whose DNS
 * answer points at a dead endpoint, a request to a region that does not answer gets its connection
 * reset: the router adds no response of its own (no retry, no error body).
 */
export async function startRouter(options: RouterOptions): Promise<Router> {
  const server: Server = createServer({ maxHeaderSize: MAX_HEADER_BYTES }, (req, res) => {
    const foreign = foreignHost(req);
    if (foreign) {
      sendProblem(res, problem(403, 'Forbidden', foreign));
      return;
    }
    const path = originFormPath(req.url);
    if (path === undefined) {
      sendProblem(
        res,
        problem(400, 'Bad Request', 'The request target must be a path that starts with one "/"'),
      );
      return;
    }
    const region = options.choose();
    const base = region ? options.targets[region] : undefined;
    if (!base) {
      req.socket.destroy();
      return;
    }
    let counted = false;
    const count = (ok: boolean) => {
      if (counted || !region) return;
      counted = true;
      options.onResult?.(region, ok);
    };
    // Base URL + path, never URL resolution: `//host/x` or `http://host/x` must not pick the host.
    const target = new URL(`${base.replace(/\/+$/, '')}${path}`);
    const upstream = request(
      target,
      { method: req.method, headers: { ...req.headers, host: target.host } },
      (up) => {
        count((up.statusCode ?? 502) < 500);
        res.writeHead(up.statusCode ?? 502, up.rawHeaders);
        up.pipe(res);
        up.on('error', () => res.destroy());
      },
    );
    upstream.on('error', () => {
      count(false);
      req.socket.resetAndDestroy();
    });
    req.pipe(upstream);
  });
  const port = await listen(server, options.port ?? 0, 'router');
  return { url: `http://127.0.0.1:${port}`, port, close: () => closeServer(server) };
}

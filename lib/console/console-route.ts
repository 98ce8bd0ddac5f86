import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { ControlRoute } from '../sandbox-contract/control';

/** Answers a request for the console if it is one; false lets the control API handle it. */
export type ConsoleRoute = ControlRoute;

/** Options of the console's route. */
export interface ConsoleRouteOptions {
  /** The config's `appName`: the page's title and heading name the app a fork renamed. */
  readonly appName: string;
  /** The sandbox's URLs; the page sends its optional test traffic to the router. */
  readonly endpoints: () => { readonly router: string };
  /** @default lib/console/assets */
  readonly assetsDir?: string;
}

const ASSETS: Readonly<Record<string, { file: string; type: string }>> = {
  '': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/index.html': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/console.js': { file: 'console.js', type: 'text/javascript; charset=utf-8' },
  '/console.css': { file: 'console.css', type: 'text/css; charset=utf-8' },
};

/**
 * Serves the console page (plain files, nothing from a CDN) and `/endpoints.json` from the control API's
 * origin, so the page calls the control API without CORS. The files are read on each request: the page
 * can be edited while the sandbox runs.
 */
export function consoleRoute(options: ConsoleRouteOptions): ConsoleRoute {
  const dir = options.assetsDir ?? join(__dirname, 'assets');
  return (req, res, path) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    if (path === '/endpoints.json') {
      send(res, 'application/json', JSON.stringify(options.endpoints()), "default-src 'none'");
      return true;
    }
    const asset = ASSETS[path];
    if (!asset) return false;
    const router = new URL(options.endpoints().router).origin;
    // The page's own scripts and styles only; fetches to this origin and (test traffic) the router.
    const csp = [
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      `connect-src 'self' ${router}`,
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ].join('; ');
    const body = readFileSync(join(dir, asset.file));
    const page = asset.file === 'index.html' ? named(body.toString('utf8'), options.appName) : body;
    send(res, asset.type, page, csp, req.method === 'HEAD');
    return true;
  };
}

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** The page with its `{{appName}}` placeholders filled in (escaped, though the config allows only [a-z0-9-]). */
function named(html: string, appName: string): string {
  return html.replaceAll(
    '{{appName}}',
    appName.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]),
  );
}

function send(res: ServerResponse, type: string, body: string | Buffer, csp: string, headOnly = false): void {
  res.writeHead(200, {
    'content-type': type,
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-cache',
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  res.end(headOnly ? undefined : body);
}

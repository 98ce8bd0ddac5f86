import type { IncomingMessage } from 'node:http';

/** Names under which this machine's loopback servers may be addressed. */
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The sandbox's one Host allow-list, applied by every listener: a page on another site that rebinds its
 * own DNS name to 127.0.0.1 (DNS rebinding) sends its own name as Host, so anything but a loopback name
 * is refused. Returns why the request is refused, or undefined when its Host is local.
 */
export function foreignHost(req: IncomingMessage): string | undefined {
  const host = req.headers.host ?? '';
  if (LOCAL_HOSTS.has(host.replace(/:\d+$/, ''))) return undefined;
  return `Host "${host}" is not this machine`;
}

/**
 * For servers no browser has any business calling (the local DynamoDB and KMS endpoints): browsers send
 * `Origin` on cross-origin requests and `Sec-Fetch-Site` on every request, SDKs and curl send neither.
 * Returns why the request is refused, or undefined.
 */
export function browserRequest(req: IncomingMessage): string | undefined {
  if (req.headers.origin !== undefined)
    return `requests from web pages (Origin ${req.headers.origin}) are refused`;
  if (req.headers['sec-fetch-site'] !== undefined) return 'requests from web pages are refused';
  return undefined;
}

/** foreignHost, then browserRequest: the guard of every machine-to-machine listener. */
export function foreignOrBrowser(req: IncomingMessage): string | undefined {
  return foreignHost(req) ?? browserRequest(req);
}

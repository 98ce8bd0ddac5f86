import { createServer, type IncomingHttpHeaders, type RequestListener, request } from 'node:http';
import { closeServer, listen, readBody } from './http-util';
import { callListener } from './in-process-call';
import type { KeyLocks } from './key-locks';
import { foreignOrBrowser } from './request-guard';
import { type ItemKey, isWriteOperation, type KeyNames, keyId, operationOf, writtenKeys } from './write-keys';

/** Options of a region's DynamoDB endpoint. */
export interface DynamoEndpointOptions {
  /** URL of the local DynamoDB (dynalite) behind it, when it is reached over HTTP. @default - targetHandler */
  readonly target?: string;
  /**
   * That DynamoDB's request listener when it runs in this process: each call is handed to it directly
   * instead of over a second loopback HTTP connection. @default - calls go to `target` over HTTP
   */
  readonly targetHandler?: RequestListener;
  /** The replicated table; writes to other tables are not captured. */
  readonly table: string;
  readonly keyNames: KeyNames;
  /** The region's key locks, shared with the replicator. */
  readonly locks: KeyLocks;
  /** Called, while the keys' locks are held, after a write to `table` succeeded. */
  readonly onWrite: (keys: ItemKey[]) => void;
  /** @default 0 (a free port, kept across fail/restore) */
  readonly port?: number;
}

/** The endpoint a region's handlers use as DYNAMODB_ENDPOINT. */
export interface DynamoEndpoint {
  readonly url: string;
  readonly port: number;
  readonly up: boolean;
  /** Closes the listening socket and every connection: the table is unreachable, as in an outage. */
  fail(): Promise<void>;
  /** Listens again on the same port. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

interface Forwarded {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

function forward(target: string, method: string, path: string, headers: IncomingHttpHeaders, body: Buffer) {
  return new Promise<Forwarded>((resolve, reject) => {
    const url = new URL(path, target);
    const req = request(url, { method, headers: { ...headers, host: url.host } }, async (res) => {
      try {
        resolve({ status: res.statusCode ?? 500, headers: res.headers, body: await readBody(res) });
      } catch (e) {
        reject(e);
      }
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** dynalite answers every Origin with `Access-Control-Allow-Origin: *`; this endpoint grants none. */
function withoutCors(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !name.startsWith('access-control-')));
}

function parseJson(buf: Buffer): Record<string, unknown> {
  try {
    return JSON.parse(buf.toString('utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/**
 * A pass-through proxy in front of a region's local DynamoDB that records which keys each successful
 * write changed — the sandbox's stand-in for the change stream that global tables replicate from. It
 * sees every writer (handlers, the CLI, scripts) without any change to handler code.
 */
export async function startDynamoEndpoint(options: DynamoEndpointOptions): Promise<DynamoEndpoint> {
  const { target, targetHandler } = options;
  if (!target && !targetHandler) throw new Error('a DynamoDB endpoint needs a target URL or handler');
  const server = createServer(async (req, res) => {
    // No browser belongs here: a page that found the port could scan, write and delete all local data.
    const refused = foreignOrBrowser(req);
    if (refused) {
      const text = JSON.stringify({
        __type: 'com.amazon.coral.service#AccessDeniedException',
        message: refused,
      });
      res.writeHead(403, { 'content-type': 'application/x-amz-json-1.0' }).end(text);
      return;
    }
    try {
      const body = await readBody(req);
      const operation = operationOf(req.headers['x-amz-target'] as string | undefined);
      const method = req.method ?? 'POST';
      const path = req.url ?? '/';
      const send = targetHandler
        ? () => callListener(targetHandler, method, path, req.headers, body)
        : () => forward(target as string, method, path, req.headers, body);
      let result: Forwarded;
      if (isWriteOperation(operation)) {
        const request = parseJson(body);
        const keys = writtenKeys(operation, request, options.table, options.keyNames);
        result = await options.locks.run(keys.map(keyId), async () => {
          const r = await send();
          if (r.status === 200 && keys.length > 0) {
            options.onWrite(
              writtenKeys(operation, request, options.table, options.keyNames, parseJson(r.body)),
            );
          }
          return r;
        });
      } else {
        result = await send();
      }
      res.writeHead(result.status, withoutCors(result.headers));
      res.end(result.body);
    } catch {
      req.socket.destroy();
    }
  });
  let port = await listen(server, options.port ?? 0, 'DynamoDB endpoint');
  let up = true;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    get up() {
      return up;
    },
    async fail() {
      up = false;
      await closeServer(server);
    },
    async restore() {
      if (up) return;
      port = await listen(server, port, 'DynamoDB endpoint');
      up = true;
    },
    async close() {
      up = false;
      await closeServer(server);
    },
  };
}

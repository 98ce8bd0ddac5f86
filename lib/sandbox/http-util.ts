import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Raised when a sandbox server cannot bind its port, naming the server and the way out. */
export class PortInUseError extends Error {
  constructor(
    public readonly server: string,
    public readonly port: number,
  ) {
    super(
      `Port ${port} (${server}) is already in use. Stop whatever uses it, or pick other ports with --port-base.`,
    );
    this.name = 'PortInUseError';
  }
}

/** Binds `server` to 127.0.0.1:`port` (0 = free port) and resolves with the bound port. */
/**
 * Node answers 431 with no body past 16 KiB of request line and headers. Schema-bound query strings
 * (a 1 KiB cursor of 4-byte characters, percent-encoded) can exceed that, and the API's own validation
 * must answer them with problem+json, so the router and region servers accept up to 64 KiB.
 */
export const MAX_HEADER_BYTES = 64 * 1024;

export function listen(server: Server, port: number, name: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      reject(err.code === 'EADDRINUSE' ? new PortInUseError(name, port) : err);
    };
    server.once('error', onError);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Fails with PortInUseError before anything starts if a fixed port (not 0) is taken. */
export async function assertPortsFree(ports: ReadonlyArray<{ name: string; port: number }>): Promise<void> {
  for (const { name, port } of ports) {
    if (port === 0) continue;
    const probe = createServer();
    await listen(probe, port, name);
    await closeServer(probe);
  }
}

/** Closes a server and every open connection (keep-alive sockets would otherwise hold it open). */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) {
      resolve();
      return;
    }
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** API Gateway's payload limit; larger bodies are refused like Gateway's 413. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** A request body over the reader's limit: answered 413, never 500. */
export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`request body larger than ${limit} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/** Reads a whole request body; rejects bodies larger than `limit` bytes with BodyTooLargeError. */
export async function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyTooLargeError(limit);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Writes a JSON response. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** An RFC 9457 problem document, the error shape of every API in this project. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance?: string;
}

/** Builds a problem document with `type: about:blank`. */
export function problem(status: number, title: string, detail: string): Problem {
  return { type: 'about:blank', title, status, detail };
}

/** Writes an RFC 9457 `application/problem+json` response. */
export function sendProblem(res: ServerResponse, body: Problem, headers: Record<string, string> = {}): void {
  sendJson(res, body.status, body, { ...headers, 'content-type': 'application/problem+json' });
}

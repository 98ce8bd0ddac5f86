import { EventEmitter } from 'node:events';
import type { IncomingHttpHeaders, IncomingMessage, RequestListener, ServerResponse } from 'node:http';

/** A whole response, as the caller of {@link callListener} gets it. */
export interface BufferedResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

/** The request a listener sees: a buffered body delivered as one `data` event, then `end`. */
class BufferedRequest extends EventEmitter {
  readonly httpVersion = '1.1';
  readonly complete = true;
  constructor(
    readonly method: string,
    readonly url: string,
    readonly headers: IncomingHttpHeaders,
  ) {
    super();
  }
}

/** Collects what a listener writes: status, headers (lower-cased names) and body. */
class CollectingResponse {
  statusCode = 200;
  readonly headers: Record<string, string> = {};
  private readonly chunks: Buffer[] = [];
  constructor(private readonly done: (r: BufferedResponse) => void) {}
  setHeader(name: string, value: number | string | readonly string[]): this {
    this.headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    return this;
  }
  getHeader(name: string): string | undefined {
    return this.headers[name.toLowerCase()];
  }
  removeHeader(name: string): void {
    delete this.headers[name.toLowerCase()];
  }
  write(chunk: string | Buffer): boolean {
    this.chunks.push(Buffer.from(chunk));
    return true;
  }
  end(chunk?: string | Buffer): this {
    if (chunk !== undefined) this.write(chunk);
    this.done({ status: this.statusCode, headers: this.headers, body: Buffer.concat(this.chunks) });
    return this;
  }
}

/**
 * Calls a Node HTTP request listener in this process with an already-read request and collects its
 * response, where forwarding would cost a loopback round trip (serialize and parse the request and the
 * response, on both sides). For listeners that use the basic surface only — `req.method`, `url`,
 * `headers`, `data`/`end` events; `res.statusCode`, `setHeader`, `write`, `end` — as dynalite's does.
 * Rejects if the listener throws.
 */
export function callListener(
  listener: RequestListener,
  method: string,
  url: string,
  headers: IncomingHttpHeaders,
  body: Buffer,
): Promise<BufferedResponse> {
  return new Promise((resolve, reject) => {
    const req = new BufferedRequest(method, url, headers);
    const res = new CollectingResponse(resolve);
    try {
      listener(req as unknown as IncomingMessage, res as unknown as ServerResponse);
      if (body.length > 0) req.emit('data', body);
      req.emit('end');
    } catch (e) {
      reject(e);
    }
  });
}

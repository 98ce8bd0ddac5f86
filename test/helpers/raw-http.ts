import { connect } from 'node:net';

/** A response as read off the socket: status, lower-cased headers (last value wins) and body. */
export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/**
 * Sends one request exactly as written (request line and headers; `Connection: close` is added) to
 * `base`'s host and port. Clients normalise what attacks need: absolute-form and `//host` targets,
 * repeated headers, any Host.
 */
export function rawRequest(base: string, head: string, body = ''): Promise<RawResponse> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const [top, ...rest] = raw.split('\r\n\r\n');
      const [statusLine, ...lines] = top.split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const i = line.indexOf(':');
        headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
      }
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n') });
    });
    const length = body ? `Content-Length: ${Buffer.byteLength(body)}\r\n` : '';
    // write, not end: a half-closed socket makes Node drop a response that is still being produced.
    socket.write(`${head.trimEnd()}\r\n${length}Connection: close\r\n\r\n${body}`);
  });
}

import { createServer } from 'node:net';

/** A URL whose port is held but never answers: every connection is reset as soon as it opens. */
export interface DeadEndpoint {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * An endpoint that stands for a dead server (a stopped region, an unreachable user pool) while keeping
 * its port: a port freed by closing a server could be taken by another process before the test uses it.
 */
export async function startDeadEndpoint(): Promise<DeadEndpoint> {
  const server = createServer((socket) => socket.resetAndDestroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

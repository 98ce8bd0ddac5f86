import '../support/handler-env';
import type { AddressInfo } from 'node:net';
import { createServer, type Server, type Socket } from 'node:net';
import { handler as health } from '../../../functions/handlers/health';
import { invoke } from '../support/events';

describe('GET /health against a table that accepts connections but never answers', () => {
  let blackHole: Server;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    // Prepare: a TCP server that holds every connection open silently, like an impaired endpoint.
    blackHole = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve));
    process.env.DYNAMODB_ENDPOINT = `http://127.0.0.1:${(blackHole.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => blackHole.close(resolve));
  });

  it('gives up in time and answers 503, well inside the 2 s Route 53 budget', async () => {
    // Act
    const started = Date.now();
    const res = await invoke(health, { path: '/health', identity: null });
    const elapsed = Date.now() - started;
    // Assess
    expect(res.status).toBe(503);
    expect(res.body.checks).toEqual({ table: 'fail' });
    expect(elapsed).toBeGreaterThanOrEqual(700);
    expect(elapsed).toBeLessThan(1900);
  });
});

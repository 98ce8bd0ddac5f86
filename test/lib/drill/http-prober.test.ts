import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpTrafficProber } from '../../../lib/drill/http-prober';

describe('HttpTrafficProber', () => {
  let server: Server;
  let url: string;
  let status = 200;
  let ports: number[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      ports.push(req.socket.remotePort ?? 0);
      if (req.url === '/slow') return; // never answers
      res.writeHead(status, { 'x-region': 'eu-west-1' });
      res.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    status = 200;
    ports = [];
  });

  it('reads x-region, on a fresh connection every time so DNS changes show', async () => {
    const prober = new HttpTrafficProber(`${url}/health`);
    expect(await prober.probe()).toEqual({ ok: true, status: 200, region: 'eu-west-1' });
    await prober.probe();
    expect(ports).toHaveLength(2);
    expect(ports[0]).not.toBe(ports[1]);
  });

  it('counts a 5xx as failed', async () => {
    status = 503;
    expect(await new HttpTrafficProber(`${url}/health`).probe()).toMatchObject({ ok: false, status: 503 });
  });

  it('turns a refused connection and a timeout into failed probes instead of throwing', async () => {
    const refused = await new HttpTrafficProber('http://127.0.0.1:1/health').probe();
    expect(refused).toMatchObject({ ok: false, status: null, region: null });
    expect(refused.error).toMatch(/ECONNREFUSED/);
    const slow = await new HttpTrafficProber(`${url}/slow`, 100).probe();
    expect(slow).toMatchObject({ ok: false, error: 'no answer within 100 ms' });
  });
});

import { request } from 'node:http';
import { consoleRoute } from '../../../lib/console/console-route';
import type { DrillRequest, DrillView } from '../../../lib/console/drill-runner';
import { DrillBusyError } from '../../../lib/console/drill-runner';
import { type SandboxControl, startControlApi } from '../../../lib/sandbox/control-api';
import { HealthCheck } from '../../../lib/sandbox/health-check';

/** A control with a scripted drill: the first start runs, a second is busy until cancelled. */
function fakeControl() {
  const check = new HealthCheck({ id: 'us-east-1', intervalSeconds: 10, failureThreshold: 3 });
  const calls: string[] = [];
  let drill: DrillView | null = null;
  const control: SandboxControl = {
    regions: ['us-east-1', 'eu-west-1'],
    state: () => ({
      routing: { mode: 'latency', serving: 'us-east-1', primaryRegion: 'us-east-1', latencyMs: {} },
      regions: { 'us-east-1': { up: true, tableUp: true, healthCheck: check.view() } },
      replication: {},
      drill,
    }),
    stopRegion: async (r) => void calls.push(`stop ${r}`),
    startRegion: async () => {},
    failTable: async () => {},
    restoreTable: async () => {},
    updateHealthCheck: () => check.view(),
    startDrill(request: DrillRequest) {
      if (drill?.status === 'running') throw new DrillBusyError(drill.region);
      calls.push(`drill ${JSON.stringify(request)}`);
      drill = {
        id: 1,
        status: 'running',
        region: request.region,
        startedAt: new Date(0).toISOString(),
        finishedAt: null,
        log: [],
        report: null,
        error: null,
      };
      return drill;
    },
    cancelDrill() {
      if (drill?.status !== 'running') return null;
      drill = { ...drill, status: 'cancelled' };
      return drill;
    },
  };
  return { control, calls };
}

/** A raw request, so the test sets Host and Origin as a browser (or an attacker's page) would. */
function raw(url: string, method: string, headers: Record<string, string>, body = '') {
  return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>(
    (resolve, reject) => {
      const req = request(url, { method, headers }, (res) => {
        let text = '';
        res.on('data', (c) => {
          text += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }));
      });
      req.on('error', reject);
      req.end(body);
    },
  );
}

describe('control API: drills, console and browser safety', () => {
  const { control, calls } = fakeControl();
  let api: Awaited<ReturnType<typeof startControlApi>>;
  beforeAll(async () => {
    api = await startControlApi(control, 0, {
      console: consoleRoute({
        appName: 'acme-orders',
        endpoints: () => ({ router: 'http://127.0.0.1:4000', control: 'x' }),
      }),
    });
  });
  afterAll(() => api.close());
  const post = (path: string, body: unknown) =>
    fetch(`${api.url}${path}`, { method: 'POST', body: JSON.stringify(body) });

  it('starts a drill with POST /drills, reads it, refuses a second, and cancels it', async () => {
    expect((await fetch(`${api.url}/drills/current`)).status).toBe(404);
    const res = await post('/drills', { region: 'eu-west-1', dataCheck: false, pollMs: 200 });
    expect(res.status).toBe(202);
    expect(res.headers.get('location')).toBe('/drills/current');
    expect(await res.json()).toMatchObject({ status: 'running', region: 'eu-west-1' });
    expect(calls).toContain('drill {"region":"eu-west-1","dataCheck":false,"pollMs":200}');
    expect(await (await fetch(`${api.url}/drills/current`)).json()).toMatchObject({ status: 'running' });

    const busy = await post('/drills', { region: 'us-east-1' });
    expect(busy.status).toBe(409);
    expect(((await busy.json()) as { detail: string }).detail).toContain('A drill of eu-west-1 is running');

    const cancel = await fetch(`${api.url}/drills/current`, { method: 'DELETE' });
    expect(cancel.status).toBe(202);
    expect(await cancel.json()).toMatchObject({ status: 'cancelled' });
    expect((await fetch(`${api.url}/drills/current`, { method: 'DELETE' })).status).toBe(409);
  });

  it('validates the drill request', async () => {
    const bad = async (body: unknown) => {
      const res = await post('/drills', body);
      return { status: res.status, detail: ((await res.json()) as { detail: string }).detail };
    };
    expect(await bad({ region: 'mars-1' })).toEqual({
      status: 400,
      detail: 'unknown region "mars-1"; regions: us-east-1, eu-west-1',
    });
    expect((await bad({})).detail).toContain('region');
    expect((await bad({ region: 'us-east-1', timeoutSeconds: 0 })).detail).toContain('timeoutSeconds');
    expect((await bad({ region: 'us-east-1', extra: 1 })).status).toBe(400);
    expect((await fetch(`${api.url}/drills`, { method: 'POST', body: 'nope' })).status).toBe(400);
    expect((await fetch(`${api.url}/drills`)).status).toBe(405);
  });

  it('serves the console page and its files with a strict content security policy', async () => {
    const page = await fetch(`${api.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("connect-src 'self' http://127.0.0.1:4000");
    const html = await page.text();
    expect(html).toContain('<script src="console.js" defer></script>');
    expect(html).not.toMatch(/https?:\/\//);
    // Named after the config's app, as a fork renames it.
    expect(html).toContain('<title>acme-orders: sandbox console</title>');
    expect(html).toContain('<h1>acme-orders: sandbox console</h1>');
    expect(html).not.toContain('{{');
    expect(Number(page.headers.get('content-length'))).toBe(Buffer.byteLength(html));
    for (const [path, type] of [
      ['/console.js', 'text/javascript; charset=utf-8'],
      ['/console.css', 'text/css; charset=utf-8'],
    ]) {
      const res = await fetch(`${api.url}${path}`);
      expect([res.status, res.headers.get('content-type')]).toEqual([200, type]);
      expect(await res.text()).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)/);
    }
    expect(await (await fetch(`${api.url}/endpoints.json`)).json()).toEqual({
      router: 'http://127.0.0.1:4000',
      control: 'x',
    });
    expect((await fetch(`${api.url}/console.js`, { method: 'POST' })).status).toBe(404);
  });

  it('refuses changes from another origin and requests for a foreign host name', async () => {
    const host = `127.0.0.1:${api.port}`;
    const path = `${api.url}/regions/us-east-1/stop`;
    const before = calls.length;
    const csrf = await raw(path, 'POST', { host, origin: 'https://evil.example' });
    expect(csrf.status).toBe(403);
    expect(JSON.parse(csrf.body).detail).toBe('Origin https://evil.example may not change the sandbox');
    const rebound = await raw(`${api.url}/state`, 'GET', { host: `evil.example:${api.port}` });
    expect(rebound.status).toBe(403);
    expect(calls.length).toBe(before);

    expect((await raw(path, 'POST', { host, origin: `http://${host}` })).status).toBe(200);
    expect((await raw(path, 'POST', { host: `localhost:${api.port}` })).status).toBe(200);
    expect(calls.slice(before)).toEqual(['stop us-east-1', 'stop us-east-1']);
  });
});

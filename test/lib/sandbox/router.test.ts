import { createServer, type Server } from 'node:http';
import { HealthChecker } from '../../../lib/sandbox/health-checker';
import { closeServer, listen } from '../../../lib/sandbox/http-util';
import { originFormPath, type Router, startRouter } from '../../../lib/sandbox/router';
import { rawRequest } from '../../helpers/raw-http';

/** A stand-in region API: answers /health with `status`, echoes everything else. */
function region(name: string, status: { code: number }): Server {
  return createServer(async (req, res) => {
    let body = '';
    for await (const c of req) body += c;
    if (req.url === '/health') res.writeHead(status.code, { 'x-region': name }).end();
    else res.writeHead(200, { 'x-region': name, 'x-seen': `${req.method} ${req.url} ${body}` }).end('ok');
  });
}

describe('router and health checker', () => {
  const eastStatus = { code: 200 };
  const east = region('us-east-1', eastStatus);
  const west = region('eu-west-1', { code: 200 });
  let targets: Record<string, string>;
  let checker: HealthChecker;
  let router: Router;

  beforeAll(async () => {
    targets = {
      'us-east-1': `http://127.0.0.1:${await listen(east, 0, 'east')}`,
      'eu-west-1': `http://127.0.0.1:${await listen(west, 0, 'west')}`,
    };
    checker = new HealthChecker({
      targets,
      intervalSeconds: 10,
      failureThreshold: 2,
      probeIntervalMs: 60_000,
    });
    const healthy = (r: string) => checker.checks.get(r)?.healthy ?? false;
    router = await startRouter({
      targets,
      choose: () => ['us-east-1', 'eu-west-1'].find(healthy) ?? 'us-east-1',
    });
  });
  afterAll(async () => {
    await checker.stop();
    await router.close();
    await closeServer(east);
    await closeServer(west);
  });

  it('forwards method, path, query and body unchanged and adds nothing', async () => {
    const res = await fetch(`${router.url}/items?x=1`, { method: 'POST', body: 'hi' });
    expect(res.headers.get('x-region')).toBe('us-east-1');
    expect(res.headers.get('x-seen')).toBe('POST /items?x=1 hi');
    expect(await res.text()).toBe('ok');
  });

  it('counts 5xx as failures and moves traffic after threshold failed probes', async () => {
    eastStatus.code = 503;
    await checker.probeAll();
    expect((await fetch(`${router.url}/a`)).headers.get('x-region')).toBe('us-east-1');
    await checker.probeAll();
    expect(checker.checks.get('us-east-1')?.view().lastResults.at(-1)).toMatchObject({
      ok: false,
      status: 503,
    });
    expect((await fetch(`${router.url}/a`)).headers.get('x-region')).toBe('eu-west-1');
    eastStatus.code = 200;
    await checker.probeAll();
    await checker.probeAll();
    expect((await fetch(`${router.url}/a`)).headers.get('x-region')).toBe('us-east-1');
  });

  it('resets the connection when the chosen region does not answer, like a dead endpoint', async () => {
    await closeServer(east);
    await expect(fetch(`${router.url}/a`)).rejects.toThrow();
    await checker.probeAll();
    expect(checker.checks.get('us-east-1')?.view().lastResults.at(-1)).toMatchObject({
      ok: false,
      status: null,
    });
  });

  describe('is no open proxy (security review, finding 6)', () => {
    /** Another local server the attacker wants to reach through the router (the issuer, the control API). */
    const hits: string[] = [];
    const secret = createServer((req, res) => {
      hits.push(req.url ?? '');
      res.end('secret');
    });
    let secretHost: string;
    beforeAll(async () => {
      secretHost = `127.0.0.1:${await listen(secret, 0, 'secret')}`;
    });
    afterAll(() => closeServer(secret));

    it.each([
      ['a //host path', () => `GET //${secretHost}/.well-known/jwks.json HTTP/1.1\r\nHost: 127.0.0.1`],
      ['an absolute-form target', () => `GET http://${secretHost}/state HTTP/1.1\r\nHost: 127.0.0.1`],
      ['a /\\host path', () => `GET /\\${secretHost}/state HTTP/1.1\r\nHost: 127.0.0.1`],
    ])('refuses %s with 400 and reaches no other server', async (_case, head) => {
      // Act
      const res = await rawRequest(router.url, head());
      // Assess
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toBe('application/problem+json');
      expect(hits).toEqual([]);
    });

    it('refuses a Host that is not this machine (DNS rebinding) with 403', async () => {
      // Act
      const res = await rawRequest(router.url, 'GET /items HTTP/1.1\r\nHost: attacker.example:4000');
      // Assess
      expect(res.status).toBe(403);
      expect(JSON.parse(res.body).detail).toBe('Host "attacker.example:4000" is not this machine');
    });

    it('keeps forwarding origin-form paths to the chosen region', async () => {
      // Prepare: us-east-1 was closed above; a second failed probe moves traffic to eu-west-1.
      await checker.probeAll();
      // Act
      const res = await rawRequest(router.url, 'GET /items?q=%2F%2Fx HTTP/1.1\r\nHost: localhost:4000');
      // Assess
      expect(res.status).toBe(200);
      expect(res.headers['x-seen']).toBe('GET /items?q=%2F%2Fx'); // (trimmed: no body)
      expect(originFormPath('/a//b')).toBe('/a//b');
      expect(originFormPath('*')).toBeUndefined();
    });
  });
});

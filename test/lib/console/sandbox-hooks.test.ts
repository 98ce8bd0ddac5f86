import { createServer, type Server } from 'node:http';
import { TrafficMeter } from '../../../lib/console/traffic-meter';
import { HealthChecker } from '../../../lib/sandbox/health-checker';
import { closeServer, listen } from '../../../lib/sandbox/http-util';
import { type Router, startRouter } from '../../../lib/sandbox/router';
import { type DeadEndpoint, startDeadEndpoint } from '../../helpers/dead-endpoint';

/** The two hooks the console needs from the sandbox: the router's per-request result, the checker's rounds. */
describe('sandbox hooks for the console', () => {
  const status = { code: 200 };
  const region: Server = createServer((_req, res) => {
    res.writeHead(status.code, { 'x-region': 'us-east-1' }).end();
  });
  let regionUrl: string;
  let dead: DeadEndpoint;
  let deadUrl: string;
  beforeAll(async () => {
    regionUrl = `http://127.0.0.1:${await listen(region, 0, 'region')}`;
    dead = await startDeadEndpoint();
    deadUrl = dead.url;
  });
  afterAll(async () => {
    await dead.close();
    await closeServer(region);
  });

  it('the router reports each forwarded request once: 2xx-4xx served, 5xx and no answer failed', async () => {
    const traffic = new TrafficMeter();
    let target = 'us-east-1';
    const router: Router = await startRouter({
      targets: { 'us-east-1': regionUrl, 'eu-west-1': deadUrl },
      choose: () => target,
      onResult: (r, ok) => traffic.record(r, ok),
    });
    try {
      await (await fetch(`${router.url}/health`)).arrayBuffer();
      status.code = 404;
      await (await fetch(`${router.url}/nothing`)).arrayBuffer();
      status.code = 503;
      await (await fetch(`${router.url}/health`)).arrayBuffer();
      target = 'eu-west-1';
      await expect(fetch(`${router.url}/health`)).rejects.toThrow();
      expect(traffic.view('us-east-1')).toMatchObject({ requests: 3, errors: 1 });
      expect(traffic.view('eu-west-1')).toMatchObject({ requests: 1, errors: 1, errorRate: 1 });
    } finally {
      status.code = 200;
      await router.close();
    }
  });

  it('the health checker calls onRound after every round, when the checks have their new results', async () => {
    const seen: boolean[] = [];
    const checker = new HealthChecker({
      targets: { 'eu-west-1': deadUrl },
      intervalSeconds: 10,
      failureThreshold: 1,
      probeIntervalMs: 60_000,
      onRound: () => seen.push(checker.checks.get('eu-west-1')?.healthy ?? true),
    });
    await checker.probeAll();
    await checker.probeAll();
    expect(seen).toEqual([false, false]);
    await checker.stop();
  });
});

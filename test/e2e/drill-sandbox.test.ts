import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../lib/drill/main';
import { type Sandbox, startSandbox } from '../../lib/sandbox/sandbox';

/**
 * The whole drill against a real sandbox: real health checks probing real region servers, the latency
 * router, the token issuer and the replicated tables. Health checks run every 100 ms so it takes seconds.
 */
describe('drill --target local against a running sandbox', () => {
  let sandbox: Sandbox;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'drill-e2e-'));
    sandbox = await startSandbox({
      memory: true,
      dataDir: dir,
      portBase: 0,
      healthIntervalMs: 100,
      replicationLagMs: 50,
    });
  });
  afterAll(async () => {
    await sandbox?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const args = () => [
    '--target',
    'local',
    '--endpoints',
    join(dir, 'endpoints.json'),
    '--poll-ms',
    '100',
    '--timeout',
    '60',
  ];

  it('takes the serving region out, sees traffic move and the marker replicate, then restores', async () => {
    const report = join(dir, 'report.json');
    const out: string[] = [];
    const err: string[] = [];
    const code = await main([...args(), '--region', 'us-east-1', '--execute', '--report', report], {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
    });

    expect(err).toEqual([]);
    expect(out.join('\n')).toMatch(/Drill PASSED: us-east-1 \(local, latency routing\)/);
    expect(code).toBe(0);
    const json = JSON.parse(readFileSync(report, 'utf8'));
    expect(json).toMatchObject({
      outcome: 'passed',
      restored: true,
      baselineRegion: 'us-east-1',
      failoverRegion: 'eu-west-1',
      backRegion: 'us-east-1',
      dataCheck: { writtenIn: 'us-east-1', readFrom: 'eu-west-1', found: true },
    });
    expect(json.probes.failed).toBe(0);
    const t = json.timeline;
    expect(t.start.offsetMs).toBe(0);
    expect(t.unhealthy.offsetMs).toBeLessThanOrEqual(t.moved.offsetMs);
    expect(t.moved.offsetMs).toBeLessThan(t.restored.offsetMs);
    expect(t.restored.offsetMs).toBeLessThanOrEqual(t.back.offsetMs);
    const hc = sandbox.control.state().regions['us-east-1'].healthCheck;
    expect(hc).toMatchObject({ inverted: false, disabled: false, healthy: true });
  });

  it('refuses while another region is down, and changes nothing', async () => {
    await sandbox.control.stopRegion('eu-west-1');
    try {
      // Wait for the checker to see it (threshold × 100 ms).
      const until = Date.now() + 10_000;
      while (sandbox.control.state().regions['eu-west-1'].healthCheck.healthy && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 50));
      }
      const err: string[] = [];
      const code = await main([...args(), '--region', 'us-east-1', '--execute'], {
        out: () => undefined,
        err: (l) => err.push(l),
      });
      expect(code).toBe(1);
      expect(err.join('\n')).toMatch(/Refusing to drill: eu-west-1 is unhealthy/);
      expect(sandbox.control.state().regions['us-east-1'].healthCheck.inverted).toBe(false);
    } finally {
      await sandbox.control.startRegion('eu-west-1');
    }
  });
});

describe('drill --target local, failover routing', () => {
  let sandbox: Sandbox;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'drill-e2e-failover-'));
    sandbox = await startSandbox({
      memory: true,
      dataDir: dir,
      portBase: 0,
      healthIntervalMs: 100,
      replicationLagMs: 50,
      routing: 'failover',
    });
  });
  afterAll(async () => {
    await sandbox?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('fails the primary over to the secondary and back to the primary', async () => {
    const report = join(dir, 'report.json');
    const argv = ['--target', 'local', '--endpoints', join(dir, 'endpoints.json'), '--poll-ms', '100'];
    const code = await main(
      [...argv, '--timeout', '60', '--region', 'us-east-1', '--execute', '--report', report],
      {
        out: () => undefined,
        err: () => undefined,
      },
    );
    const json = JSON.parse(readFileSync(report, 'utf8'));
    expect(json).toMatchObject({
      mode: 'failover',
      outcome: 'passed',
      failoverRegion: 'eu-west-1',
      backRegion: 'us-east-1',
    });
    expect(code).toBe(0);
  });
});

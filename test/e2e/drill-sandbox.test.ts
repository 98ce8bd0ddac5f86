import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from '../../lib/drill/main';
import type { Sandbox } from '../../lib/sandbox/sandbox';
import { E2E_CONFIG_FILE, startTestSandbox, waitFor } from './support/sandbox-fixture';

/** The drill's own limit; every jest timeout below exceeds it, so a drill that times out still restores. */
const DRILL_TIMEOUT_S = 30;
const JEST_TIMEOUT_MS = (DRILL_TIMEOUT_S + 30) * 1000;

/** Starts a sandbox for one describe block in its own directory; returns what the tests need. */
function sandboxFor(options: Parameters<typeof startTestSandbox>[0]) {
  const box: { sandbox?: Sandbox; dir: string } = { dir: '' };
  beforeAll(async () => {
    box.dir = mkdtempSync(join(tmpdir(), 'drill-e2e-'));
    box.sandbox = await startTestSandbox({ dataDir: box.dir, replicationLagMs: 50, ...options });
  });
  afterAll(async () => {
    await box.sandbox?.stop();
    rmSync(box.dir, { recursive: true, force: true });
  });
  const args = () => [
    '--target',
    'local',
    '--config',
    E2E_CONFIG_FILE,
    '--endpoints',
    join(box.dir, 'endpoints.json'),
    '--poll-ms',
    '100',
    '--timeout',
    String(DRILL_TIMEOUT_S),
  ];
  return { box, args, sandbox: () => box.sandbox as Sandbox };
}

/**
 * The whole drill against a real sandbox: real health checks probing real region servers, the latency
 * router, the token issuer and the replicated tables. Health checks run every 100 ms so it takes seconds.
 */
describe('drill --target local against a running sandbox', () => {
  const { box, args, sandbox } = sandboxFor({ healthIntervalMs: 100 });

  it(
    'takes the serving region out, sees traffic move and the marker replicate, then restores',
    async () => {
      const report = join(box.dir, 'report.json');
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
      const hc = sandbox().control.state().regions['us-east-1'].healthCheck;
      expect(hc).toMatchObject({ inverted: false, disabled: false, healthy: true });
      // Not a terminal: each wait prints its first and last observation and one line per 5 s between
      // (polling every 100 ms, one line per probe would be dozens).
      const waits = [
        'us-east-1 unhealthy?',
        'traffic off us-east-1?',
        'us-east-1 healthy?',
        'traffic back in us-east-1?',
      ];
      const bound = 2 + Math.floor(t.back.offsetMs / 5000);
      for (const what of waits) {
        const lines = out.filter((l) => l.startsWith(`  ${what}: `));
        expect(lines.length).toBeGreaterThanOrEqual(1);
        expect(lines.length).toBeLessThanOrEqual(bound);
      }
      expect(json.probes.total).toBeGreaterThan(4 * bound);
    },
    JEST_TIMEOUT_MS,
  );

  it(
    'refuses while another region is down, and changes nothing',
    async () => {
      await sandbox().control.stopRegion('eu-west-1');
      try {
        await waitFor('the checker to see eu-west-1 down', async () =>
          sandbox().control.state().regions['eu-west-1'].healthCheck.healthy ? undefined : true,
        );
        const err: string[] = [];
        const code = await main([...args(), '--region', 'us-east-1', '--execute'], {
          out: () => undefined,
          err: (l) => err.push(l),
        });
        expect(code).toBe(1);
        expect(err.join('\n')).toMatch(/Refusing to drill: eu-west-1 is unhealthy/);
        expect(sandbox().control.state().regions['us-east-1'].healthCheck.inverted).toBe(false);
      } finally {
        await sandbox().control.startRegion('eu-west-1');
      }
      await waitFor('eu-west-1 healthy again', async () =>
        sandbox().control.state().regions['eu-west-1'].healthCheck.healthy ? true : undefined,
      );
    },
    JEST_TIMEOUT_MS,
  );

  it(
    'refuses while another region’s check is disabled (a disabled check counts as healthy), and changes nothing',
    async () => {
      sandbox().control.updateHealthCheck('eu-west-1', { disabled: true });
      try {
        const err: string[] = [];
        const code = await main([...args(), '--region', 'us-east-1', '--execute'], {
          out: () => undefined,
          err: (l) => err.push(l),
        });
        expect(code).toBe(1);
        expect(err.join('\n')).toMatch(/Refusing to drill: eu-west-1 is disabled/);
        const state = sandbox().control.state();
        expect(state.regions['us-east-1'].healthCheck).toMatchObject({ inverted: false, disabled: false });
        expect(state.regions['eu-west-1'].healthCheck).toMatchObject({ inverted: false, disabled: true });
      } finally {
        sandbox().control.updateHealthCheck('eu-west-1', { disabled: false });
      }
    },
    JEST_TIMEOUT_MS,
  );
});

describe('drill --target local, failover routing', () => {
  const { box, args } = sandboxFor({ healthIntervalMs: 100, routing: 'failover' });

  it(
    'fails the primary over to the secondary and back to the primary',
    async () => {
      const report = join(box.dir, 'report.json');
      const code = await main([...args(), '--region', 'us-east-1', '--execute', '--report', report], {
        out: () => undefined,
        err: () => undefined,
      });
      const json = JSON.parse(readFileSync(report, 'utf8'));
      expect(json).toMatchObject({
        mode: 'failover',
        outcome: 'passed',
        failoverRegion: 'eu-west-1',
        backRegion: 'us-east-1',
      });
      expect(code).toBe(0);
    },
    JEST_TIMEOUT_MS,
  );
});

/** `npm run drill` as a process: a real SIGINT in the middle of a drill, then the sandbox's check. */
describe('bin/drill.ts interrupted by SIGINT', () => {
  // Probes every 1 s: the inverted check needs 3 s to turn unhealthy, a window wide enough to signal in.
  const { args, sandbox } = sandboxFor({ healthIntervalMs: 1000 });
  let child: ChildProcess | undefined;
  afterEach(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      const gone = new Promise((r) => child?.once('exit', r));
      child.kill('SIGKILL');
      await gone;
    }
    child = undefined;
  });

  it(
    'aborts, restores the inverted check and exits 1',
    async () => {
      const drill = spawn(
        process.execPath,
        ['--import', 'tsx', 'bin/drill.ts', ...args(), '--region', 'us-east-1', '--execute'],
        { cwd: resolve(__dirname, '../..'), stdio: ['ignore', 'pipe', 'pipe'] },
      );
      child = drill;
      let text = '';
      drill.stdout?.on('data', (c: Buffer) => {
        text += c.toString();
      });
      drill.stderr?.on('data', (c: Buffer) => {
        text += c.toString();
      });
      const exited = new Promise<number | null>((r) => drill.once('exit', (code) => r(code)));
      const check = () => sandbox().control.state().regions['us-east-1'].healthCheck;

      await waitFor(
        'the drill to invert us-east-1',
        async () => (check().inverted ? true : undefined),
        20_000,
        20,
      );
      expect(check().healthy).toBe(true); // still waiting for the checkers: mid-drill
      drill.kill('SIGINT');

      expect(await exited).toBe(1);
      expect(text).toContain('SIGINT received: stopping the drill and restoring what it changed...');
      expect(text).toMatch(/Drill FAILED[\s\S]*aborted \(received SIGINT\)/);
      expect(check()).toMatchObject({ inverted: false, disabled: false });
      await waitFor('us-east-1 healthy again', async () => (check().healthy ? true : undefined), 10_000);
    },
    JEST_TIMEOUT_MS,
  );
});

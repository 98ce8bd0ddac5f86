import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConsoleState } from '../../lib/console/console-control';
import { main } from '../../lib/drill/main';
import type { Sandbox } from '../../lib/sandbox/sandbox';
import {
  E2E_CONFIG_FILE,
  E2E_CONFIG_WITH_ITEM_ROUTE_ALARM,
  startTestSandbox,
} from './support/sandbox-fixture';

jest.setTimeout(90_000);

/** Runs `npm run drill -- --scenario …` against the sandbox whose endpoints are in `dir`, with a report. */
async function runScenario(dir: string, scenario: string, region: string, extra: string[] = []) {
  const report = join(dir, `${scenario}.json`);
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(
    [
      '--config',
      E2E_CONFIG_FILE,
      '--target',
      'local',
      '--endpoints',
      join(dir, 'endpoints.json'),
      '--poll-ms',
      '100',
      '--timeout',
      '60',
      '--scenario',
      scenario,
      '--region',
      region,
      '--execute',
      '--report',
      report,
      ...extra,
    ],
    { out: (l) => out.push(l), err: (l) => err.push(l) },
  );
  return { code, out: out.join('\n'), err, report: JSON.parse(readFileSync(report, 'utf8')) };
}

/**
 * Each chaos scenario of `npm run drill -- --scenario …` against a real sandbox: the faults are real
 * (replication paused in the replicator, item-route invocations failing or delayed in the region
 * processes), and each test asserts what the drill measured and that nothing is left injected.
 */
describe('drill --scenario … --target local against a running sandbox', () => {
  let sandbox: Sandbox;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'drill-scenarios-'));
    sandbox = await startTestSandbox({
      dataDir: dir,
      healthIntervalMs: 100,
      replicationLagMs: 50,
      replicationAlarmMs: 1000, // the CDK app's is 60 s; a second keeps the test short
    });
  });
  afterAll(async () => {
    await sandbox?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const state = async () =>
    (await (await fetch(`${sandbox.endpoints.control}/state`)).json()) as ConsoleState;

  it('replication-pause: lag and items behind grow, the alarm fires, every acknowledged write arrives', async () => {
    const { code, out, err, report } = await runScenario(dir, 'replication-pause', 'eu-west-1', [
      '--hold',
      '3',
    ]);
    expect(err).toEqual([]);
    expect(out).toContain('Scenario PASSED: replication-pause in eu-west-1 (local)');
    expect(code).toBe(0);
    const m = report.measures;
    expect(report).toMatchObject({ outcome: 'passed', restored: true, holdSeconds: 3, findings: [] });
    // One marker per 100 ms poll for 3 s at best; each poll also reads the state and probes /health, and the
    // machine is shared, so far fewer in practice.
    expect(m.writesAcknowledged).toBeGreaterThanOrEqual(3);
    expect(m.writesMissingAfterCatchUp).toBe(0);
    expect(m.maxItemsBehind).toBeGreaterThanOrEqual(m.writesAcknowledged - 1);
    expect(m.maxSecondsBehind).toBeGreaterThanOrEqual(2);
    expect(m.staleReadSeen).toBe(true);
    expect(m.replicationAlarmFired).toBe(true);
    expect(m.alarmAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(m.catchUpSeconds).toBeLessThan(2);
    expect(m.probesFailed).toBe(0);
    expect(Object.keys(report.timeline)).toEqual(['start', 'paused', 'alarm', 'resumed', 'caughtUp']);
    expect((await state()).regions['eu-west-1'].replicationPaused).toBe(false);
  });

  it('function-errors: users see the failures, routing health does not, and the faults are removed', async () => {
    const { code, out, report } = await runScenario(dir, 'function-errors', 'us-east-1', [
      '--percentage',
      '100',
      '--hold',
      '1',
    ]);
    expect(out).toContain('Scenario PASSED: function-errors in us-east-1 (local)');
    expect(code).toBe(0);
    const m = report.measures;
    expect(m.requestsWhileImpaired).toBeGreaterThanOrEqual(3);
    expect(m.failedWhileImpaired).toBe(m.requestsWhileImpaired);
    expect(m.failedPercent).toBe(100);
    // /health still passes, so the region stays in DNS: the gap the calculated health check is for.
    expect(m.timeToDetectSeconds).toBeNull();
    expect(m.timeToMoveSeconds).toBeNull();
    expect(m.recoverSeconds).toBeLessThan(2);
    expect(report.findings).toEqual([
      expect.stringMatching(
        /^Not detected: us-east-1's routing health stayed healthy for 1 s while 100 % of item requests failed/,
      ),
    ]);
    expect((await state()).regions['us-east-1'].functionFaults).toBeNull();
  });

  it('function-latency: item answers slow down by the delay while /health stays fast', async () => {
    const { code, report } = await runScenario(dir, 'function-latency', 'us-east-1', [
      '--delay-ms',
      '400',
      '--hold',
      '1',
    ]);
    expect(code).toBe(0);
    const m = report.measures;
    expect(m.failedWhileImpaired).toBe(0);
    expect(m.slowWhileImpaired).toBe(m.requestsWhileImpaired);
    expect(m.p50Ms).toBeGreaterThanOrEqual(400);
    expect(m.baselineMs).toBeLessThan(400);
    expect(m.timeToDetectSeconds).toBeNull();
    expect((await state()).regions['us-east-1'].functionFaults).toBeNull();
  });

  it('removes the fault when the drill is aborted (Ctrl-C) mid-way', async () => {
    const controller = new AbortController();
    const out: string[] = [];
    const running = main(
      [
        '--config',
        E2E_CONFIG_FILE,
        '--target',
        'local',
        '--endpoints',
        join(dir, 'endpoints.json'),
        '--poll-ms',
        '100',
        '--scenario',
        'function-errors',
        '--region',
        'us-east-1',
        '--execute',
        '--hold',
        '30',
      ],
      { out: (l) => out.push(l), err: (l) => out.push(l), signal: controller.signal },
    );
    while (!out.some((l) => l.includes('] injected'))) await new Promise((r) => setTimeout(r, 50));
    expect((await state()).regions['us-east-1'].functionFaults).not.toBeNull();
    controller.abort(new Error('SIGINT'));
    expect(await running).toBe(1);
    expect(out.join('\n')).toContain('error: Drill aborted (SIGINT)');
    expect((await state()).regions['us-east-1'].functionFaults).toBeNull();
  });
});

/**
 * With the calculated routing health (`/health` AND the item-route alarm, fed by the canaries), the
 * function scenarios are detected and traffic moves: what the deployed app should do once it has it.
 */
describe('drill --scenario function-* against a sandbox whose routing health follows the item routes', () => {
  let sandbox: Sandbox;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'drill-calculated-'));
    sandbox = await startTestSandbox({
      dataDir: dir,
      healthIntervalMs: 200,
      replicationLagMs: 50,
      // No itemRouteAlarm option: the sandbox takes it from the config, as `npm start` does with cdk.json.
      config: E2E_CONFIG_WITH_ITEM_ROUTE_ALARM,
    });
  });
  afterAll(async () => {
    await sandbox?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const state = async () =>
    (await (await fetch(`${sandbox.endpoints.control}/state`)).json()) as ConsoleState;

  it('shows the calculated check and its two children in the state', async () => {
    const health = (await state()).regions['us-east-1'].routingHealth;
    expect(health).toMatchObject({
      type: 'CALCULATED',
      healthy: true,
      children: {
        health: { healthy: true },
        itemRouteAlarm: {
          healthy: true,
          insufficientData: 'LastKnownStatus',
          thresholds: { errorRatePercent: 5, averageLatencyMs: 3000, windowMs: 600 },
        },
      },
    });
  });

  it('function-errors: detected through the item-route alarm, traffic moves with no failed request after, and comes back', async () => {
    const {
      code,
      out,
      report: json,
    } = await runScenario(dir, 'function-errors', 'us-east-1', ['--hold', '4']);
    expect(out).toContain('Scenario PASSED: function-errors in us-east-1 (local)');
    expect(code).toBe(0);
    const m = json.measures;
    expect(m.routingHealthCoversItemRoutes).toBe(true);
    // Users may see none of the failures: the canaries can trip the alarm before a probe lands there.
    expect(m.failedWhileImpaired).toBeLessThan(m.requestsWhileImpaired);
    // Detection needs the window (0.6 s) to hold 3 failed item requests: canary and probes both count.
    expect(m.timeToDetectSeconds).toBeGreaterThan(0);
    expect(m.timeToDetectSeconds).toBeLessThan(2);
    expect(m.timeToMoveSeconds).toBeGreaterThanOrEqual(m.timeToDetectSeconds);
    expect(m.failedAfterMove).toBe(0);
    expect(m.recoverSeconds).toBeLessThan(5);
    expect(Object.keys(json.timeline)).toEqual([
      'start',
      'injected',
      'unhealthy',
      'moved',
      'restoreRequested',
      'back',
    ]);
    expect(json.findings).toEqual([]);
    const after = await state();
    expect(after.routing.serving).toBe('us-east-1');
    expect(after.regions['us-east-1'].functionFaults).toBeNull();
  });
});

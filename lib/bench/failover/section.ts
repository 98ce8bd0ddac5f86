import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sandboxConsole } from '../../console/sandbox-console';
import { main as drill } from '../../drill/main';
import type { DrillReport } from '../../drill/report';
import { probeResource } from '../../routes/probe-resource';
import { type Sandbox, startSandbox } from '../../sandbox/sandbox';
import { type Figure, figure } from '../figures';
import { median } from '../stats';
import { failedSince, startClientTraffic } from './client-traffic';

const SECTION = 'failover';
const REGION = 'us-east-1';

export interface FailoverSectionOptions {
  /** Sandbox health-check probe interval. */
  readonly healthIntervalMs: number;
  /** Drill's pause between polls and probes. */
  readonly pollMs: number;
  /** Drills in a row; the median times count, failed requests add up. */
  readonly runs: number;
  readonly log: (line: string) => void;
}

async function waitAllHealthy(sandbox: Sandbox, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const regions = Object.values(sandbox.control.state().regions);
    if (regions.every((r) => r.healthCheck.healthy && !r.healthCheck.inverted)) return;
    if (Date.now() > until) throw new Error('the sandbox regions did not all turn healthy');
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function accessToken(sandbox: Sandbox): Promise<string> {
  const res = await fetch(`${sandbox.endpoints.issuer}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'bench', groups: ['member'] }),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

/** One drill through the CLI's own `--target local` path, with client traffic running throughout. */
async function oneDrill(sandbox: Sandbox, itemUrl: string, token: string, options: FailoverSectionOptions) {
  await waitAllHealthy(sandbox);
  const reportFile = join(sandbox.dataDir, `drill-${Date.now()}.json`);
  const traffic = startClientTraffic(itemUrl, { authorization: `Bearer ${token}` });
  const errors: string[] = [];
  const argv = ['--target', 'local', '--endpoints', join(sandbox.dataDir, 'endpoints.json')];
  argv.push('--region', REGION, '--execute', '--report', reportFile);
  argv.push('--poll-ms', String(options.pollMs), '--timeout', '60');
  const code = await drill(argv, { out: () => undefined, err: (l) => errors.push(l) });
  const requests = await traffic.stop();
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as DrillReport;
  if (code !== 0 || report.outcome !== 'passed') {
    throw new Error(`the drill did not pass (exit ${code}): ${report.error ?? errors.join(' ')}`);
  }
  const moved = Date.parse(report.timeline.moved?.at ?? '');
  return {
    failoverMs: report.durations.failoverMs as number,
    failbackMs: report.durations.failbackMs as number,
    failedAfterSwitch: failedSince(requests, moved),
    requests: requests.length,
  };
}

/**
 * Runs the drill engine (`npm run drill -- --target local`) against an in-process sandbox probing every
 * `healthIntervalMs`, and compares time to fail over (drill start → traffic moved) and to fail back
 * (restore → traffic back) with the theory, interval × failure threshold. Targets: ≤ 2 × the theory,
 * and no failed client request from the moment the switch completed.
 */
export async function failoverSection(options: FailoverSectionOptions): Promise<Figure[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-failover-'));
  const sandbox = await startSandbox({
    memory: true,
    dataDir,
    portBase: 0,
    healthIntervalMs: options.healthIntervalMs,
    replicationLagMs: 50,
    extend: sandboxConsole,
  });
  try {
    const token = await accessToken(sandbox);
    const resource = probeResource();
    const res = await fetch(`${sandbox.endpoints.router}${resource.collectionPath}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'failover bench' }),
    });
    const { id } = (await res.json()) as { id: string };
    const itemUrl = `${sandbox.endpoints.router}${resource.itemPath(id)}`;
    const runs = [];
    for (let i = 0; i < options.runs; i++) runs.push(await oneDrill(sandbox, itemUrl, token, options));
    const threshold = sandbox.config.healthCheck.failureThreshold;
    const theoryMs = options.healthIntervalMs * threshold;
    const basis = `${options.healthIntervalMs} ms × ${threshold}`;
    const failed = runs.reduce((n, r) => n + r.failedAfterSwitch, 0);
    const total = runs.reduce((n, r) => n + r.requests, 0);
    options.log(`  failover: ${runs.length} drills, ${total} client requests`);
    const target = { of: 'ratio', max: 2 } as const;
    return [
      figure({
        section: SECTION,
        name: `time to fail over (median of ${runs.length})`,
        unit: 'ms',
        value: median(runs.map((r) => r.failoverMs)),
        baseline: theoryMs,
        target,
        note: `theory ${basis}`,
      }),
      figure({
        section: SECTION,
        name: `time to fail back (median of ${runs.length})`,
        unit: 'ms',
        value: median(runs.map((r) => r.failbackMs)),
        baseline: theoryMs,
        target,
        note: `theory ${basis}`,
      }),
      figure({
        section: SECTION,
        name: 'failed client requests after the switch',
        unit: 'count',
        value: failed,
        target: { of: 'value', max: 0 },
        note: `of ${total} requests in ${runs.length} drills`,
      }),
    ];
  } finally {
    await sandbox.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

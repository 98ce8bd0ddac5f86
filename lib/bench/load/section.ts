import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sandboxConsole } from '../../console/sandbox-console';
import { probeResource } from '../../routes/probe-resource';
import { startSandbox } from '../../sandbox/sandbox';
import { type Figure, figure } from '../figures';
import { percentile } from '../stats';
import { startBaselineProcess } from './baseline-process';
import { type LoadOptions, type LoadResult, runLoad } from './load-loop';
import { mergeLoadResults } from './merge';
import { SCENARIOS, type Scenario, type ScenarioTarget, scenarioRequest } from './scenarios';

const SECTION = 'api';

export interface ApiSectionOptions {
  /** One round's load; each system gets `rounds` of them, in turns. */
  readonly load: LoadOptions;
  readonly rounds: number;
  /** Unmeasured load before each measured run (JIT, connection pools, lazy handler loads). */
  readonly warmupMs: number;
  /** Items created before measuring, so `list` returns a full page of 20. */
  readonly seedItems: number;
  readonly log: (line: string) => void;
}

async function seed(target: Omit<ScenarioTarget, 'itemId'>, count: number): Promise<string> {
  let id = '';
  for (let i = 0; i < count; i++) {
    const res = await fetch(`${target.baseUrl}${probeResource().collectionPath}`, {
      method: 'POST',
      headers: { ...target.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ name: `seed ${i}`, tags: ['bench'] }),
    });
    if (res.status !== 201)
      throw new Error(`seeding ${target.baseUrl} failed: ${res.status} ${await res.text()}`);
    id = ((await res.json()) as { id: string }).id;
  }
  return id;
}

interface Started {
  readonly target: ScenarioTarget;
  stop(): Promise<void>;
}

async function startSandboxTarget(seedItems: number): Promise<Started> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-api-'));
  // Health probes once a second: present as in `npm start`, but not a load of their own.
  // With the console mounted, as `npm start` runs it: the router counts traffic for it on every request.
  const sandbox = await startSandbox({
    memory: true,
    dataDir,
    portBase: 0,
    healthIntervalMs: 1000,
    extend: sandboxConsole,
  });
  const stop = async () => {
    await sandbox.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const res = await fetch(`${sandbox.endpoints.issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bench', groups: ['member'] }),
    });
    const { access_token } = (await res.json()) as { access_token: string };
    const target = {
      baseUrl: sandbox.endpoints.router,
      headers: { authorization: `Bearer ${access_token}` },
    };
    return { target: { ...target, itemId: await seed(target, seedItems) }, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

async function startBaselineTarget(seedItems: number): Promise<Started> {
  const server = await startBaselineProcess();
  try {
    const itemId = await seed({ baseUrl: server.url }, seedItems);
    return { target: { baseUrl: server.url, itemId }, stop: () => server.close() };
  } catch (e) {
    await server.close();
    throw e;
  }
}

/**
 * Both systems run side by side and take turns, round by round, so a change in the machine's load
 * (shared runners swing by 2× within a minute) hits both alike instead of skewing the ratio.
 */
async function measureInTurns(sandbox: ScenarioTarget, baseline: ScenarioTarget, options: ApiSectionOptions) {
  const results = new Map<Scenario, { sandbox: LoadResult; baseline: LoadResult }>();
  for (const s of SCENARIOS) {
    const requests = { sandbox: scenarioRequest(s, sandbox), baseline: scenarioRequest(s, baseline) };
    const runs = { sandbox: [] as LoadResult[], baseline: [] as LoadResult[] };
    for (const which of ['baseline', 'sandbox'] as const) {
      await runLoad(requests[which], { ...options.load, durationMs: options.warmupMs });
    }
    for (let round = 0; round < options.rounds; round++) {
      // Alternate who goes first, so neither always follows the other's garbage collection.
      const order = round % 2 === 0 ? (['baseline', 'sandbox'] as const) : (['sandbox', 'baseline'] as const);
      for (const which of order) runs[which].push(await runLoad(requests[which], options.load));
    }
    results.set(s, { sandbox: mergeLoadResults(runs.sandbox), baseline: mergeLoadResults(runs.baseline) });
  }
  return results;
}

/**
 * Throughput and latency of get, list and create through the sandbox (router → region process with the
 * real authorizer and handlers → DynamoDB endpoint → dynalite) against a bare server making the same
 * DynamoDB calls on dynalite. Targets: throughput ≥ 70 % and p99 ≤ 3 × the baseline's.
 */
export async function apiSection(options: ApiSectionOptions): Promise<Figure[]> {
  const baseline = await startBaselineTarget(options.seedItems);
  let results: Awaited<ReturnType<typeof measureInTurns>>;
  try {
    const sandbox = await startSandboxTarget(options.seedItems);
    try {
      results = await measureInTurns(sandbox.target, baseline.target, options);
    } finally {
      await sandbox.stop();
    }
  } finally {
    await baseline.stop();
  }
  const figures: Figure[] = [];
  for (const s of SCENARIOS) {
    const { baseline: b, sandbox: m } = results.get(s) as { sandbox: LoadResult; baseline: LoadResult };
    options.log(
      `  api ${s}: sandbox ${m.requests} requests (${m.errors} errors), baseline ${b.requests} (${b.errors} errors)`,
    );
    const errorNote = (r: LoadResult) =>
      r.errors ? `${r.errors} errors, e.g. ${r.sampleErrors.join('; ')}` : undefined;
    if (m.latencies.length === 0 || b.latencies.length === 0) {
      throw new Error(`api ${s}: no successful request (${errorNote(m) ?? errorNote(b)})`);
    }
    figures.push(
      figure({
        section: SECTION,
        name: `${s} throughput`,
        unit: 'req/s',
        value: m.throughput,
        baseline: b.throughput,
        target: { of: 'ratio', min: 0.7 },
        note: errorNote(m),
      }),
      figure({
        section: SECTION,
        name: `${s} p50`,
        unit: 'ms',
        value: percentile(m.latencies, 50),
        baseline: percentile(b.latencies, 50),
      }),
      figure({
        section: SECTION,
        name: `${s} p99`,
        unit: 'ms',
        value: percentile(m.latencies, 99),
        baseline: percentile(b.latencies, 99),
        target: { of: 'ratio', max: 3 },
      }),
    );
  }
  return figures;
}

import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AppConfig } from '../../config/app-config';
import type { DrillArgs } from '../args';
import type { Clock } from '../clock';
import type { DataCheck, HealthCheckControl, TrafficProber } from '../ports';
import type { Progress } from '../progress';
import type { FaultInjector, ItemProber } from './fault-ports';
import { runScenario } from './run-scenario';
import { formatScenarioSummary, toScenarioReport } from './scenario-report';

/** The ports a chaos scenario uses, as the CLI's adapters provide them. */
export interface ScenarioAdapters {
  readonly control: HealthCheckControl;
  readonly prober: TrafficProber;
  readonly faults?: FaultInjector;
  readonly items?: ItemProber;
  readonly dataCheck?: DataCheck;
}

/** `npm run drill -- --scenario <chaos scenario>`: runs it, prints the summary, writes `--report`; the exit code. */
export async function runScenarioCli(
  args: DrillArgs,
  config: AppConfig,
  adapters: ScenarioAdapters,
  io: { out: (line: string) => void; clock: Clock; progress?: Progress; signal?: AbortSignal },
): Promise<number> {
  if (args.scenario === 'health-check') throw new Error('health-check runs on the drill engine');
  const result = await runScenario(
    {
      config,
      target: args.target,
      scenario: args.scenario,
      region: args.region,
      execute: args.execute,
      timeoutMs: args.timeoutMs,
      pollMs: args.pollMs,
      holdMs: args.holdMs,
      percentage: args.percentage,
      delayMs: args.delayMs,
      signal: io.signal,
    },
    { ...adapters, clock: io.clock, log: io.out, ...(io.progress ? { progress: io.progress } : {}) },
  );
  const report = toScenarioReport(result);
  if (result.executed) io.out(`\n${formatScenarioSummary(report)}`);
  else io.out('Dry run: nothing changed. Add --execute to run this scenario.');
  if (args.reportFile) {
    writeFileSync(resolve(args.reportFile), `${JSON.stringify(report, null, 2)}\n`);
    io.out(`Report written to ${args.reportFile}`);
  }
  if (!result.restored) return 1;
  return result.outcome === 'failed' ? 1 : 0;
}

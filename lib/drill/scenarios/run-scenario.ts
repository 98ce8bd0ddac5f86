import { DrillError } from '../errors';
import { createProgress } from '../progress';
import type { Injection } from './fault-ports';
import { runFunctionFaults } from './function-faults';
import { preflight } from './preflight';
import { runReplicationPause } from './replication-pause';
import type { ScenarioDeps, ScenarioOptions, ScenarioResult } from './scenario-types';

/**
 * Runs one of the chaos scenarios (everything but `health-check`, which is the engine's inversion drill):
 * refuses unless all is healthy and fault-free, prints the plan, and with `execute` injects, measures and
 * always removes the fault.
 */
export async function runScenario(options: ScenarioOptions, given: ScenarioDeps): Promise<ScenarioResult> {
  const progress = given.progress ?? createProgress({ clock: given.clock, log: given.log });
  const deps = { ...given, progress, log: progress.log };
  const region = options.region ?? options.config.primaryRegion;
  if (options.execute && options.region === undefined) {
    throw new DrillError('--region is required with --execute: name the region to impair');
  }
  if (options.execute && !deps.faults) {
    throw new DrillError(
      `${options.scenario} cannot run against ${options.target}: it has no fault injector`,
    );
  }
  const checks = await preflight(options.config.regions, region, deps.control, deps.faults);
  const injection = await deps.faults?.injection?.(options.scenario, region);
  const scoped = { ...options, region, ...fixedBy(options, injection) };
  const lines = injection?.lines ?? [];
  return options.scenario === 'replication-pause'
    ? runReplicationPause(scoped, deps, lines)
    : runFunctionFaults(scoped, deps, checks, lines);
}

/**
 * A deployed FIS template fixes the share of invocations hit and the delay: the plan and the measures use
 * its values, and a flag asking for others is refused rather than silently ignored.
 */
function fixedBy(options: ScenarioOptions, injection: Injection | undefined): Partial<ScenarioOptions> {
  if (!injection || options.scenario === 'replication-pause') return {};
  const fixed: { percentage?: number; delayMs?: number } = {};
  const check = (flag: string, asked: number | undefined, set: number | undefined, setting: string) => {
    if (set === undefined) return;
    if (asked !== undefined && asked !== set) {
      throw new DrillError(
        `${flag} ${asked} differs from the experiment template's ${set} (config ${setting}, fixed when the app ` +
          `was deployed). Drop ${flag}, or change ${setting} and deploy.`,
      );
    }
    return set;
  };
  const percentage = check(
    '--percentage',
    options.percentage,
    injection.percentage,
    'chaos.invocationPercentage',
  );
  if (percentage !== undefined) fixed.percentage = percentage;
  if (options.scenario === 'function-latency') {
    const delayMs = check('--delay-ms', options.delayMs, injection.delayMs, 'chaos.startupDelayMilliseconds');
    if (delayMs !== undefined) fixed.delayMs = delayMs;
  }
  return fixed;
}

import { DrillError } from '../errors';
import { createProgress } from '../progress';
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
      `${options.scenario} cannot run against ${options.target} yet: it needs AWS Fault Injection Service ` +
        'experiment templates, which this version of the CDK app does not create. Run it against the sandbox ' +
        'with --target local, or see the plan without --execute.',
    );
  }
  const checks = await preflight(options.config.regions, region, deps.control, deps.faults);
  const scoped = { ...options, region };
  return options.scenario === 'replication-pause'
    ? runReplicationPause(scoped, deps)
    : runFunctionFaults(scoped, deps, checks);
}

import type { AppConfig } from '../config/app-config';
import type { DrillArgs } from './args';
import { buildPlan, formatPlan } from './plan';
import type { HealthCheckRef } from './ports';
import { planFunctionFaults } from './scenarios/function-faults';
import type { ScenarioName } from './scenarios/names';
import { planReplicationPause, sourceRegion } from './scenarios/replication-pause';
import { formatScenarioPlan } from './scenarios/scenario-plan';
import type { ScenarioOptions } from './scenarios/scenario-types';

/** The FIS action each chaos scenario's experiment template runs (lib/constructs/chaos-experiments.ts). */
const FIS_ACTIONS: Record<Exclude<ScenarioName, 'health-check'>, string> = {
  'replication-pause': 'aws:dynamodb:global-table-pause-replication',
  'function-errors': 'aws:lambda:invocation-error',
  'function-latency': 'aws:lambda:invocation-add-delay',
};

/** The experiment template the CDK app builds for a scenario, as the config describes it. */
function configuredInjection(
  config: AppConfig,
  scenario: Exclude<ScenarioName, 'health-check'>,
  region: string,
): string[] {
  const c = config.chaos;
  const parameters = [
    `duration PT${c.maxDurationMinutes}M`,
    ...(scenario === 'replication-pause' ? [] : [`invocationPercentage ${c.invocationPercentage}`]),
    ...(scenario === 'function-latency' ? [`startupDelayMilliseconds ${c.startupDelayMilliseconds}`] : []),
  ];
  return [
    `FIS experiment template tagged AppName=${config.appName}, AppRegion=${region}, Scenario=${scenario} (not looked up)`,
    `action ${FIS_ACTIONS[scenario]}: ${parameters.join(', ')} (from config.chaos)`,
    `stop conditions: ${region}'s "region unhealthy" composite alarm and the shared-hostname canary's alarm`,
  ];
}

/**
 * The dry run's plan from the config alone, for `--target aws` without usable credentials: the steps and
 * the expected times (health check interval × threshold, the records' TTL, the hold), clearly marked as
 * not checked against an account, and how to add credentials to check it.
 */
export function formatOfflinePlan(
  args: DrillArgs,
  argv: readonly string[],
  config: AppConfig,
  cause: string,
): string {
  const region = args.region ?? config.primaryRegion;
  const check: HealthCheckRef = {
    region,
    id: '(not looked up)',
    intervalSeconds: config.healthCheck.intervalSeconds,
    failureThreshold: config.healthCheck.failureThreshold,
  };
  const lookedUp: string[] = ['the health check ids and their state', 'where traffic lands now'];
  let plan: string;
  if (args.scenario === 'health-check') {
    plan = formatPlan(
      buildPlan({
        target: 'aws',
        region,
        mode: config.routing,
        primaryRegion: config.primaryRegion,
        probeUrl: `https://${config.domainName}/health`,
        baselineRegion: null,
        probed: false,
        check,
        timeoutMs: args.timeoutMs,
      }),
    );
  } else {
    const options: ScenarioOptions = {
      config,
      target: 'aws',
      scenario: args.scenario,
      region,
      execute: false,
      timeoutMs: args.timeoutMs,
      pollMs: args.pollMs,
      holdMs: args.holdMs,
      // A deployed template's parameters come from config.chaos; the flags cannot change them.
      percentage: config.chaos.invocationPercentage,
      delayMs: config.chaos.startupDelayMilliseconds,
    };
    const scenarioPlan =
      args.scenario === 'replication-pause'
        ? planReplicationPause(
            options,
            region,
            sourceRegion(config.regions, config.primaryRegion, region),
            null,
          )
        : planFunctionFaults(options, region, check, null);
    const notes = config.chaos.enabled
      ? scenarioPlan.notes
      : [
          ...scenarioPlan.notes,
          'chaos.enabled is false in this config: the app has no FIS experiment templates to run. Set ' +
            '"chaos": { "enabled": true } and deploy first (docs/DEPLOY.md).',
        ];
    plan = formatScenarioPlan({
      ...scenarioPlan,
      injection: configuredInjection(config, args.scenario, region),
      notes,
    });
    lookedUp.push('the experiment template, its stop conditions and running experiments');
  }
  return [
    `NOT CHECKED AGAINST AN ACCOUNT: no usable AWS credentials (${cause}).`,
    'This plan comes from the config alone; the expected times are what the config implies.',
    '',
    plan,
    `  not looked up:   ${lookedUp.join('; ')}`,
    '',
    'To check it against the account, give the drill credentials and run the same command again:',
    '  aws configure sso                  # once: sets up a profile for your IAM Identity Center user',
    '  aws sso login --profile <profile>  # when the session has expired',
    `  AWS_PROFILE=<profile> npm run drill -- ${argv.join(' ')}`,
    'or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (docs/RUNBOOK.md, "Running a drill", for the permissions).',
  ].join('\n');
}

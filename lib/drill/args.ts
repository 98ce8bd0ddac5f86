import { parseArgs } from 'node:util';
import type { DrillTarget } from './plan';
import { isScenario, SCENARIO_SUMMARY, SCENARIOS, type ScenarioName } from './scenarios/names';

/** The drill's command line, parsed and checked. */
export interface DrillArgs {
  readonly help: boolean;
  readonly target: DrillTarget;
  readonly region?: string;
  readonly execute: boolean;
  readonly configFile?: string;
  readonly reportFile?: string;
  readonly endpointsFile?: string;
  readonly timeoutMs: number;
  readonly pollMs: number;
  readonly dataCheck: boolean;
  /** @default 'health-check' */
  readonly scenario: ScenarioName;
  /** Percentage of invocations the function scenarios hit (1–100). */
  readonly percentage?: number;
  /** Startup delay of function-latency, in milliseconds. */
  readonly delayMs?: number;
  /** How long a chaos scenario holds its fault, in milliseconds. */
  readonly holdMs?: number;
}

/** Wrong flags or values; the CLI prints the message and the usage and exits with 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** AWS moves in tens of seconds per step plus DNS TTLs; the sandbox in a few seconds. */
const DEFAULTS: Record<DrillTarget, { timeoutSeconds: number; pollMs: number }> = {
  aws: { timeoutSeconds: 900, pollMs: 5000 },
  local: { timeoutSeconds: 120, pollMs: 500 },
};

export const USAGE = `Usage: npm run drill -- [options]

Failover drill: takes one region out of DNS routing by INVERTING its Route 53 health check (never
disabling it: a disabled check counts as healthy), measures detection, failover and fail-back by probing
GET /health and reading x-region, then restores the check. Without --execute it only prints the plan.

Options:
  --region <region>     Region to take out; one of the config's regions. Required with --execute.
                        Dry run default: where probes land now, else primaryRegion.
  --target aws|local    aws: the deployed app (Route 53, https://<domainName>/health); local: the running
                        sandbox (npm start) through its control API and router. Default: aws.
  --execute             Really run the drill. Without it nothing is changed (dry run).
  --config <file>       JSON config file (same schema as cdk.json's "config"). Default: cdk.json context.
  --report <file>       Write the timeline (start, unhealthy, moved, restored, back; ISO times and offsets),
                        time to detect / fail over / fail back, failed probes and the data check as JSON.
  --timeout <seconds>   Overall limit; the health check is restored when it passes.
                        Default: ${DEFAULTS.aws.timeoutSeconds} (aws), ${DEFAULTS.local.timeoutSeconds} (local).
  --poll-ms <ms>        Pause between status polls and probes. Default: ${DEFAULTS.aws.pollMs} (aws), ${DEFAULTS.local.pollMs} (local).
  --endpoints <file>    Sandbox endpoints file (--target local). Default: .sandbox/endpoints.json.
  --skip-data-check     Do not write a marker item in the region before the drill and read it back from
                        the survivor (the RPO check). It runs by default with --execute.
  --scenario <name>     What to do to the region (default: health-check):
${SCENARIOS.map((n) => `                          ${n.padEnd(18)} ${SCENARIO_SUMMARY[n]}`).join('\n')}
                        The chaos scenarios (all but health-check) run against the sandbox (--target local)
                        or, with "chaos": { "enabled": true } deployed, the region's AWS FIS experiment
                        template (function scenarios also need PROBE_CLIENT_ID, PROBE_USERNAME and
                        PROBE_PASSWORD: the synthetic user; see docs/RUNBOOK.md, "Chaos drills").
  --percentage <1-100>  function-errors / function-latency: share of invocations hit. Default: 100 (aws: the
                        template's chaos.invocationPercentage, which a deployed template fixes; so does
                        chaos.startupDelayMilliseconds for --delay-ms).
  --delay-ms <ms>       function-latency: delay before each hit invocation starts. Default: 3000.
  --hold <seconds>      Chaos scenarios: how long the fault stays in place. Default: replication-pause until
                        its alarm threshold has passed (+ 2 polls); function scenarios 10 (local), 300 (aws).
  -h, --help            Show this help.

The drill refuses to start unless every region's check is healthy, not inverted and not disabled. It
restores what it changed on success, error, timeout and Ctrl-C (SIGINT/SIGTERM). On a terminal each wait
is one status line updated in place; in a log, one line per wait every 5 s at most. A dry run against AWS
without credentials still prints the plan from the config, marked as not checked against an account.

Examples:
  npm run drill -- --region eu-west-1                         # plan only
  npm run drill -- --region eu-west-1 --execute --report drill.json
  npm run drill -- --target local --region eu-west-1 --execute
  npm run drill -- --target local --scenario function-errors --percentage 50 --region us-east-1 --execute
  npm run drill -- --target local --scenario replication-pause --region eu-west-1 --execute --report r.json
`;

const positiveInt = (flag: string, value: string | undefined, fallback: number): number => {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0)
    throw new UsageError(`${flag} must be a positive whole number, got "${value}"`);
  return n;
};

const optionalInt = (flag: string, value: string | undefined): number | undefined =>
  value === undefined ? undefined : positiveInt(flag, value, 0);

export function parseDrillArgs(argv: readonly string[]): DrillArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        help: { type: 'boolean', short: 'h' },
        region: { type: 'string' },
        target: { type: 'string' },
        execute: { type: 'boolean' },
        config: { type: 'string' },
        report: { type: 'string' },
        endpoints: { type: 'string' },
        timeout: { type: 'string' },
        'poll-ms': { type: 'string' },
        'skip-data-check': { type: 'boolean' },
        scenario: { type: 'string' },
        percentage: { type: 'string' },
        'delay-ms': { type: 'string' },
        hold: { type: 'string' },
      },
    }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const target = (values.target as string | undefined) ?? 'aws';
  if (target !== 'aws' && target !== 'local') {
    throw new UsageError(`--target must be "aws" or "local", got "${target}"`);
  }
  const execute = values.execute === true;
  const region = values.region as string | undefined;
  if (execute && !region && values.help !== true) {
    throw new UsageError('--region is required with --execute: name the region to take out');
  }
  const scenario = (values.scenario as string | undefined) ?? 'health-check';
  if (!isScenario(scenario)) {
    throw new UsageError(`--scenario must be one of ${SCENARIOS.join(', ')}, got "${scenario}"`);
  }
  const percentage = optionalInt('--percentage', values.percentage as string | undefined);
  if (percentage !== undefined && percentage > 100) {
    throw new UsageError(`--percentage must be between 1 and 100, got "${values.percentage}"`);
  }
  const delayMs = optionalInt('--delay-ms', values['delay-ms'] as string | undefined);
  const holdSeconds = optionalInt('--hold', values.hold as string | undefined);
  const d = DEFAULTS[target];
  return {
    scenario,
    ...(percentage !== undefined ? { percentage } : {}),
    ...(delayMs !== undefined ? { delayMs } : {}),
    ...(holdSeconds !== undefined ? { holdMs: holdSeconds * 1000 } : {}),
    help: values.help === true,
    target,
    region,
    execute,
    configFile: values.config as string | undefined,
    reportFile: values.report as string | undefined,
    endpointsFile: values.endpoints as string | undefined,
    timeoutMs: positiveInt('--timeout', values.timeout as string | undefined, d.timeoutSeconds) * 1000,
    pollMs: positiveInt('--poll-ms', values['poll-ms'] as string | undefined, d.pollMs),
    dataCheck: values['skip-data-check'] !== true,
  };
}

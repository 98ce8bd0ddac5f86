import { parseArgs } from 'node:util';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { AppConfig } from '../config/app-config';
import { loadProjectConfig } from '../config/load-config';
import { bake } from './bake';
import { bakeAlarms } from './delivery-plan';

export const BAKE_USAGE = `Usage: npx tsx bin/bake.ts --region <region> --minutes <n> [options]

Watches, for <n> minutes (0: one check), the region's composite "unhealthy" alarm and, in every other
region, the alarm of the canary that probes <region>; exits 1 as soon as one is in ALARM or missing.
The pipeline and the GitHub Actions workflow run it after each region's probe.

  --region <name>             region that was deployed (required)
  --minutes <n>               how long to watch, a whole number ≥ 0 (required)
  --config <file>             config file (default: cdk.json's context.config)
  --not-yet-deployed <name>   a region this run deploys later: its canary alarm may be missing (repeatable)`;

/** What the CLI reads from outside, replaceable in tests. */
export interface BakeCliDeps {
  readonly log: (line: string) => void;
  /** @default new CloudWatchClient({ region }) */
  readonly cloudwatch?: (region: string) => CloudWatchClient;
  /** @default loadProjectConfig */
  readonly loadConfig?: (configFile?: string) => AppConfig;
}

/** Runs the bake CLI and returns its exit code (0 quiet, 1 an alarm fired or is missing, 2 bad usage). */
export async function runBakeCli(argv: readonly string[], deps: BakeCliDeps): Promise<number> {
  let values: {
    region?: string;
    minutes?: string;
    config?: string;
    'not-yet-deployed'?: string[];
    help?: boolean;
  };
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        region: { type: 'string' },
        minutes: { type: 'string' },
        config: { type: 'string' },
        'not-yet-deployed': { type: 'string', multiple: true, default: [] },
        help: { type: 'boolean', default: false },
      },
    }).values;
  } catch (e) {
    deps.log(`${(e as Error).message}\n\n${BAKE_USAGE}`);
    return 2;
  }
  if (values.help) {
    deps.log(BAKE_USAGE);
    return 0;
  }
  const minutes = Number(values.minutes);
  if (!values.region || values.minutes === undefined || !Number.isInteger(minutes) || minutes < 0) {
    deps.log(`--region and --minutes (a whole number ≥ 0) are required\n\n${BAKE_USAGE}`);
    return 2;
  }
  const region = values.region;
  const config = (deps.loadConfig ?? loadProjectConfig)(values.config);
  const unknown = [region, ...(values['not-yet-deployed'] ?? [])].filter((r) => !config.regions.includes(r));
  if (unknown.length) {
    deps.log(`not among the config's regions (${config.regions.join(', ')}): ${unknown.join(', ')}`);
    return 2;
  }
  const clients = new Map<string, CloudWatchClient>();
  const cloudwatch = (r: string) => {
    let client = clients.get(r);
    if (!client) {
      client = deps.cloudwatch?.(r) ?? new CloudWatchClient({ region: r });
      clients.set(r, client);
    }
    return client;
  };
  try {
    const alarms = bakeAlarms(config, region, values['not-yet-deployed'] ?? []);
    const result = await bake({ cloudwatch, alarms, minutes, log: deps.log });
    deps.log(`${result.ok ? 'PASS' : 'FAIL'} bake ${region}: ${result.detail}`);
    return result.ok ? 0 : 1;
  } finally {
    for (const client of clients.values()) client.destroy();
  }
}

import { parseArgs } from 'node:util';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { bake } from './bake';

export const BAKE_USAGE = `Usage: npx tsx bin/bake.ts --region <region> --alarm <name> [--alarm <name>…] --minutes <n>

Watches the alarms in <region> for <n> minutes (0: one check) and exits 1 as soon as one is in ALARM
or missing; the pipeline runs it after each region's probe.`;

/** Runs the bake CLI and returns its exit code (0 quiet, 1 an alarm fired or is missing, 2 bad usage). */
export async function runBakeCli(
  argv: readonly string[],
  deps: { log: (line: string) => void; cloudwatch?: (region: string) => CloudWatchClient },
): Promise<number> {
  let values: { region?: string; alarm?: string[]; minutes?: string; help?: boolean };
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        region: { type: 'string' },
        alarm: { type: 'string', multiple: true },
        minutes: { type: 'string' },
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
  if (
    !values.region ||
    !values.alarm?.length ||
    values.minutes === undefined ||
    !Number.isInteger(minutes) ||
    minutes < 0
  ) {
    deps.log(`--region, --alarm and --minutes (a whole number ≥ 0) are required\n\n${BAKE_USAGE}`);
    return 2;
  }
  const region = values.region;
  const client = deps.cloudwatch?.(region) ?? new CloudWatchClient({ region });
  try {
    const result = await bake({ cloudwatch: client, alarmNames: values.alarm, minutes, log: deps.log });
    deps.log(`${result.ok ? 'PASS' : 'FAIL'} bake ${region}: ${result.detail}`);
    return result.ok ? 0 : 1;
  } finally {
    client.destroy();
  }
}

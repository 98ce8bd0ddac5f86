import { type CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { type Clock, systemClock } from '../drill/clock';

/** Options of {@link bake}. */
export interface BakeOptions {
  /** CloudWatch client in the baked region. */
  readonly cloudwatch: CloudWatchClient;
  /** Names of the alarms that must stay out of ALARM (the region's composite "unhealthy" alarm). */
  readonly alarmNames: readonly string[];
  /** How long to watch; 0 checks once. */
  readonly minutes: number;
  /** @default 30000 */
  readonly pollMs?: number;
  /** @default systemClock */
  readonly clock?: Clock;
  readonly log?: (line: string) => void;
}

/** The outcome of a bake: `ok`, or the alarms that fired (or could not be found). */
export interface BakeResult {
  readonly ok: boolean;
  readonly detail: string;
  /** Polls made. */
  readonly polls: number;
}

/**
 * Watches alarms for `minutes` after a region's deployment and probe: the region "bakes" under real
 * traffic. Stops at the first poll that finds an alarm in ALARM, or missing (a renamed alarm must not
 * pass silently). INSUFFICIENT_DATA counts as quiet: the children treat missing data as not breaching.
 */
export async function bake(o: BakeOptions): Promise<BakeResult> {
  const clock = o.clock ?? systemClock;
  const pollMs = o.pollMs ?? 30_000;
  const end = clock.now() + o.minutes * 60_000;
  let polls = 0;
  for (;;) {
    polls++;
    const out = await o.cloudwatch.send(
      new DescribeAlarmsCommand({
        AlarmNames: [...o.alarmNames],
        AlarmTypes: ['CompositeAlarm', 'MetricAlarm'],
      }),
    );
    const found = new Map(
      [...(out.CompositeAlarms ?? []), ...(out.MetricAlarms ?? [])].map((a) => [a.AlarmName, a.StateValue]),
    );
    const missing = o.alarmNames.filter((n) => !found.has(n));
    if (missing.length) return { ok: false, detail: `alarm not found: ${missing.join(', ')}`, polls };
    const firing = o.alarmNames.filter((n) => found.get(n) === 'ALARM');
    if (firing.length) return { ok: false, detail: `in ALARM: ${firing.join(', ')}`, polls };
    const left = end - clock.now();
    if (left <= 0) return { ok: true, detail: `quiet for ${o.minutes} minutes (${polls} checks)`, polls };
    o.log?.(
      `${o.alarmNames.join(', ')}: ${[...found.values()].join(', ')}; ${Math.ceil(left / 1000)} s left`,
    );
    await clock.sleep(Math.min(pollMs, left));
  }
}

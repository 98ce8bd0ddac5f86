import { type CloudWatchClient, DescribeAlarmsCommand, type StateValue } from '@aws-sdk/client-cloudwatch';
import { type Clock, systemClock } from '../drill/clock';

/** One alarm a bake watches. */
export interface WatchedAlarm {
  /** Region the alarm lives in. */
  readonly region: string;
  readonly name: string;
  /**
   * A missing alarm is skipped instead of failing the bake: a canary alarm in a region this run has not
   * deployed yet (it appears with that region's deployment).
   */
  readonly mayBeMissing?: boolean;
}

/** Options of {@link bake}. */
export interface BakeOptions {
  /** A CloudWatch client in the given region (one per region the alarms live in). */
  readonly cloudwatch: (region: string) => CloudWatchClient;
  /** The alarms that must stay out of ALARM (see `bakeAlarms`). */
  readonly alarms: readonly WatchedAlarm[];
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

/** `region/name`, how a bake names an alarm in its output. */
const label = (a: WatchedAlarm) => `${a.region}/${a.name}`;

/**
 * Watches alarms for `minutes` after a region's deployment and probe: the region "bakes" under real
 * traffic. Each poll describes the alarms of every region (one DescribeAlarms per region) and the bake
 * stops at the first poll that finds one in ALARM, or missing (a renamed alarm must not pass silently)
 * unless `mayBeMissing`.
 *
 * INSUFFICIENT_DATA counts as quiet, and is named in the result. The composite alarm's children treat
 * missing data as not breaching, so the composite is INSUFFICIENT_DATA only before its first evaluation.
 * The canary alarms treat missing data as breaching: INSUFFICIENT_DATA means "just created, not yet
 * evaluated" (first deploy, or an alarm replaced by a rename), and a canary that never reports turns
 * them to ALARM after 2 periods (10 minutes), which a bake of 10 minutes or more sees.
 */
export async function bake(o: BakeOptions): Promise<BakeResult> {
  const clock = o.clock ?? systemClock;
  const pollMs = o.pollMs ?? 30_000;
  const end = clock.now() + o.minutes * 60_000;
  const regions = [...new Set(o.alarms.map((a) => a.region))];
  const skipped = new Set<string>();
  let polls = 0;
  for (;;) {
    polls++;
    const states = new Map<string, StateValue | undefined>();
    for (const region of regions) {
      const names = o.alarms.filter((a) => a.region === region).map((a) => a.name);
      const out = await o
        .cloudwatch(region)
        .send(
          new DescribeAlarmsCommand({ AlarmNames: names, AlarmTypes: ['CompositeAlarm', 'MetricAlarm'] }),
        );
      for (const a of [...(out.CompositeAlarms ?? []), ...(out.MetricAlarms ?? [])]) {
        states.set(`${region}/${a.AlarmName}`, a.StateValue);
      }
    }
    const missing = o.alarms.filter((a) => !states.has(label(a)));
    const required = missing.filter((a) => !a.mayBeMissing);
    if (required.length) {
      return { ok: false, detail: `alarm not found: ${required.map(label).join(', ')}`, polls };
    }
    for (const a of missing.filter((m) => !skipped.has(label(m)))) {
      skipped.add(label(a));
      o.log?.(`${label(a)} does not exist yet (its region is deployed later in this run): not watched`);
    }
    const firing = [...states].filter(([, s]) => s === 'ALARM').map(([n]) => n);
    if (firing.length) return { ok: false, detail: `in ALARM: ${firing.join(', ')}`, polls };
    const left = end - clock.now();
    if (left <= 0) {
      const pending = [...states].filter(([, s]) => s === 'INSUFFICIENT_DATA').map(([n]) => n);
      const note = pending.length ? `; INSUFFICIENT_DATA (not evaluated yet): ${pending.join(', ')}` : '';
      return { ok: true, detail: `quiet for ${o.minutes} minutes (${polls} checks)${note}`, polls };
    }
    o.log?.(`${[...states].map(([n, s]) => `${n}: ${s}`).join(', ')}; ${Math.ceil(left / 1000)} s left`);
    await clock.sleep(Math.min(pollMs, left));
  }
}

import { DrillError } from '../errors';
import type { DataMarker } from '../ports';
import { createProgress } from '../progress';
import { withRetry } from '../retry';
import { watchFault } from './fault-watch';
import { msg, restoreAlways } from './restore';
import { createRunLoop } from './run-loop';
import { formatScenarioPlan, planned } from './scenario-plan';
import type { Measure, ScenarioDeps, ScenarioOptions, ScenarioPlan, ScenarioResult } from './scenario-types';

/** A CloudWatch alarm on a windowed metric: it can fire `windowMs` after replication stops at the earliest. */
export interface WindowAlarm {
  readonly name: string;
  readonly windowMs: number;
}

/** The replication alarm can only prove itself if the pause outlasts its evaluation window. */
function windowAlarmText(a: WindowAlarm, holdMs: number): string {
  const window = `${(a.windowMs / 1000).toFixed(0)} s`;
  return holdMs >= a.windowMs
    ? `${a.name} in ALARM ~${window} after the pause starts (period x evaluation periods)`
    : `${a.name} needs ~${window} (period x evaluation periods), longer than the hold: expect "did not ` +
        'fire within the pause"; a longer --hold (and --timeout, chaos.maxDurationMinutes) proves it';
}

/** With no alarm threshold to go by, hold the pause this long. */
const DEFAULT_HOLD_MS = { aws: 360_000, local: 10_000 } as const;

/** The region writes are made in while `region` is paused: the primary, or the first other region. */
export function sourceRegion(regions: readonly string[], primaryRegion: string, region: string): string {
  const source = primaryRegion !== region ? primaryRegion : regions.find((r) => r !== region);
  if (!source) throw new DrillError('replication-pause needs at least two regions');
  return source;
}

/**
 * Plans the pause: long enough for the replication alarm to fire (its threshold plus two polls), so the
 * drill proves the alarm, not only the lag.
 */
export function planReplicationPause(
  options: ScenarioOptions,
  region: string,
  source: string,
  alarmThresholdMs: number | null,
  windowAlarm: WindowAlarm | null = null,
): ScenarioPlan {
  const holdMs =
    options.holdMs ??
    (alarmThresholdMs !== null ? alarmThresholdMs + 2 * options.pollMs : DEFAULT_HOLD_MS[options.target]);
  const hold = `${(holdMs / 1000).toFixed(0)} s`;
  const alarm =
    windowAlarm !== null
      ? windowAlarmText(windowAlarm, holdMs)
      : alarmThresholdMs === null
        ? 'the target does not report it'
        : `in ALARM once the lag passes ${(alarmThresholdMs / 1000).toFixed(0)} s`;
  return {
    scenario: 'replication-pause',
    target: options.target,
    region,
    holdMs,
    timeoutMs: options.timeoutMs,
    steps: [
      [`1. pause replication of ${region}'s replica`, `to and from it: writes from ${source} stop arriving`],
      [`2. for ${hold}: write a marker in ${source} every poll`, `each acknowledged write is counted`],
      [`   and read the first one in ${region}`, 'must be missing (stale read proves the pause)'],
      [
        `3. watch ${source}->${region}: pending items, lag, alarm`,
        options.target === 'aws'
          ? 'items: markers not yet in the replica; lag: CloudWatch ReplicationLatency'
          : alarm,
      ],
      [`4. resume replication of ${region}'s replica`, 'always: on success, error, timeout and Ctrl-C'],
      [`5. read every marker in ${region}`, 'until all are there: the catch-up time'],
    ],
    expected: {
      'items behind': `one per poll while paused (~${Math.round(holdMs / options.pollMs)})`,
      'seconds behind': `grows with the pause, ~${hold}`,
      'replication alarm': alarm,
      'catch-up after resume':
        options.target === 'local' ? '< 2 s (sandbox lag + a poll)' : 'seconds to minutes',
      'acknowledged writes missing afterwards (RPO)': '0',
      'failed /health probes': '0 (the pause does not take the region out of DNS)',
    },
    notes:
      options.target === 'aws'
        ? [
            'aws:dynamodb:global-table-pause-replication may let replication continue for a few minutes after it ' +
              'starts; the hold covers that.',
          ]
        : [],
  };
}

/** Runs the replication-pause scenario (plan with `execute: false`). */
export async function runReplicationPause(
  options: ScenarioOptions,
  deps: ScenarioDeps,
  injection: readonly string[] = [],
): Promise<ScenarioResult> {
  const { config } = options;
  const region = options.region ?? config.primaryRegion;
  const source = sourceRegion(config.regions, config.primaryRegion, region);
  const before = await deps.faults?.replication(source, region).catch(() => null);
  const windowAlarm =
    before?.alarmName && before.alarmWindowMs
      ? { name: before.alarmName, windowMs: before.alarmWindowMs }
      : null;
  const plan = {
    ...planReplicationPause(options, region, source, before?.alarmThresholdMs ?? null, windowAlarm),
    injection,
  };
  deps.log(formatScenarioPlan(plan));
  if (!options.execute) return planned(plan);
  return { plan, ...(await execute(plan, source, windowAlarm, options, deps)) };
}

async function execute(
  plan: ScenarioPlan,
  source: string,
  windowAlarm: WindowAlarm | null,
  options: ScenarioOptions,
  deps: ScenarioDeps,
) {
  const { faults, dataCheck, prober, log, clock } = deps;
  const { region } = plan;
  if (!faults || !dataCheck) {
    throw new DrillError('replication-pause needs a fault injector and a data check on this target');
  }
  const progress = deps.progress ?? createProgress({ clock, log });
  const loop = createRunLoop({ ...options, clock, log });
  const retry = <T>(fn: () => Promise<T>) => withRetry(fn, { clock, signal: options.signal });
  const acked: DataMarker[] = [];
  const probes = { total: 0, failed: 0 };
  let maxPending = 0;
  let maxLagMs: number | null = null;
  // Markers not yet read in the paused replica: the items behind when the target cannot count them.
  let unseen: DataMarker[] = [];
  const markersBehind = async () => {
    const seen = await Promise.all(unseen.map((m) => retry(() => dataCheck.read(region, m))));
    unseen = unseen.filter((_, i) => !seen[i]);
    return unseen.length;
  };
  let alarmFired: boolean | null = null;
  let staleRead: boolean | null = null;
  let missing: DataMarker[] = [];
  // One write before anything changes: proves the write path, and keeps the SDK's first-call set-up
  // (seconds on a cold process) out of the pause's measurements.
  const warmUp = await retry(() => dataCheck.write(source));
  await retry(() => dataCheck.read(region, warmUp));
  await prober.probe(options.signal);
  const fault = watchFault(faults, region, loop, retry);
  loop.mark('start');
  const watch = async () => {
    const reported = await retry(() => faults.replication(source, region));
    const s = { ...reported, pending: reported.pending ?? (await markersBehind()) };
    maxPending = Math.max(maxPending, s.pending);
    if (s.lagMs !== null) maxLagMs = Math.max(maxLagMs ?? 0, s.lagMs);
    if (s.alarm !== null) alarmFired = alarmFired === true || s.alarm;
    if (s.alarm && loop.marks.alarm === undefined) loop.mark('alarm');
    return s;
  };

  const { error, restored } = await restoreAlways({
    loop,
    inject: async () => {
      await retry(() => faults.pauseReplication(region));
      loop.mark('paused');
      const until = loop.now() + plan.holdMs;
      const status = progress.wait(`${source}->${region} paused`, Math.round(plan.holdMs / 1000));
      let last = '';
      while (loop.now() < until && !fault.ended) {
        const marker = await retry(() => dataCheck.write(source));
        acked.push(marker);
        unseen.push(marker);
        if (staleRead === null) staleRead = !(await retry(() => dataCheck.read(region, acked[0])));
        const probe = await prober.probe(options.signal);
        probes.total++;
        if (!probe.ok) probes.failed++;
        const s = await watch();
        last =
          `${acked.length} writes acknowledged, ${s.pending} pending, ` +
          `lag ${s.lagMs === null ? '?' : (s.lagMs / 1000).toFixed(1)} s, alarm ${s.alarm === null ? 'unknown' : s.alarm ? 'ALARM' : 'OK'}`;
        const injectedNow = await fault.poll();
        if (injectedNow) last += `; ${injectedNow}`;
        if (fault.ended) break;
        status.update(last);
        await loop.pause();
      }
      status.end(last);
    },
    restore: async () => {
      await faults.resumeReplication(region);
      loop.mark('resumed');
    },
    restoreText: `Resume replication of ${region}'s replica by hand NOW (docs/RUNBOOK.md, "Chaos drills")`,
    log,
    clock,
    after: async () => {
      missing = [...acked];
      while (missing.length > 0) {
        const seen = await Promise.all(missing.map((m) => retry(() => dataCheck.read(region, m))));
        missing = missing.filter((_, i) => !seen[i]);
        await watch();
        if (missing.length > 0) await loop.pause();
      }
      loop.mark('caughtUp');
    },
  });
  if (error !== undefined && loop.marks.caughtUp === undefined && missing.length === 0) missing = [...acked];

  const m = loop.marks;
  const seconds = (a?: number, b?: number): Measure =>
    a === undefined || b === undefined ? null : Math.round((b - a) / 100) / 10;
  const measures: Record<string, Measure> = {
    writesAcknowledged: acked.length,
    writesMissingAfterCatchUp: error === undefined ? missing.length : null,
    maxItemsBehind: maxPending,
    maxSecondsBehind: maxLagMs === null ? null : Math.round(maxLagMs / 100) / 10,
    staleReadSeen: staleRead,
    replicationAlarmFired: alarmFired,
    alarmAfterSeconds: seconds(m.paused, m.alarm),
    ...(windowAlarm ? { alarmExpectedAfterSeconds: windowAlarm.windowMs / 1000 } : {}),
    catchUpSeconds: seconds(m.resumed, m.caughtUp),
    probesTotal: probes.total,
    probesFailed: probes.failed,
  };
  const findings: string[] = [...fault.findings()];
  if (staleRead === false)
    findings.push(`The first marker was already in ${region}: the pause did not take effect.`);
  // An alarm whose evaluation window the pause did not outlast could not fire: reported, not a failure.
  const alarmHadTime = windowAlarm === null || plan.holdMs >= windowAlarm.windowMs;
  if (alarmFired === false && alarmHadTime)
    findings.push(`The ${source}->${region} replication alarm did not fire during the pause.`);
  if (alarmFired === false && !alarmHadTime && windowAlarm !== null) {
    log(
      `The replication alarm ${windowAlarm.name} did not fire within the pause: it needs ` +
        `~${(windowAlarm.windowMs / 1000).toFixed(0)} s (period x evaluation periods), the pause held ` +
        `${(plan.holdMs / 1000).toFixed(0)} s.`,
    );
  }
  if (error === undefined && missing.length > 0)
    findings.push(`${missing.length} acknowledged writes never reached ${region}: data loss.`);
  if (probes.failed > 0) findings.push(`${probes.failed} /health probes failed during the pause.`);
  const failed = error !== undefined || !restored || acked.length === 0 || findings.length > 0;
  return {
    executed: true,
    outcome: failed ? ('failed' as const) : ('passed' as const),
    ...(error !== undefined ? { error: msg(error) } : {}),
    restored,
    marks: m,
    measures,
    findings,
  };
}

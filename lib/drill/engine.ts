import type { AppConfig } from '../config/app-config';
import type { Clock } from './clock';
import { DrillAbortedError, DrillError, DrillTimeoutError, RefusedError, UnknownRegionError } from './errors';
import { buildPlan, type DrillPlan, type DrillTarget, formatPlan } from './plan';
import type {
  AlarmReader,
  DataCheck,
  DataMarker,
  HealthCheckControl,
  HealthCheckRef,
  TrafficProber,
} from './ports';
import { createProgress, type Progress } from './progress';
import { withRetry } from './retry';
import type { Milestone, Timeline } from './timeline';

/** The adapters a drill runs against: AWS or the sandbox behind the same ports. */
export interface DrillDeps {
  readonly control: HealthCheckControl;
  readonly prober: TrafficProber;
  readonly clock: Clock;
  /** Writes a marker in the failing region and reads it from the survivor. @default - no data check */
  readonly dataCheck?: DataCheck;
  /** Reports alarms firing once the region is out. @default - alarms not read */
  readonly alarms?: AlarmReader;
  /** One progress line at a time. */
  readonly log: (line: string) => void;
  /** Status lines of the waits (a redrawn line on a terminal). @default - plain lines through `log`, one per 5 s */
  readonly progress?: Progress;
}

/** What to drill and how. */
export interface DrillOptions {
  readonly config: Pick<AppConfig, 'appName' | 'regions' | 'primaryRegion' | 'routing'>;
  readonly target: DrillTarget;
  /** Region to take out. @default - where probes land now, else the primary region */
  readonly region?: string;
  /** Without it the drill prints the plan and changes nothing. */
  readonly execute: boolean;
  /** Overall limit from the first change; the health check is restored when it passes. */
  readonly timeoutMs: number;
  /** Pause between polls of status and probes. */
  readonly pollMs: number;
  /** Consecutive probes that must agree before traffic counts as moved (or back). @default 3 */
  readonly consecutiveProbes?: number;
  /** Aborting it (Ctrl-C) stops the drill and restores what it changed. */
  readonly signal?: AbortSignal;
}

/** Outcome of the RPO check. */
export interface DataCheckResult {
  readonly writtenIn: string;
  readonly readFrom: string | null;
  readonly found: boolean;
  readonly markerId: string | null;
  readonly error?: string;
}

export interface DrillResult {
  readonly plan: DrillPlan;
  readonly executed: boolean;
  readonly outcome: 'planned' | 'passed' | 'failed';
  readonly error?: string;
  readonly timeline: Timeline;
  readonly probes: { readonly total: number; readonly failed: number };
  /** Where traffic went while the region was out. */
  readonly failoverRegion: string | null;
  readonly dataCheck: DataCheckResult | null;
  readonly alarmsFiring: readonly string[] | null;
  /** false only when the drill changed the health check and could not change it back. */
  readonly restored: boolean;
}

/** Plans the drill and, with `execute`, takes the region out and brings it back, restoring on any exit. */
export async function runDrill(options: DrillOptions, given: DrillDeps): Promise<DrillResult> {
  const { config } = options;
  const progress = given.progress ?? createProgress({ clock: given.clock, log: given.log });
  const deps = { ...given, progress, log: progress.log };
  if (options.region !== undefined && !config.regions.includes(options.region)) {
    throw new UnknownRegionError(options.region, config.regions);
  }
  if (options.execute && options.region === undefined) {
    throw new DrillError('--region is required with --execute: name the region to take out');
  }
  const retry = <T>(fn: () => Promise<T>) =>
    withRetry(fn, {
      clock: deps.clock,
      signal: options.signal,
      onRetry: (e, n, ms) => deps.log(`  throttled (${(e as Error).name}); retry ${n} in ${ms} ms`),
    });

  const checks = await retry(() => deps.control.findChecks(config.regions));
  const checkOf = (region: string): HealthCheckRef => {
    const check = checks.get(region);
    if (!check) throw new DrillError(`No health check for ${region}`);
    return check;
  };
  const statuses = await Promise.all(config.regions.map((r) => retry(() => deps.control.status(checkOf(r)))));
  const bad = statuses.filter((s) => !s.healthy || s.inverted || s.disabled);
  if (bad.length > 0) {
    const why = bad.map((s) => {
      const flags = [!s.healthy && 'unhealthy', s.inverted && 'inverted', s.disabled && 'disabled'];
      return `${s.region} is ${flags.filter(Boolean).join(', ')} (${s.detail})`;
    });
    throw new RefusedError(
      `Refusing to drill: ${why.join('; ')}. Every region must be healthy, and no check inverted or ` +
        'disabled, before a drill takes one out. If an interrupted drill left a check inverted, un-invert it ' +
        '(see docs/RUNBOOK.md, "Running a drill") and try again.',
    );
  }

  const baseline = await deps.prober.probe(options.signal);
  const baselineRegion = baseline.ok && baseline.region ? baseline.region : null;
  const mode = (await deps.control.routingMode?.()) ?? config.routing;
  const region =
    options.region ??
    (baselineRegion && config.regions.includes(baselineRegion) ? baselineRegion : config.primaryRegion);
  const plan = buildPlan({
    target: options.target,
    region,
    mode,
    primaryRegion: config.primaryRegion,
    probeUrl: deps.prober.url,
    baselineRegion,
    check: checkOf(region),
    timeoutMs: options.timeoutMs,
  });
  deps.log(formatPlan(plan));
  if (!options.execute) {
    deps.log('Dry run: nothing changed. Add --execute to run this drill.');
    return {
      plan,
      executed: false,
      outcome: 'planned',
      timeline: {},
      probes: { total: 0, failed: 0 },
      failoverRegion: null,
      dataCheck: null,
      alarmsFiring: null,
      restored: true,
    };
  }
  return execute(plan, options, deps, retry);
}

type Retry = <T>(fn: () => Promise<T>) => Promise<T>;

async function execute(
  plan: DrillPlan,
  options: DrillOptions,
  deps: DrillDeps & { progress: Progress },
  retry: Retry,
) {
  const { clock, control, prober, log, progress } = deps;
  const { signal, pollMs } = options;
  const consecutive = options.consecutiveProbes ?? 3;
  const timeline: Timeline = {};
  const mark = (m: Milestone) => {
    timeline[m] = clock.now();
    log(`[${elapsed()}] ${m}`);
  };
  const start = clock.now();
  const deadline = start + options.timeoutMs;
  const elapsed = () => `+${((clock.now() - start) / 1000).toFixed(1)} s`;
  const probes = { total: 0, failed: 0 };
  let lastProbeRegion: string | null = null;

  const stopIfNeeded = () => {
    if (signal?.aborted) throw new DrillAbortedError(`Drill aborted (${reason(signal)})`);
    if (clock.now() >= deadline) {
      throw new DrillTimeoutError(`Drill timed out after ${Math.round(options.timeoutMs / 1000)} s`);
    }
  };
  const pause = async () => {
    stopIfNeeded();
    try {
      await clock.sleep(Math.min(pollMs, Math.max(0, deadline - clock.now())), signal);
    } catch {
      // the abort reason is reported by stopIfNeeded, worded for the operator
    }
    stopIfNeeded();
  };
  const probe = async () => {
    const r = await prober.probe(signal);
    stopIfNeeded(); // a probe cut short by Ctrl-C is not a failed request
    probes.total++;
    if (!r.ok) probes.failed++;
    lastProbeRegion = r.ok ? r.region : lastProbeRegion;
    return r;
  };
  /** Polls until `done`, probing on every tick so failed requests are counted over the whole drill. */
  const waitFor = async (
    what: string,
    expectedS: number,
    step: () => Promise<{ done: boolean; detail: string }>,
  ) => {
    const status = progress.wait(what, expectedS);
    for (;;) {
      stopIfNeeded();
      const { done, detail } = await step();
      if (done) {
        status.end(detail);
        return;
      }
      status.update(detail);
      await pause();
    }
  };
  const waitTraffic = (what: string, expectedS: number, ok: (region: string | null) => boolean) => {
    let streak = 0;
    return waitFor(what, expectedS, async () => {
      const r = await probe();
      streak = r.ok && ok(r.region) ? streak + 1 : 0;
      const seen = r.ok ? `x-region ${r.region}` : `failed (${r.error ?? r.status})`;
      return { done: streak >= consecutive, detail: `${seen}, ${streak}/${consecutive} in a row` };
    });
  };
  const waitHealth = (healthy: boolean, expectedS: number) =>
    waitFor(`${plan.region} ${healthy ? 'healthy' : 'unhealthy'}?`, expectedS, async () => {
      await probe();
      const s = await retry(() => control.status(plan.check));
      return { done: s.healthy === healthy, detail: `${s.healthy ? 'healthy' : 'unhealthy'}, ${s.detail}` };
    });

  let error: unknown;
  let changed = false;
  let restored = true;
  let marker: DataMarker | null = null;
  let dataCheck: DataCheckResult | null = null;
  let alarmsFiring: string[] | null = null;
  let failoverRegion: string | null = null;
  mark('start');
  try {
    if (deps.dataCheck) {
      try {
        marker = await deps.dataCheck.write(plan.region);
        log(`  data check: wrote marker ${marker.id} in ${plan.region} (${deps.dataCheck.description})`);
      } catch (e) {
        dataCheck = { writtenIn: plan.region, readFrom: null, found: false, markerId: null, error: msg(e) };
      }
    }
    stopIfNeeded();
    // Counted as changed before the call: if it applies but the answer is lost, restoring is still right.
    changed = true;
    await retry(() => control.setInverted(plan.check, true));
    mark('inverted');
    await waitHealth(false, plan.expected.detectSeconds);
    mark('unhealthy');
    if (deps.alarms) {
      alarmsFiring = await deps.alarms
        .alarmsFiring(plan.region)
        .catch((e) => [`(cannot read alarms: ${msg(e)})`]);
      log(`  alarms in ALARM: ${alarmsFiring.join(', ') || 'none'}`);
    }
    await waitTraffic(`traffic off ${plan.region}?`, plan.expected.failoverSeconds, (r) => r !== plan.region);
    failoverRegion = lastProbeRegion;
    mark('moved');
    if (deps.dataCheck && marker && failoverRegion) {
      dataCheck = await readMarker(deps.dataCheck, marker, failoverRegion, () => pause());
      log(`  data check: marker ${dataCheck.found ? 'found' : 'NOT found'} in ${failoverRegion}`);
    }
  } catch (e) {
    error = e;
  }
  if (marker && dataCheck === null) {
    const why = 'not read: the drill stopped before traffic moved';
    dataCheck = { writtenIn: marker.region, readFrom: null, found: false, markerId: marker.id, error: why };
  }
  if (changed) {
    try {
      // No abort signal here: a second Ctrl-C must not leave the region out of rotation.
      await withRetry(() => control.setInverted(plan.check, false), { clock, attempts: 8 });
      mark('restoreRequested');
    } catch (e) {
      restored = false;
      log(
        `RESTORE FAILED for ${plan.region} (${msg(e)}). Un-invert health check ${plan.check.id} by hand NOW ` +
          '(docs/RUNBOOK.md, "Running a drill").',
      );
      error ??= e;
    }
  }
  if (error === undefined) {
    try {
      await waitHealth(true, plan.expected.restoreSeconds);
      mark('restored');
      await waitTraffic(
        `traffic back in ${plan.backRegion}?`,
        plan.expected.failbackSeconds,
        (r) => r === plan.backRegion,
      );
      mark('back');
    } catch (e) {
      error = e;
    }
  }
  const failed = error !== undefined || (dataCheck !== null && !dataCheck.found);
  return {
    plan,
    executed: true,
    outcome: failed ? 'failed' : 'passed',
    ...(error !== undefined ? { error: msg(error) } : {}),
    timeline,
    probes,
    failoverRegion,
    dataCheck,
    alarmsFiring,
    restored,
  } satisfies DrillResult;
}

/** Replication is asynchronous (typically < 1 s), so the survivor gets a few polls to see the marker. */
async function readMarker(
  check: DataCheck,
  marker: DataMarker,
  region: string,
  pause: () => Promise<void>,
): Promise<DataCheckResult> {
  const base = { writtenIn: marker.region, readFrom: region, markerId: marker.id };
  try {
    for (let i = 0; i < 5; i++) {
      if (await check.read(region, marker)) return { ...base, found: true };
      await pause();
    }
    return { ...base, found: false, error: 'marker not visible in the survivor after 5 reads' };
  } catch (e) {
    return { ...base, found: false, error: msg(e) };
  }
}

function msg(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function reason(signal: AbortSignal): string {
  const r = signal.reason as unknown;
  return r instanceof Error ? r.message : String(r ?? 'aborted');
}

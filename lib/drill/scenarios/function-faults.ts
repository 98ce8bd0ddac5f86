import type { FunctionFaults } from '../../sandbox-contract/function-faults';
import { DrillError, RefusedError } from '../errors';
import type { HealthCheckRef } from '../ports';
import { createProgress } from '../progress';
import { withRetry } from '../retry';
import type { ItemProbeResult, RoutingHealth } from './fault-ports';
import { watchFault } from './fault-watch';
import { msg, restoreAlways } from './restore';
import { createRunLoop } from './run-loop';
import { formatScenarioPlan, planned } from './scenario-plan';
import type { Measure, ScenarioDeps, ScenarioOptions, ScenarioPlan, ScenarioResult } from './scenario-types';

const DEFAULT_HOLD_MS = { aws: 300_000, local: 10_000 } as const;

/** The faults a function scenario injects, named as the FIS actions' parameters. */
export function faultsFor(options: ScenarioOptions): FunctionFaults {
  const invocationPercentage = options.percentage ?? 100;
  return options.scenario === 'function-errors'
    ? { errors: { invocationPercentage } }
    : { latency: { invocationPercentage, startupDelayMilliseconds: options.delayMs ?? 3000 } };
}

/**
 * Whether the routing health can see this fault: only a calculated check over the item-route alarm can,
 * and only when the fault crosses the alarm's threshold (a 3 % error rate under a 5 % threshold is, by
 * design, not an outage).
 */
export function detectable(faults: FunctionFaults, health: RoutingHealth | null): boolean {
  if (!health) return false;
  if (faults.errors) return faults.errors.invocationPercentage > health.errorRatePercent;
  const latency = faults.latency;
  // The average over the window: the delayed share must lift it above the threshold.
  return (
    !!latency &&
    (latency.invocationPercentage / 100) * latency.startupDelayMilliseconds > health.averageLatencyMs
  );
}

/**
 * Plans a function scenario. With routing on `/health` alone (the deployed app today) the item-route
 * faults cannot be detected, and the plan says so: users see the errors or the delay and routing does not
 * react; the drill measures that gap. With a calculated check over the item-route alarm, it expects the
 * region out within the alarm's window, traffic moved with no failed request after that, and back later.
 */
export function planFunctionFaults(
  options: ScenarioOptions,
  region: string,
  check: HealthCheckRef,
  health: RoutingHealth | null,
): ScenarioPlan {
  const holdMs = options.holdMs ?? DEFAULT_HOLD_MS[options.target];
  const faults = faultsFor(options);
  const pct = options.percentage ?? 100;
  const what = faults.errors
    ? `${pct} % of item-route invocations fail (502)`
    : `${pct} % of item-route invocations start ${faults.latency?.startupDelayMilliseconds} ms late`;
  const detect = detectable(faults, health);
  const window = health ? `${(health.windowMs / 1000).toFixed(1)} s` : '';
  const routing = !health
    ? `stays healthy: ${region}'s routing follows check ${check.id} on /health only, which the faults do not touch`
    : detect
      ? `unhealthy within ~${window} (the item-route alarm's window), through the calculated check`
      : `stays healthy: the fault stays under the item-route alarm's thresholds (${health.errorRatePercent} % errors, ${health.averageLatencyMs} ms average latency)`;
  return {
    scenario: options.scenario,
    target: options.target,
    region,
    holdMs,
    timeoutMs: options.timeoutMs,
    steps: [
      ['1. probe an item route through the routed hostname', `must answer 2xx from ${region} first`],
      [`2. impair ${region}'s item-route functions`, what],
      [
        `3. for ${(holdMs / 1000).toFixed(0)} s: probe the item route every poll`,
        'count failures, time each answer',
      ],
      [
        `   and read ${region}'s routing health`,
        health ? 'calculated: /health AND item-route alarm' : `check ${check.id}`,
      ],
      ['4. remove the faults', 'always: on success, error, timeout and Ctrl-C'],
      [
        detect ? `5. probe until traffic is back in ${region}` : '5. probe until answers are normal again',
        detect ? "after the alarm's window has no failures" : 'within a poll or two',
      ],
    ],
    expected: {
      'failed item requests': faults.errors
        ? `~${pct} % while ${region} serves, 0 once traffic has moved`
        : '0 (slow, not failing, below the 29 s timeout)',
      'item latency': faults.latency
        ? `+${faults.latency.startupDelayMilliseconds} ms on ~${pct} % of requests`
        : 'unchanged',
      'routing health': routing,
      'traffic moves': detect
        ? `yes, to another region, once ${region} is unhealthy; failed requests after the move: 0`
        : 'no: users keep reaching the impaired region',
    },
    notes: health
      ? []
      : [
          "This region's routing follows its /health check alone (config healthCheck.itemRouteAlarm.enabled is " +
            'false): nothing takes it out while its item routes fail, so this scenario reports how long users ' +
            'were hit. Turn the setting on (the default) for a calculated check that also follows the item routes.',
        ],
  };
}

/** Runs `function-errors` or `function-latency` (plan only without `execute`). */
export async function runFunctionFaults(
  options: ScenarioOptions,
  deps: ScenarioDeps,
  checks: ReadonlyMap<string, HealthCheckRef>,
  injection: readonly string[] = [],
): Promise<ScenarioResult> {
  const region = options.region ?? options.config.primaryRegion;
  const check = checks.get(region);
  if (!check) throw new DrillError(`No health check for ${region}`);
  const health = (await deps.faults?.routingHealth?.(region)) ?? null;
  const plan = { ...planFunctionFaults(options, region, check, health), injection };
  deps.log(formatScenarioPlan(plan));
  if (!options.execute) return planned(plan);
  if (!deps.faults || !deps.items) {
    throw new DrillError(
      `${options.scenario} needs a fault injector and an item prober on this target` +
        (options.target === 'aws'
          ? ': set PROBE_CLIENT_ID, PROBE_USERNAME and PROBE_PASSWORD to the synthetic user the item probes ' +
            'sign in as (docs/DEPLOY.md)'
          : ''),
    );
  }
  return execute(plan, check, detectable(faultsFor(options), health), options, {
    ...deps,
    faults: deps.faults,
    items: deps.items,
  });
}

type Ready = ScenarioDeps & Required<Pick<ScenarioDeps, 'faults' | 'items'>>;

async function execute(
  plan: ScenarioPlan,
  check: HealthCheckRef,
  expectDetection: boolean,
  options: ScenarioOptions,
  deps: Ready,
): Promise<ScenarioResult> {
  const { faults, items, control, clock, log } = deps;
  const progress = deps.progress ?? createProgress({ clock, log });
  const { region } = plan;
  const injected = faultsFor(options);
  const delayMs = injected.latency?.startupDelayMilliseconds ?? 0;
  const consecutive = options.consecutiveProbes ?? 3;
  const retry = <T>(fn: () => Promise<T>) => withRetry(fn, { clock, signal: options.signal });
  /** What routing acts on: the calculated check when there is one, else the `/health` check. */
  const routingHealth = async () => {
    const calculated = await retry(async () => (await faults.routingHealth?.(region)) ?? null);
    if (calculated) return calculated;
    const s = await retry(() => control.status(check));
    return { healthy: s.healthy, detail: s.detail };
  };

  const baseline = await items.probe(options.signal);
  if (!baseline.ok || baseline.region !== region) {
    const seen = baseline.ok
      ? `answered from ${baseline.region}`
      : `failed (${baseline.error ?? baseline.status})`;
    throw new RefusedError(
      `Refusing to run ${plan.scenario}: the item route ${items.url} ${seen}; it must answer from ${region} ` +
        'first (latency routing sends this machine to its nearest region: impair that one).',
    );
  }
  const loop = createRunLoop({ ...options, clock, log });
  const during: ItemProbeResult[] = [];
  let failedAfterMove = 0;
  let streak = 0;
  const fault = watchFault(faults, region, loop, retry);
  loop.mark('start');
  const { error, restored } = await restoreAlways({
    loop,
    clock,
    log,
    inject: async () => {
      await retry(() => faults.setFunctionFaults(region, injected));
      loop.mark('injected');
      const until = loop.now() + plan.holdMs;
      const status = progress.wait(`${region} impaired`, Math.round(plan.holdMs / 1000));
      let last = '';
      while (loop.now() < until && !fault.ended) {
        const r = await items.probe(options.signal);
        loop.stopIfNeeded(); // a probe cut short by Ctrl-C is not a failed request
        during.push(r);
        const health = await routingHealth();
        if (!health.healthy && loop.marks.unhealthy === undefined) loop.mark('unhealthy');
        if (loop.marks.moved !== undefined && !r.ok) failedAfterMove++;
        streak = r.ok && r.region !== region ? streak + 1 : 0;
        if (streak >= consecutive && loop.marks.moved === undefined) loop.mark('moved');
        const seen = r.ok
          ? `${r.status} from ${r.region}`
          : `FAILED (${r.error ?? r.status} from ${r.region ?? '?'})`;
        const injectedNow = await fault.poll();
        last = `item route ${seen} in ${r.ms} ms; ${region} ${health.healthy ? 'healthy' : 'UNHEALTHY'}: ${health.detail}${injectedNow ? `; ${injectedNow}` : ''}`;
        if (fault.ended) break;
        status.update(last);
        await loop.pause();
      }
      status.end(last);
    },
    restore: async () => {
      await faults.setFunctionFaults(region, null);
      loop.mark('restoreRequested');
    },
    restoreText: `Remove the faults of ${region}'s item-route functions by hand NOW (docs/RUNBOOK.md, "Chaos drills")`,
    after: async () => {
      // Recovered: answers normal again, and (when traffic had moved) served by the region again.
      const wantBack = loop.marks.moved !== undefined;
      let good = 0;
      const status = progress.wait(wantBack ? `back in ${region}?` : 'recovered?', null);
      while (good < consecutive) {
        const r = await items.probe(options.signal);
        const normal = r.ok && (delayMs === 0 || r.ms < delayMs) && (!wantBack || r.region === region);
        good = normal ? good + 1 : 0;
        const detail = `${r.ok ? `${r.status} from ${r.region} in ${r.ms} ms` : 'FAILED'}, ${good}/${consecutive}`;
        if (good >= consecutive) status.end(detail);
        else {
          status.update(detail);
          await loop.pause();
        }
      }
      loop.mark(wantBack ? 'back' : 'recovered');
    },
  });

  const m = loop.marks;
  const failed = during.filter((r) => !r.ok).length;
  const slow = delayMs > 0 ? during.filter((r) => r.ok && r.ms >= delayMs).length : 0;
  const ms = during.map((r) => r.ms).sort((a, b) => a - b);
  const seconds = (a?: number, b?: number): Measure =>
    a === undefined || b === undefined ? null : Math.round((b - a) / 100) / 10;
  const measures: Record<string, Measure> = {
    routingHealthCoversItemRoutes: (await faults.routingHealth?.(region).catch(() => null)) != null,
    requestsWhileImpaired: during.length,
    failedWhileImpaired: failed,
    failedPercent: during.length ? Math.round((failed / during.length) * 1000) / 10 : null,
    slowWhileImpaired: delayMs > 0 ? slow : null,
    baselineMs: baseline.ms,
    p50Ms: ms.length ? ms[Math.floor(ms.length / 2)] : null,
    maxMs: ms.length ? ms[ms.length - 1] : null,
    timeToDetectSeconds: seconds(m.injected, m.unhealthy),
    timeToMoveSeconds: seconds(m.injected, m.moved),
    failedAfterMove: m.moved !== undefined ? failedAfterMove : null,
    recoverSeconds: seconds(m.restoreRequested, m.back ?? m.recovered),
  };
  const findings: string[] = [...fault.findings()];
  const felt = injected.errors ? failed > 0 : slow > 0;
  // With few probes and a low percentage no hit is plausible; from 5 expected hits on, it is not (p < 1 %).
  const expectedHits = (during.length * (options.percentage ?? 100)) / 100;
  // Taken out before any probe was hit (the canaries fed the alarm first) is the best outcome, not a dud.
  const unfelt = expectedHits >= 5 && !felt && m.unhealthy === undefined;
  if (unfelt) findings.push('No probe felt the fault: it did not take effect.');
  const hit = injected.errors
    ? `${measures.failedPercent} % of item requests failed`
    : `${slow} of ${during.length} item requests took ≥ ${delayMs} ms`;
  const notDetected = m.unhealthy === undefined && during.length > 0;
  if (notDetected && !expectDetection) {
    findings.push(
      `Not detected: ${region}'s routing health stayed healthy for ${(plan.holdMs / 1000).toFixed(0)} s while ${hit}; ` +
        'traffic was not moved (routing health covers /health only).',
    );
  }
  if (notDetected && expectDetection) {
    findings.push(`NOT DETECTED although the item-route alarm should have fired: ${hit}.`);
  }
  if (expectDetection && m.unhealthy !== undefined && m.moved === undefined) {
    findings.push(`${region} was taken out of routing but traffic did not move within the hold.`);
  }
  if (failedAfterMove > 0) findings.push(`${failedAfterMove} item requests failed after traffic had moved.`);
  // Not being detected is the expected outcome while routing follows /health alone (see the plan).
  const missedDetection = expectDetection && (m.unhealthy === undefined || m.moved === undefined);
  const bad = error !== undefined || !restored || unfelt || failedAfterMove > 0 || missedDetection;
  return {
    plan,
    executed: true,
    outcome: bad ? 'failed' : 'passed',
    ...(error !== undefined ? { error: msg(error) } : {}),
    restored,
    marks: m,
    measures,
    findings,
  };
}

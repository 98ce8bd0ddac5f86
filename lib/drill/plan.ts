import type { HealthCheckRef } from './ports';

export type DrillTarget = 'aws' | 'local';
export type RoutingMode = 'latency' | 'failover';

/** Alias records to API Gateway take the target's TTL (60 s); the sandbox router has no DNS cache. */
export const ROUTING_TTL_SECONDS: Record<DrillTarget, number> = { aws: 60, local: 0 };

/** What the drill will do and how long each step should take, computed before anything changes. */
export interface DrillPlan {
  readonly target: DrillTarget;
  /** The region taken out. */
  readonly region: string;
  readonly mode: RoutingMode;
  readonly primaryRegion: string;
  readonly probeUrl: string;
  /** Where probes from this machine land before the drill (null when the probe failed). */
  readonly baselineRegion: string | null;
  /** Where traffic must return for the drill to pass: the baseline (latency) or the primary (failover). */
  readonly backRegion: string;
  readonly check: HealthCheckRef;
  readonly ttlSeconds: number;
  readonly expected: {
    readonly detectSeconds: number;
    readonly failoverSeconds: number;
    readonly restoreSeconds: number;
    readonly failbackSeconds: number;
  };
  readonly timeoutMs: number;
  readonly notes: readonly string[];
}

/** Inputs of `buildPlan`. */
export type PlanInput = Pick<
  DrillPlan,
  'target' | 'region' | 'mode' | 'primaryRegion' | 'probeUrl' | 'baselineRegion' | 'check' | 'timeoutMs'
> & {
  /** false when no probe was sent (the dry run without credentials), so a null baseline is no failure. @default true */
  readonly probed?: boolean;
};

/** Detection ≈ interval × threshold; clients move once the record's TTL has passed on top of that. */
export function buildPlan(input: PlanInput): DrillPlan {
  const { check, mode, region, primaryRegion, baselineRegion } = input;
  const ttlSeconds = ROUTING_TTL_SECONDS[input.target];
  const detectSeconds = check.intervalSeconds * check.failureThreshold;
  const backRegion = mode === 'failover' ? primaryRegion : (baselineRegion ?? region);
  const notes: string[] = [];
  if (mode === 'failover' && region !== primaryRegion) {
    notes.push(
      `Failover routing: ${region} is the secondary, so traffic stays on ${primaryRegion}; ` +
        `the drill checks that no request lands in ${region} while it is out.`,
    );
  }
  if (mode === 'latency' && baselineRegion && baselineRegion !== region) {
    notes.push(
      `Latency routing sends this machine to ${baselineRegion}, not ${region}: the move away from ` +
        `${region} cannot be observed from here. Run the drill from a machine near ${region} to measure it.`,
    );
  }
  if (baselineRegion === null && input.probed !== false)
    notes.push(`The probe of ${input.probeUrl} failed; check the URL.`);
  const { probed: _, ...planned } = input;
  return {
    ...planned,
    backRegion,
    ttlSeconds,
    expected: {
      detectSeconds,
      failoverSeconds: detectSeconds + ttlSeconds,
      // Route 53 needs as many consecutive successes to turn healthy again as failures to turn unhealthy.
      restoreSeconds: detectSeconds,
      failbackSeconds: detectSeconds + ttlSeconds,
    },
    notes,
  };
}

/** The plan as the operator reads it, before `--execute`. */
export function formatPlan(plan: DrillPlan): string {
  const e = plan.expected;
  const lines = [
    `Drill plan (${plan.target}, ${plan.mode} routing)`,
    `  take out:        ${plan.region} (health check ${plan.check.id}, every ${plan.check.intervalSeconds} s, ` +
      `threshold ${plan.check.failureThreshold})`,
    ...routingLines(plan.check),
    `  probe:           ${plan.probeUrl} (x-region now: ${plan.baselineRegion ?? 'unknown'})`,
    '  steps:',
    ...steps([
      [
        `1. invert the health check of ${plan.region}`,
        'Inverted=true; never Disabled, which counts as healthy',
      ],
      ['2. wait until it reports unhealthy', `expected ~${e.detectSeconds} s (interval × threshold)`],
      [
        `3. probe until traffic leaves ${plan.region}`,
        `expected ~${e.failoverSeconds} s (+ TTL ${plan.ttlSeconds} s)`,
      ],
      ['4. restore: un-invert it, wait until healthy', `expected ~${e.restoreSeconds} s`],
      [
        `5. probe until traffic is back in ${plan.backRegion}`,
        `expected ~${e.failbackSeconds} s after restore`,
      ],
    ]),
    `  overall timeout: ${Math.round(plan.timeoutMs / 1000)} s; the health check is restored on error, timeout and Ctrl-C`,
    ...plan.notes.map((n) => `  note: ${n}`),
  ];
  return lines.join('\n');
}

/**
 * The calculated routing check, when the records follow one: inverting its `/health` child takes it out
 * because it needs every child healthy.
 */
function routingLines(check: HealthCheckRef): string[] {
  if (!check.routing) return [];
  const { id, alarmChecks } = check.routing;
  return [
    `  routing health:  calculated(https ${check.id}, item-route alarms: ${alarmChecks.length} checks) ${id};`,
    '                   every child must be healthy, so inverting the https check takes the region out',
  ];
}

function steps(rows: [string, string][]): string[] {
  const width = Math.max(...rows.map(([a]) => a.length));
  return rows.map(([a, b]) => `    ${a.padEnd(width)}  ${b}`);
}

import { RefusedError, UnknownRegionError } from '../errors';
import type { HealthCheckControl, HealthCheckRef } from '../ports';
import type { FaultInjector } from './fault-ports';

/**
 * Refuses to start unless every region's check is healthy, not inverted, not disabled, and no fault is
 * in place: a scenario measures one impairment against a healthy system, never two at once.
 */
export async function preflight(
  regions: readonly string[],
  region: string,
  control: HealthCheckControl,
  faults: FaultInjector | undefined,
): Promise<ReadonlyMap<string, HealthCheckRef>> {
  if (!regions.includes(region)) throw new UnknownRegionError(region, regions);
  const checks = await control.findChecks(regions);
  const statuses = await Promise.all([...checks.values()].map((c) => control.status(c)));
  const why = statuses
    .filter((s) => !s.healthy || s.inverted || s.disabled)
    .map((s) => {
      const flags = [!s.healthy && 'unhealthy', s.inverted && 'inverted', s.disabled && 'disabled'];
      return `${s.region} is ${flags.filter(Boolean).join(', ')} (${s.detail})`;
    });
  why.push(...((await faults?.activeFaults(regions)) ?? []));
  if (why.length > 0) {
    throw new RefusedError(
      `Refusing to run the scenario: ${why.join('; ')}. Every region must be healthy and free of injected ` +
        'faults first; if an interrupted drill left one in place, remove it (docs/RUNBOOK.md, "Chaos drills").',
    );
  }
  return checks;
}

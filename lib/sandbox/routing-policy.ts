import type { RoutingMode } from '../sandbox-contract/control';

export type { RoutingMode };

/** Inputs of one routing decision. */
export interface RoutingInput {
  readonly mode: RoutingMode;
  /** Regions in config order. */
  readonly regions: readonly string[];
  /** Health per region as Route 53 reports it (disabled checks already count as healthy). */
  readonly healthy: (region: string) => boolean;
  /** Simulated client latency per region (latency mode); lower wins, ties go to config order. */
  readonly latencyMs: Readonly<Record<string, number>>;
  /**
   * Failover PRIMARY. As deployed (HealthRouting), SECONDARY is a latency-routed pool of every other
   * region, so with N > 2 the nearest healthy non-primary region takes over.
   */
  readonly primaryRegion: string;
}

/** Regions in the order the routing policy prefers them, before health is considered. */
export function preferenceOrder(input: Omit<RoutingInput, 'healthy'>): string[] {
  if (input.mode === 'failover' && input.regions.includes(input.primaryRegion)) {
    const pool = input.regions.filter((r) => r !== input.primaryRegion);
    return [input.primaryRegion, ...byLatency(pool, input.latencyMs)];
  }
  return byLatency(input.regions, input.latencyMs);
}

function byLatency(regions: readonly string[], latencyMs: Readonly<Record<string, number>>): string[] {
  return regions
    .map((region, index) => ({ region, index, latency: latencyMs[region] ?? Number.POSITIVE_INFINITY }))
    .sort((a, b) => a.latency - b.latency || a.index - b.index)
    .map((r) => r.region);
}

/**
 * The region an answer would point to now: the most preferred healthy one. When no region is healthy,
 * Route 53 has no basis to choose and treats every record as healthy, so the most preferred region
 * (the failover primary, or the lowest-latency region) is returned rather than nothing.
 */
export function chooseRegion(input: RoutingInput): string | null {
  const order = preferenceOrder(input);
  return order.find((r) => input.healthy(r)) ?? order[0] ?? null;
}

/** Default simulated latencies: the first configured region is nearest, each next one 50 ms further. */
export function defaultLatencies(regions: readonly string[]): Record<string, number> {
  return Object.fromEntries(regions.map((r, i) => [r, 10 + 50 * i]));
}

/** The moments a drill measures, in order; `restoreRequested` is when the un-invert call returned. */
export const MILESTONES = [
  'start',
  'inverted',
  'unhealthy',
  'moved',
  'restoreRequested',
  'restored',
  'back',
] as const;
export type Milestone = (typeof MILESTONES)[number];

/** Epoch milliseconds of each milestone reached. */
export type Timeline = Partial<Record<Milestone, number>>;

/** Durations the runbook's RTO talks about, in milliseconds (null when the drill did not get there). */
export interface DrillDurations {
  /** start → health check unhealthy. */
  readonly detectMs: number | null;
  /** start → traffic left the region. */
  readonly failoverMs: number | null;
  /** restore requested → traffic back. */
  readonly failbackMs: number | null;
}

export function durations(t: Timeline): DrillDurations {
  const diff = (a?: number, b?: number) => (a === undefined || b === undefined ? null : b - a);
  return {
    detectMs: diff(t.start, t.unhealthy),
    failoverMs: diff(t.start, t.moved),
    failbackMs: diff(t.restoreRequested, t.back),
  };
}

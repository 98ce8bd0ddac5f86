/** Summary statistics of benchmark samples; every function rejects an empty sample with a clear error. */

function sorted(values: readonly number[], what: string): number[] {
  if (values.length === 0) throw new Error(`${what}: no samples`);
  if (values.some((v) => !Number.isFinite(v))) throw new Error(`${what}: samples must be finite numbers`);
  return [...values].sort((a, b) => a - b);
}

/** The middle value; the mean of the two middle values for an even count. */
export function median(values: readonly number[]): number {
  const s = sorted(values, 'median');
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * Nearest-rank percentile (`p` in 0–100): the smallest sample with at least p % of the samples at or
 * below it. Unlike interpolation it always returns a latency that was actually observed.
 */
export function percentile(values: readonly number[], p: number): number {
  if (!(p >= 0 && p <= 100)) throw new Error(`percentile: p must be between 0 and 100, got ${p}`);
  const s = sorted(values, 'percentile');
  const rank = Math.max(1, Math.ceil((p / 100) * s.length));
  return s[rank - 1];
}

export function mean(values: readonly number[]): number {
  const s = sorted(values, 'mean');
  return s.reduce((a, b) => a + b, 0) / s.length;
}

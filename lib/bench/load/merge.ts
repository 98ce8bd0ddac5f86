import type { LoadResult } from './load-loop';

/** Several runs of the same load as one: summed counts and time, pooled latencies. */
export function mergeLoadResults(runs: readonly LoadResult[]): LoadResult {
  if (runs.length === 0) throw new Error('mergeLoadResults: no runs');
  const elapsedMs = runs.reduce((t, r) => t + r.elapsedMs, 0);
  const latencies = runs.flatMap((r) => r.latencies);
  return {
    requests: runs.reduce((n, r) => n + r.requests, 0),
    errors: runs.reduce((n, r) => n + r.errors, 0),
    elapsedMs,
    throughput: elapsedMs > 0 ? (latencies.length / elapsedMs) * 1000 : 0,
    latencies,
    sampleErrors: runs.flatMap((r) => r.sampleErrors).slice(0, 3),
  };
}

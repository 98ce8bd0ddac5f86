import type { LoadResult } from '../../../../lib/bench/load/load-loop';
import { mergeLoadResults } from '../../../../lib/bench/load/merge';

const run = (ok: number[], errors: number, elapsedMs: number): LoadResult => ({
  requests: ok.length + errors,
  errors,
  elapsedMs,
  throughput: (ok.length / elapsedMs) * 1000,
  latencies: ok,
  sampleErrors: errors ? ['status 500'] : [],
});

describe('mergeLoadResults', () => {
  it('sums requests, errors and time, pools latencies and recomputes throughput over the total time', () => {
    const merged = mergeLoadResults([run([1, 2, 3], 1, 1000), run([4], 0, 1000)]);
    expect(merged).toMatchObject({ requests: 5, errors: 1, elapsedMs: 2000, throughput: 2 });
    expect(merged.latencies).toEqual([1, 2, 3, 4]);
    expect(merged.sampleErrors).toEqual(['status 500']);
  });

  it('refuses no runs', () => {
    expect(() => mergeLoadResults([])).toThrow('no runs');
  });
});

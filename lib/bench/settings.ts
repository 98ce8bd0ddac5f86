import type { FailoverSectionOptions } from './failover/section';
import type { LambdaSectionOptions } from './lambda/section';
import type { ApiSectionOptions } from './load/section';
import type { SynthSectionOptions } from './synth/section';

type WithoutLog<T> = Omit<T, 'log'>;

/** Iteration counts and durations of every section, in full and in smoke mode. */
export interface BenchSettings {
  readonly lambda: WithoutLog<LambdaSectionOptions>;
  readonly api: WithoutLog<ApiSectionOptions>;
  readonly failover: WithoutLog<FailoverSectionOptions>;
  readonly synth: WithoutLog<SynthSectionOptions>;
}

/**
 * Full: medians of 15 inits, 5 × 1 s per load in turns with the baseline, 3 drills, 3 synths per region count (about 3 minutes).
 * Smoke (CI): the minimum that still measures every figure, under a minute in all.
 */
export function benchSettings(smoke: boolean): BenchSettings {
  return smoke
    ? {
        lambda: { initRuns: 5 },
        api: { load: { connections: 4, durationMs: 500 }, rounds: 2, warmupMs: 300, seedItems: 20 },
        failover: { healthIntervalMs: 100, pollMs: 25, runs: 1 },
        synth: { runs: 1, withBundling: false, warmup: false, extraCounts: [], concurrent: true },
      }
    : {
        lambda: { initRuns: 15 },
        api: { load: { connections: 8, durationMs: 1000 }, rounds: 5, warmupMs: 1000, seedItems: 25 },
        failover: { healthIntervalMs: 200, pollMs: 50, runs: 3 },
        synth: { runs: 3, withBundling: true, warmup: true },
      };
}

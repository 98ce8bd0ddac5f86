import { benchSettings } from '../../../lib/bench/settings';

describe('benchSettings', () => {
  it('keeps the minimums of issue 7: ≥ 5 init runs in smoke, ≥ 15 in full', () => {
    expect(benchSettings(true).lambda.initRuns).toBeGreaterThanOrEqual(5);
    expect(benchSettings(false).lambda.initRuns).toBeGreaterThanOrEqual(15);
  });

  it('smoke runs shorter loads, fewer drills and synths than full', () => {
    const smoke = benchSettings(true);
    const full = benchSettings(false);
    expect(smoke.api.load.durationMs * smoke.api.rounds).toBeLessThan(
      full.api.load.durationMs * full.api.rounds,
    );
    expect(smoke.failover.runs).toBeLessThan(full.failover.runs);
    expect(smoke.synth.runs).toBeLessThanOrEqual(full.synth.runs);
    expect(full.synth.withBundling).toBe(true);
  });
});

import { allPassed, failedFigure, figure } from '../../../lib/bench/figures';

const base = { section: 's', name: 'n', unit: 'ms' } as const;

describe('figure', () => {
  it('computes value ÷ baseline and passes an upper ratio target at the limit, fails above it', () => {
    const at = figure({ ...base, value: 125, baseline: 100, target: { of: 'ratio', max: 1.25 } });
    expect(at).toMatchObject({ ratio: 1.25, pass: true, baseline: 100 });
    expect(figure({ ...base, value: 126, baseline: 100, target: { of: 'ratio', max: 1.25 } }).pass).toBe(
      false,
    );
  });

  it('checks a lower ratio target (throughput ≥ 70 % of the baseline)', () => {
    expect(figure({ ...base, value: 70, baseline: 100, target: { of: 'ratio', min: 0.7 } }).pass).toBe(true);
    expect(figure({ ...base, value: 69, baseline: 100, target: { of: 'ratio', min: 0.7 } }).pass).toBe(false);
  });

  it('checks a value target without a baseline (zero failed requests)', () => {
    const zero = figure({ ...base, unit: 'count', value: 0, target: { of: 'value', max: 0 } });
    expect(zero).toMatchObject({ ratio: null, baseline: null, pass: true });
    expect(figure({ ...base, unit: 'count', value: 1, target: { of: 'value', max: 0 } }).pass).toBe(false);
  });

  it('is informational without a target', () => {
    const info = figure({ ...base, value: 3, baseline: 2 });
    expect(info.pass).toBeNull();
    expect(info.ratio).toBe(1.5);
    expect(info).not.toHaveProperty('target');
  });

  it('refuses a ratio target without a positive baseline, a target without bounds and a NaN value', () => {
    expect(() => figure({ ...base, value: 1, baseline: 0, target: { of: 'ratio', max: 2 } })).toThrow(
      'needs a positive baseline',
    );
    expect(() => figure({ ...base, value: 1, target: { of: 'value' } })).toThrow('needs max or min');
    expect(() => figure({ ...base, value: Number.NaN })).toThrow('finite');
  });
});

describe('allPassed', () => {
  it('ignores informational figures and fails on any missed target or failed section', () => {
    const info = figure({ ...base, value: 1 });
    const ok = figure({ ...base, value: 1, baseline: 1, target: { of: 'ratio', max: 1 } });
    expect(allPassed([info, ok])).toBe(true);
    expect(allPassed([info, ok, failedFigure('api', '(section failed)', 'boom')])).toBe(false);
  });
});

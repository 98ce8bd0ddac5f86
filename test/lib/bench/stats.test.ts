import { mean, median, percentile } from '../../../lib/bench/stats';

describe('median', () => {
  it('takes the middle of an odd count and the mean of the middle two of an even count, unsorted input', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('rejects an empty sample and non-finite values', () => {
    expect(() => median([])).toThrow('median: no samples');
    expect(() => median([1, Number.NaN])).toThrow('finite');
  });
});

describe('percentile (nearest rank)', () => {
  const values = Array.from({ length: 100 }, (_, i) => 100 - i); // 100..1, unsorted

  it('returns observed samples: p50 of 1..100 is 50, p99 is 99, p100 the max, p0 the min', () => {
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile(values, 0)).toBe(1);
  });

  it('on a small sample p99 is the maximum', () => {
    expect(percentile([3, 10, 1], 99)).toBe(10);
  });

  it('rejects p outside 0–100', () => {
    expect(() => percentile([1], 101)).toThrow('between 0 and 100');
    expect(() => percentile([1], -1)).toThrow('between 0 and 100');
  });
});

describe('mean', () => {
  it('averages', () => {
    expect(mean([1, 2, 6])).toBe(3);
  });
});

import { figure } from '../../../lib/bench/figures';
import { formatTarget, formatValue, markdownTable } from '../../../lib/bench/markdown';

describe('formatValue', () => {
  it('formats bytes as KB, ms with one decimal, req/s whole, and NaN as n/a', () => {
    expect(formatValue(2048, 'bytes')).toBe('2.0 KB');
    expect(formatValue(12.345, 'ms')).toBe('12.3 ms');
    expect(formatValue(99.6, 'req/s')).toBe('100 req/s');
    expect(formatValue(0, 'count')).toBe('0');
    expect(formatValue(Number.NaN, 'ms')).toBe('n/a');
  });
});

describe('formatTarget', () => {
  it('names the subject and bound', () => {
    expect(formatTarget({ of: 'ratio', max: 1.25 })).toBe('ratio ≤ 1.25');
    expect(formatTarget({ of: 'ratio', min: 0.7 })).toBe('ratio ≥ 0.7');
    expect(formatTarget({ of: 'value', max: 0 })).toBe('value ≤ 0');
    expect(formatTarget(undefined)).toBe('(info)');
  });
});

describe('markdownTable', () => {
  it('renders a header, a separator and one row per figure with ratio, target and result', () => {
    const table = markdownTable([
      figure({
        section: 'lambda',
        name: 'items/get size',
        unit: 'bytes',
        value: 1536,
        baseline: 1024,
        target: { of: 'ratio', max: 1.25 },
      }),
      figure({ section: 'api', name: 'get p50', unit: 'ms', value: 2, baseline: 1, note: 'a | b' }),
    ]);
    expect(table.split('\n')).toEqual([
      '| Section | Figure | Value | Baseline | Ratio | Target | Result |',
      '| --- | --- | --- | --- | --- | --- | --- |',
      '| lambda | items/get size | 1.5 KB | 1.0 KB | 1.50× | ratio ≤ 1.25 | FAIL |',
      '| api | get p50 | 2.0 ms | 1.0 ms | 2.00× | (info) | info (a \\| b) |',
    ]);
  });

  it('shows a dash where a figure has no baseline', () => {
    const row = markdownTable([
      figure({ section: 'f', name: 'failed', unit: 'count', value: 0, target: { of: 'value', max: 0 } }),
    ]).split('\n')[2];
    expect(row).toBe('| f | failed | 0 | - | - | value ≤ 0 | PASS |');
  });
});

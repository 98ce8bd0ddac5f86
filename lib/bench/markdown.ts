import type { Figure, Target, Unit } from './figures';

/** `1234567` bytes → `1205.6 KB`; ms with one decimal; req/s whole. */
export function formatValue(value: number, unit: Unit): string {
  if (!Number.isFinite(value)) return 'n/a';
  switch (unit) {
    case 'bytes':
      return `${(value / 1024).toFixed(1)} KB`;
    case 'ms':
      return `${value.toFixed(1)} ms`;
    case 'req/s':
      return `${Math.round(value)} req/s`;
    case 'count':
      return String(value);
  }
}

export function formatTarget(target: Target | undefined): string {
  if (!target) return '(info)';
  const subject = target.of === 'ratio' ? 'ratio' : 'value';
  const parts = [
    ...(target.min !== undefined ? [`${subject} ≥ ${target.min}`] : []),
    ...(target.max !== undefined ? [`${subject} ≤ ${target.max}`] : []),
  ];
  return parts.join(', ');
}

/** Pipes would break the table; newlines too. */
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

/** The figures as one GitHub-flavoured Markdown table, in the order given. */
export function markdownTable(figures: readonly Figure[]): string {
  const header = ['Section', 'Figure', 'Value', 'Baseline', 'Ratio', 'Target', 'Result'];
  const rows = figures.map((f) => [
    f.section,
    f.name,
    formatValue(f.value, f.unit),
    f.baseline === null ? '-' : formatValue(f.baseline, f.unit),
    f.ratio === null ? '-' : `${f.ratio.toFixed(2)}×`,
    formatTarget(f.target),
    (f.pass === null ? 'info' : f.pass ? 'PASS' : 'FAIL') + (f.note ? ` (${f.note})` : ''),
  ]);
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

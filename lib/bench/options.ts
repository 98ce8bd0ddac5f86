import { parseArgs } from 'node:util';

export const SECTIONS = ['lambda', 'api', 'failover', 'synth'] as const;
export type Section = (typeof SECTIONS)[number];

/** The bench's command line, parsed and checked. */
export interface BenchOptions {
  readonly help: boolean;
  /** Tiny iteration counts, for CI (< 60 s in all). */
  readonly smoke: boolean;
  /** Sections to run, in the order of SECTIONS. */
  readonly sections: readonly Section[];
  /** Where `<timestamp>.json` and `latest.json` go. */
  readonly outDir: string;
  /** Exit 0 even when a target is missed (still 1 when a section could not run): noisy CI runners. */
  readonly reportOnly: boolean;
}

export class BenchUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BenchUsageError';
  }
}

export const BENCH_USAGE = `Usage: npm run bench -- [options]

Measures each figure against a baseline measured in the same run, prints a Markdown table and writes
bench/results/<timestamp>.json and bench/results/latest.json. Loopback only; every section is bounded.

Options:
  --smoke              Tiny iteration counts (CI; under a minute in all).
  --only <list>        Run only these sections (comma-separated): ${SECTIONS.join(', ')}.
  --skip <list>        Run every section but these.
  --out <dir>          Results directory. Default: bench/results.
  --report-only        Exit 0 even when a target is missed; still 1 when a section could not run.
                       For CI on shared runners, where timing ratios of a smoke run are noisy.
  -h, --help           Show this help.

Exit code: 0 when every target is met, 1 when one is missed or a section failed, 2 on bad usage.
`;

function sectionList(flag: string, value: string): Section[] {
  const names = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !(SECTIONS as readonly string[]).includes(n));
  if (names.length === 0 || unknown.length > 0) {
    throw new BenchUsageError(
      `${flag} takes sections from ${SECTIONS.join(', ')}; got "${value}"` +
        (unknown.length ? ` (unknown: ${unknown.join(', ')})` : ''),
    );
  }
  return names as Section[];
}

export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  let values: {
    help?: boolean;
    smoke?: boolean;
    only?: string;
    skip?: string;
    out?: string;
    'report-only'?: boolean;
  };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        help: { type: 'boolean', short: 'h' },
        smoke: { type: 'boolean' },
        only: { type: 'string' },
        skip: { type: 'string' },
        out: { type: 'string' },
        'report-only': { type: 'boolean' },
      },
    }));
  } catch (e) {
    throw new BenchUsageError((e as Error).message);
  }
  if (values.only !== undefined && values.skip !== undefined) {
    throw new BenchUsageError('--only and --skip cannot be combined');
  }
  const only = values.only === undefined ? undefined : new Set(sectionList('--only', values.only));
  const skip = new Set(values.skip === undefined ? [] : sectionList('--skip', values.skip));
  const sections = SECTIONS.filter((s) => (only ? only.has(s) : !skip.has(s)));
  if (sections.length === 0) throw new BenchUsageError('--skip leaves no section to run');
  return {
    help: values.help === true,
    smoke: values.smoke === true,
    sections,
    outDir: values.out ?? 'bench/results',
    reportOnly: values['report-only'] === true,
  };
}

import { cpus } from 'node:os';
import { failoverSection } from './failover/section';
import { allPassed, type Figure, failedFigure } from './figures';
import { lambdaSection } from './lambda/section';
import { apiSection } from './load/section';
import { markdownTable } from './markdown';
import { BENCH_USAGE, BenchUsageError, parseBenchArgs, type Section } from './options';
import { type BenchRun, writeResults } from './results';
import { benchSettings } from './settings';
import { synthSection } from './synth/section';

export interface BenchMainOptions {
  /** @default console.log */
  readonly out?: (text: string) => void;
  /** Progress and errors. @default console.error */
  readonly err?: (text: string) => void;
}

/** The whole `npm run bench`; returns the exit code (0 all targets met, 1 missed or failed, 2 usage). */
export async function benchMain(argv: readonly string[], io: BenchMainOptions = {}): Promise<number> {
  const out = io.out ?? ((t: string) => console.log(t));
  const err = io.err ?? ((t: string) => console.error(t));
  let options: ReturnType<typeof parseBenchArgs>;
  try {
    options = parseBenchArgs(argv);
  } catch (e) {
    if (!(e instanceof BenchUsageError)) throw e;
    err(`bench: ${e.message}\n\n${BENCH_USAGE}`);
    return 2;
  }
  if (options.help) {
    out(BENCH_USAGE);
    return 0;
  }
  const settings = benchSettings(options.smoke);
  const sections: Record<Section, () => Promise<Figure[]>> = {
    lambda: () => lambdaSection({ ...settings.lambda, log: err }),
    api: () => apiSection({ ...settings.api, log: err }),
    failover: () => failoverSection({ ...settings.failover, log: err }),
    synth: () => synthSection({ ...settings.synth, log: err }),
  };
  const startedAt = new Date().toISOString();
  const figures: Figure[] = [];
  for (const name of options.sections) {
    const t0 = Date.now();
    err(`bench: ${name}...`);
    try {
      figures.push(...(await sections[name]()));
    } catch (e) {
      // One broken section must not hide the others' figures.
      err(`bench: ${name} failed: ${(e as Error).stack ?? e}`);
      figures.push(failedFigure(name, '(section failed)', (e as Error).message));
    }
    err(`bench: ${name} took ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  const run: BenchRun = {
    startedAt,
    finishedAt: new Date().toISOString(),
    smoke: options.smoke,
    sections: options.sections,
    passed: allPassed(figures),
    environment: {
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
      cpus: cpus().length,
    },
    figures,
  };
  const written = writeResults(options.outDir, run);
  out(markdownTable(figures));
  out(`\n${run.passed ? 'All targets met.' : 'Some targets MISSED.'} Results: ${written.file}`);
  const sectionFailed = figures.some((f) => !Number.isFinite(f.value));
  if (options.reportOnly) return sectionFailed ? 1 : 0;
  return run.passed ? 0 : 1;
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HANDLERS_DIR, LAMBDA_BUNDLING } from '../../constructs/lambda-function';
import { toEsbuildOptions } from '../esbuild-options';
import { type Figure, figure } from '../figures';
import { median } from '../stats';
import { type BundledHandler, bundleHandler } from './bundle';
import { listHandlers } from './handlers';
import { measureInit } from './init-time';

const SECTION = 'lambda';
/** Its own directory, so no handler name can collide with it and the path is valid on every OS. */
const BASELINE = 'baseline';
/** Size and init ≤ 1.25 × the baseline's (issue 7). */
const TARGET = { of: 'ratio', max: 1.25 } as const;

export interface LambdaSectionOptions {
  /** Fresh processes per bundle; the median counts. */
  readonly initRuns: number;
  readonly log: (line: string) => void;
}

/**
 * Bundles every handler and the baseline with the CDK app's own settings (LAMBDA_BUNDLING), then times
 * module init in fresh processes. Runs are interleaved (one of each bundle per round) so that a noisy
 * moment on a shared machine hits every bundle alike.
 */
export async function lambdaSection(options: LambdaSectionOptions): Promise<Figure[]> {
  const esbuild = toEsbuildOptions(LAMBDA_BUNDLING);
  const outDir = mkdtempSync(join(tmpdir(), 'bench-lambda-'));
  try {
    const baselineEntry = join(__dirname, 'baseline-handler.ts');
    const baseline = await bundleHandler(BASELINE, baselineEntry, join(outDir, 'baseline'), esbuild);
    const handlers: BundledHandler[] = [];
    for (const name of listHandlers(HANDLERS_DIR)) {
      const entry = join(HANDLERS_DIR, `${name}.ts`);
      handlers.push(await bundleHandler(name, entry, join(outDir, 'handlers'), esbuild));
    }
    const all = [baseline, ...handlers];
    const samples = new Map<string, number[]>(all.map((b) => [b.name, []]));
    for (let round = 0; round < options.initRuns; round++) {
      for (const b of all) samples.get(b.name)?.push(await measureInit(b.file));
    }
    options.log(`  lambda: ${all.length} bundles × ${options.initRuns} init runs`);
    const baseInit = median(samples.get(baseline.name) ?? []);
    const figures: Figure[] = [];
    for (const b of handlers) {
      figures.push(
        figure({
          section: SECTION,
          name: `${b.name} size`,
          unit: 'bytes',
          value: b.bytes,
          baseline: baseline.bytes,
          target: TARGET,
          note: `+ ${(b.mapBytes / 1024).toFixed(0)} KB map`,
        }),
        figure({
          section: SECTION,
          name: `${b.name} init (median of ${options.initRuns})`,
          unit: 'ms',
          value: median(samples.get(b.name) ?? []),
          baseline: baseInit,
          target: TARGET,
        }),
      );
    }
    return figures;
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

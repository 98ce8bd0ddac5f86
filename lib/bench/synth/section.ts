import { type Figure, figure } from '../figures';
import { median } from '../stats';
import { timeSynth } from './synth-run';

const SECTION = 'synth';

export interface SynthSectionOptions {
  /** Fresh-process synths per region count; the median counts. */
  readonly runs: number;
  /** Also time one 2-region synth with esbuild bundling (informational). */
  readonly withBundling: boolean;
  /**
   * One unmeasured synth first, so tsx's transform cache and the file cache are warm for every
   * measured run. Without it (smoke) the 5-region synth runs first and takes the cold start itself:
   * the ratio is then overstated, never flattered.
   */
  readonly warmup: boolean;
  /**
   * Synthesize the region counts of a round at the same time (smoke: halves the wall time; each synth
   * gets a core on a 2-core runner, so the ratio stays meaningful, the absolute times do not).
   * @default false
   */
  readonly concurrent?: boolean;
  /** Region counts to synthesize besides 2 and 5 (the target pair). @default [3] */
  readonly extraCounts?: readonly number[];
  readonly log: (line: string) => void;
}

/**
 * Synth time for 2, 3 and 5 regions without bundling, each a ratio to the 2-region synth. Runs are
 * interleaved across region counts so machine noise hits each alike. Target: 5 regions ≤ 2.5 × 2.
 */
export async function synthSection(options: SynthSectionOptions): Promise<Figure[]> {
  const counts = [2, ...(options.extraCounts ?? [3]), 5];
  if (!options.warmup) counts.reverse();
  const samples = new Map<number, number[]>(counts.map((c) => [c, []]));
  if (options.warmup) await timeSynth(2, false);
  for (let i = 0; i < options.runs; i++) {
    if (options.concurrent) {
      const times = await Promise.all(counts.map((c) => timeSynth(c, false)));
      for (const [j, c] of counts.entries()) samples.get(c)?.push(times[j]);
    } else {
      for (const c of counts) samples.get(c)?.push(await timeSynth(c, false));
    }
  }
  const ms = (c: number) => median(samples.get(c) ?? []);
  const base = ms(2);
  const name = (c: number) => `${c} regions, no bundling (median of ${options.runs})`;
  const figures: Figure[] = [
    figure({
      section: SECTION,
      name: name(2),
      unit: 'ms',
      value: base,
      baseline: base,
      note: options.concurrent
        ? 'synths ran concurrently, cold'
        : options.warmup
          ? undefined
          : 'no warm-up run: 5 regions ran first, cold',
    }),
    ...(options.extraCounts ?? [3]).map((c) =>
      figure({ section: SECTION, name: name(c), unit: 'ms', value: ms(c), baseline: base }),
    ),
    figure({
      section: SECTION,
      name: name(5),
      unit: 'ms',
      value: ms(5),
      baseline: base,
      target: { of: 'ratio', max: 2.5 },
    }),
  ];
  if (options.withBundling) {
    figures.push(
      figure({
        section: SECTION,
        name: '2 regions, with esbuild bundling (1 run)',
        unit: 'ms',
        value: await timeSynth(2, true),
        baseline: base,
      }),
    );
  }
  options.log(
    `  synth: ${options.runs} × ${counts.length} synths${options.withBundling ? ' + 1 bundled' : ''}`,
  );
  return figures;
}

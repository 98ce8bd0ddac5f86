import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Figure } from './figures';

/** The JSON a run writes; field names are stable for CI and dashboards. */
export interface BenchRun {
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly smoke: boolean;
  readonly sections: readonly string[];
  readonly passed: boolean;
  readonly environment: { readonly node: string; readonly platform: string; readonly cpus: number };
  readonly figures: readonly Figure[];
}

/** `2026-11-27T14:03:05.123Z` → `2026-11-27T14-03-05-123Z`: sortable and valid on every file system. */
export function timestampName(iso: string): string {
  return `${iso.replace(/[:.]/g, '-')}.json`;
}

/** Writes `<timestamp>.json` and `latest.json`; returns both paths. */
export function writeResults(outDir: string, run: BenchRun): { file: string; latest: string } {
  const dir = resolve(outDir);
  mkdirSync(dir, { recursive: true });
  // NaN (an unmeasured figure) is not JSON: write null instead.
  const text = `${JSON.stringify(run, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n`;
  const file = join(dir, timestampName(run.startedAt));
  const latest = join(dir, 'latest.json');
  writeFileSync(file, text);
  writeFileSync(latest, text);
  return { file, latest };
}

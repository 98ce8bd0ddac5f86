import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '../../..');

/** Regions used for 2, 3 and 5-region synths, in order; the first two are cdk.json's defaults. */
export const SYNTH_REGIONS = ['us-east-1', 'eu-west-1', 'us-west-2', 'eu-central-1', 'ap-southeast-2'];

/** cdk.json's context with the first `regions` of SYNTH_REGIONS, and bundling skipped unless asked. */
export function synthContext(
  cdkContext: Readonly<Record<string, unknown>>,
  regions: number,
  bundling: boolean,
): Record<string, unknown> {
  if (!Number.isInteger(regions) || regions < 2 || regions > SYNTH_REGIONS.length) {
    throw new Error(`synth regions must be between 2 and ${SYNTH_REGIONS.length}, got ${regions}`);
  }
  const config = cdkContext.config as Record<string, unknown> | undefined;
  if (!config) throw new Error('cdk.json has no context.config');
  return {
    ...cdkContext,
    config: { ...config, regions: SYNTH_REGIONS.slice(0, regions), primaryRegion: SYNTH_REGIONS[0] },
    // The CDK's own switch: an empty list means no stack bundles its assets.
    ...(bundling ? {} : { 'aws:cdk:bundling-stacks': [] }),
  };
}

/**
 * Synthesizes the app in a fresh process the way the CDK CLI runs it (cdk.json's `app`, context in
 * CDK_CONTEXT_JSON, output to CDK_OUTDIR) and returns the wall time in milliseconds.
 */
export async function timeSynth(regions: number, bundling: boolean): Promise<number> {
  const cdkJson = JSON.parse(readFileSync(join(ROOT, 'cdk.json'), 'utf8')) as {
    context: Record<string, unknown>;
  };
  const outdir = mkdtempSync(join(tmpdir(), 'bench-synth-'));
  try {
    const t0 = performance.now();
    await run(join(ROOT, 'node_modules', '.bin', 'tsx'), ['bin/app.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        CDK_CONTEXT_JSON: JSON.stringify(synthContext(cdkJson.context, regions, bundling)),
        CDK_OUTDIR: outdir,
      },
      timeout: 300_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    return performance.now() - t0;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

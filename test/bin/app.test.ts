import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BASE_CONFIG } from '../helpers/app';

const ROOT = resolve(__dirname, '../..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

/** Runs bin/app.ts the way the CDK CLI does: context in CDK_CONTEXT_JSON, output to CDK_OUTDIR. */
function runApp(context: Record<string, unknown>) {
  const outdir = mkdtempSync(join(tmpdir(), 'cdk-out-'));
  const result = spawnSync(TSX, ['bin/app.ts'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, CDK_CONTEXT_JSON: JSON.stringify(context), CDK_OUTDIR: outdir },
    timeout: 120_000,
  });
  return { ...result, outdir };
}

describe('bin/app.ts', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('on a bad config prints each field and reason, without a stack trace, and exits 1', () => {
    const r = runApp({ config: { ...BASE_CONFIG, regions: ['us-east-1'], pitrRecoveryDays: 40 } });
    dirs.push(r.outdir);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('regions: must list at least 2 regions for active-active');
    expect(r.stderr).toMatch(/pitrRecoveryDays: .*35/);
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });

  it('synthesizes a template per stack with a good config (bundling skipped)', () => {
    const r = runApp({ config: BASE_CONFIG, 'aws:cdk:bundling-stacks': [] });
    dirs.push(r.outdir);
    expect(r.stderr).not.toMatch(/Error/);
    expect(r.status).toBe(0);
    for (const name of ['identity', 'us-east-1', 'eu-west-1', 'health-alarms']) {
      expect(existsSync(join(r.outdir, `active-active-${name}.template.json`))).toBe(true);
    }
  });
});

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { BASE_CONFIG, buildApp } from '../helpers/app';
import { PIPELINE } from '../helpers/pipeline';

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

  it('without pipeline synthesizes exactly the stacks of createStacks, template for template', () => {
    const r = runApp({ config: BASE_CONFIG, 'aws:cdk:bundling-stacks': [] });
    dirs.push(r.outdir);
    expect(r.status).toBe(0);
    const { stacks } = buildApp();
    const expected = [stacks.identity, ...stacks.regional.values(), stacks.healthAlarms];
    expect(
      readdirSync(r.outdir)
        .filter((f) => f.endsWith('.template.json'))
        .sort(),
    ).toEqual(expected.map((s) => `${s.artifactId}.template.json`).sort());
    for (const stack of expected) {
      const written = JSON.parse(readFileSync(join(r.outdir, `${stack.artifactId}.template.json`), 'utf8'));
      expect(written).toEqual(Template.fromStack(stack).toJSON());
    }
  });

  it('with pipeline synthesizes the pipeline stack, its support stacks and one assembly per stage', () => {
    const r = runApp({ config: { ...BASE_CONFIG, pipeline: PIPELINE }, 'aws:cdk:bundling-stacks': [] });
    dirs.push(r.outdir);
    expect(r.stderr).not.toMatch(/Error/);
    expect(r.status).toBe(0);
    expect(
      readdirSync(r.outdir)
        .filter((f) => f.endsWith('.template.json'))
        .sort(),
    ).toEqual([
      'active-active-pipeline.template.json',
      'cross-region-stack-111111111111_eu-west-1.template.json',
    ]);
    const manifest = (stage: string) =>
      JSON.parse(
        readFileSync(join(r.outdir, `assembly-active-active-pipeline-${stage}`, 'manifest.json'), 'utf8'),
      );
    // Same CloudFormation stack names as a direct deploy: switching to the pipeline updates, never replaces.
    const stackNames = ['Identity', 'eu-west-1', 'us-east-1', 'HealthAlarms'].flatMap((stage) =>
      Object.values(
        manifest(stage).artifacts as Record<string, { type: string; properties?: { stackName?: string } }>,
      )
        .filter((a) => a.type === 'aws:cloudformation:stack')
        .map((a) => a.properties?.stackName),
    );
    expect(stackNames).toEqual([
      'active-active-identity',
      'active-active-eu-west-1',
      'active-active-us-east-1',
      'active-active-health-alarms',
    ]);
  });
});

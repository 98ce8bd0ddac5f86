import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { type AppConfigInput, parseConfig } from '../../lib/config/app-config';
import { BASE_CONFIG } from '../helpers/app';

const ROOT = join(__dirname, '../..');
const SCRIPT = join(ROOT, 'scripts/fork-config.mjs');
const forkConfig = (args: string[]) => spawnSync(process.execPath, [SCRIPT, ...args], { encoding: 'utf8' });

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'fork-config-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('scripts/fork-config.mjs (the fork that CI plays)', () => {
  it("rewrites a cdk.json's config into a valid fork and keeps everything else", () => {
    // The template's config as the tests know it (BASE_CONFIG); never the project's cdk.json, which is
    // already the fork's when this runs inside the fork check.
    const cdkJson = join(dir, 'cdk.json');
    const original = {
      app: 'npx tsx bin/app.ts',
      context: { config: BASE_CONFIG, '@aws-cdk/core:checkSecretUsage': true },
    };
    writeFileSync(cdkJson, JSON.stringify(original));
    expect(forkConfig([cdkJson]).status).toBe(0);

    const forked = JSON.parse(readFileSync(cdkJson, 'utf8'));
    const config = parseConfig(forked.context.config);
    expect(config).toMatchObject({
      appName: 'acme-orders',
      regions: ['eu-west-1', 'ap-southeast-2', 'us-east-1'],
      primaryRegion: 'eu-west-1',
    });
    // Every field a fork renames differs from the template's.
    for (const field of ['appName', 'account', 'regions', 'primaryRegion', 'domainName', 'hostedZoneName'])
      expect(forked.context.config[field]).not.toEqual(BASE_CONFIG[field as keyof AppConfigInput]);
    const { config: _forkedConfig, ...forkedRest } = forked.context;
    const { config: _originalConfig, ...originalRest } = original.context;
    expect(forkedRest).toEqual(originalRest);
    expect(forked.app).toBe(original.app);
  });

  describe('--check-synth', () => {
    const stack = (name: string, region: string, template: object = {}) => {
      writeFileSync(join(dir, `${name}.template.json`), JSON.stringify(template));
      return {
        type: 'aws:cloudformation:stack',
        environment: `aws://222222222222/${region}`,
        properties: { templateFile: `${name}.template.json`, stackName: name },
      };
    };
    const manifest = (artifacts: Record<string, object>) =>
      writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ artifacts }));
    const regional = () => ({
      a: stack('acme-orders-eu-west-1', 'eu-west-1'),
      b: stack('acme-orders-ap-southeast-2', 'ap-southeast-2'),
      c: stack('acme-orders-us-east-1', 'us-east-1'),
    });

    it("passes an app whose stacks are all the fork's", () => {
      manifest({ ...regional(), d: stack('acme-orders-identity', 'eu-west-1') });
      const result = forkConfig(['--check-synth', dir]);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
    });

    it("names a template that still carries the template's app name", () => {
      manifest({
        ...regional(),
        d: stack('acme-orders-identity', 'eu-west-1', {
          Resources: { T: { Properties: { DisplayName: 'Multi-region Active-Active alerts' } } },
        }),
      });
      const result = forkConfig(['--check-synth', dir]);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('acme-orders-identity.template.json still says "active-active"');
      expect(result.stderr).toContain('Multi-region Active-Active alerts');
    });

    it('names a missing regional stack and a stack named or placed otherwise', () => {
      const { a, b } = regional();
      manifest({ a, b, d: stack('active-active-identity', 'us-west-2') });
      const result = forkConfig(['--check-synth', dir]);
      expect(result.status).toBe(1);
      expect(result.stderr.trim().split('\n')).toEqual([
        'fork synth: stack active-active-identity is not named after the app',
        'fork synth: no stack acme-orders-us-east-1',
      ]);
    });
  });
});

describe('tests never read the project config (a fork changes it)', () => {
  const testFiles = (d: string): string[] =>
    readdirSync(d).flatMap((f) => {
      const path = join(d, f);
      return statSync(path).isDirectory() ? testFiles(path) : path.endsWith('.ts') ? [path] : [];
    });
  const files = testFiles(join(ROOT, 'test'))
    .map((path) => relative(ROOT, path))
    .filter((f) => f !== 'test/e2e/config-independence.test.ts');

  it('checks every test file', () => {
    expect(files).toEqual(expect.arrayContaining(['test/lib/emulator/run-config.test.ts']));
    expect(files.length).toBeGreaterThan(100);
  });

  it('none loads cdk.json or opens it by path', () => {
    // The project config loader, or a path to the project's cdk.json (relative, or from the repository root).
    const readers = files.filter((f) =>
      /loadProjectConfig\(|(?:\.\.\/|ROOT, ['"])cdk\.json['"]/.test(readFileSync(join(ROOT, f), 'utf8')),
    );
    expect(readers).toEqual([]);
  });
});

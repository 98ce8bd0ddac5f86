import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Issue 17: a fork renames the app and reorders its regions in cdk.json, and the end-to-end tests must
 * not notice. So they never load the project config: every sandbox comes from the fixture (E2E_CONFIG),
 * every spawned CLI gets `--config E2E_CONFIG_FILE`, every in-process drill `main()` too.
 */
const DIR = __dirname;
const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => ({ name: f, text: readFileSync(join(DIR, f), 'utf8') }))
  .concat(
    readdirSync(join(DIR, 'support'))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => ({ name: `support/${f}`, text: readFileSync(join(DIR, 'support', f), 'utf8') })),
  )
  .filter((f) => f.name !== 'config-independence.test.ts');

describe('end-to-end tests use their own config, never cdk.json', () => {
  it('finds the test files it checks', () => {
    expect(files.map((f) => f.name)).toEqual(
      expect.arrayContaining([
        'failover.test.ts',
        'cli.test.ts',
        'drill-sandbox.test.ts',
        'support/sandbox-fixture.ts',
      ]),
    );
  });

  it.each(files.map((f) => [f.name, f.text]))('%s does not read the project config', (_name, text) => {
    expect(text).not.toMatch(/loadProjectConfig|cdk\.json'/);
    // Sandboxes only through the fixture, which passes E2E_CONFIG.
    if (!_name.startsWith('support/')) expect(text).not.toMatch(/\bstartSandbox\(/);
  });

  it.each(
    files.filter((f) => /bin\/(sandbox|drill)\.ts|\bmain\(\[/.test(f.text)).map((f) => [f.name, f.text]),
  )('%s passes --config to the CLIs it runs', (_name, text) => {
    expect(text).toMatch(/'--config',\s*E2E_CONFIG_FILE/);
  });
});

import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadJwks } from '../../../functions/shared/auth/jwks-store';
import { EMULATOR } from '../../../lib/emulator/emulator-process';
import {
  apiBaseUrl,
  poolJwksUrl,
  prepareRuntimeSdk,
  runtimeSdkPackages,
  SHIMS,
  seedJwks,
} from '../../../lib/emulator/shims';
import { startTestTable, TEST_TABLE, type TestTable } from '../../functions/support/local-table';

const ROOT = join(__dirname, '../../..');

function fakeNodeModules(): string {
  const dir = mkdtempSync(join(tmpdir(), 'node-modules-'));
  const pkg = (name: string, dependencies: Record<string, string> = {}) => {
    mkdirSync(join(dir, name), { recursive: true });
    writeFileSync(join(dir, name, 'package.json'), JSON.stringify({ name, dependencies }));
  };
  pkg('@aws-sdk/client-ssm', { '@smithy/core': '1', tslib: '2', 'optional-missing': '1' });
  pkg('@aws-sdk/client-dynamodb', { '@smithy/core': '1' });
  pkg('@aws-sdk/util-dynamodb', { 'not-a-client-dep': '1' });
  pkg('@smithy/core', { tslib: '2' });
  pkg('tslib');
  pkg('zod');
  return dir;
}

describe('emulator shims (Node side)', () => {
  it('runtime-sdk: exposes every SDK client with what it depends on, and nothing else', () => {
    const modules = fakeNodeModules();
    try {
      expect(runtimeSdkPackages(modules)).toEqual([
        '@aws-sdk/client-dynamodb',
        '@aws-sdk/client-ssm',
        '@smithy/core',
        'tslib',
      ]);
      const dir = prepareRuntimeSdk(modules, join(modules, '..', `runtime-${Date.now()}`));
      expect(lstatSync(join(dir, '@aws-sdk', 'client-ssm')).isSymbolicLink()).toBe(true);
      expect(existsSync(join(dir, 'tslib', 'package.json'))).toBe(true);
      expect(existsSync(join(dir, 'zod'))).toBe(false);
      rmSync(dir, { recursive: true, force: true });
    } finally {
      rmSync(modules, { recursive: true, force: true });
    }
  });

  describe('jwks-in-table', () => {
    let table: TestTable;
    beforeAll(async () => {
      table = await startTestTable();
    });
    afterAll(() => table.close());

    it("writes the JWKS where the authorizer's own store reads it", async () => {
      const issuer = 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_pool';
      const jwks = { keys: [{ kid: 'k1', kty: 'RSA', n: 'abc', e: 'AQAB', alg: 'RS256', use: 'sig' }] };
      await seedJwks(table.client, TEST_TABLE, issuer, jwks, 'us-east-1');
      expect(await loadJwks(issuer)).toEqual(jwks);
      await expect(seedJwks(table.client, TEST_TABLE, issuer, { keys: [] }, 'us-east-1')).rejects.toThrow(
        'no keys',
      );
    });
  });

  it('execute-api-path: the emulator URLs of an API stage and a pool JWKS', () => {
    expect(apiBaseUrl('https://127.0.0.1:4566', 'abc', 'prod')).toBe(
      'https://127.0.0.1:4566/_aws/execute-api/abc/prod',
    );
    expect(poolJwksUrl('https://127.0.0.1:4566', 'us-east-1_x')).toBe(
      'https://127.0.0.1:4566/us-east-1_x/.well-known/jwks.json',
    );
  });

  it('names the pinned emulator version in every shim, in the Python shims and in the docs', () => {
    const requirements = readFileSync(join(ROOT, '.ci/emulator-requirements.txt'), 'utf8');
    expect(requirements).toContain(`${EMULATOR.name}==${EMULATOR.version}`);
    const python = readFileSync(join(ROOT, 'lib/emulator/ministack_shims.py'), 'utf8');
    expect(python).toContain(`SHIMMED_VERSION = "${EMULATOR.version}"`);
    const docs = readFileSync(join(ROOT, 'docs/EMULATOR.md'), 'utf8');
    for (const shim of SHIMS) {
      expect(shim.version).toBe(EMULATOR.version);
      expect(docs).toContain(`\`${shim.id}\``);
    }
    const documented = [...docs.matchAll(/^\| `([a-z0-9-]+)` +\|/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual(SHIMS.map((s) => s.id).sort());
    // Every resource type the Python side registers is in the catalogue.
    const registered = [...python.matchAll(/^ {4}"(AWS::[\w:]+)": _/gm)].map((m) => m[1]);
    expect(registered.length).toBeGreaterThan(0);
    for (const type of registered) expect(SHIMS.some((s) => s.gap.includes(type))).toBe(true);
  });
});

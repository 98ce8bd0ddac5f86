import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EMULATOR } from '../../../lib/emulator/emulator-process';
import {
  apiBaseUrl,
  poolJwksUrl,
  prepareRuntimeSdk,
  prepareWorkerNode,
  runtimeSdkPackages,
  SHIMS,
} from '../../../lib/emulator/shims';

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

  it('issuer-host: routes fetches of the Cognito issuer host to the emulator and leaves every other alone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'issuer-route-'));
    const original = globalThis.fetch;
    const asked: string[] = [];
    globalThis.fetch = (async (input: string | URL | Request) => {
      asked.push(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
      return new Response('{}');
    }) as typeof fetch;
    try {
      prepareWorkerNode(dir, 'https://127.0.0.1:4566');
      require(join(dir, 'issuer-route.cjs'));
      await fetch('https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_x/.well-known/jwks.json');
      await fetch(new URL('https://cognito-idp.us-east-1.amazonaws.com.evil.example/x'));
      await fetch('https://dynamodb.us-east-1.amazonaws.com/');
      expect(asked).toEqual([
        'https://127.0.0.1:4566/eu-west-1_x/.well-known/jwks.json',
        'https://cognito-idp.us-east-1.amazonaws.com.evil.example/x',
        'https://dynamodb.us-east-1.amazonaws.com/',
      ]);
    } finally {
      globalThis.fetch = original;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("issuer-host: the workers' node is the project's Node with the preload, whatever NODE_OPTIONS says", () => {
    const dir = mkdtempSync(join(tmpdir(), "worker-node-it's-"));
    try {
      const bin = prepareWorkerNode(dir, 'https://127.0.0.1:4566');
      const out = execFileSync(
        join(bin, 'node'),
        ['-p', '[process.version, globalThis.fetch.name].join(" ")'],
        {
          env: { ...process.env, NODE_OPTIONS: '--enable-source-maps' },
          encoding: 'utf8',
        },
      );
      expect(out.trim()).toBe(`${process.version} fetchThroughEmulator`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
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

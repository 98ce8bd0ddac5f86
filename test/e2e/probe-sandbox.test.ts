import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runProbeCli } from '../../lib/delivery/probe-cli';
import type { Sandbox } from '../../lib/sandbox/sandbox';
import { startTestSandbox, waitFor } from './support/sandbox-fixture';

jest.setTimeout(30_000);

describe('pipeline probe against the running sandbox', () => {
  let sandbox: Sandbox;
  let dir: string;
  let endpoints: string;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
    dir = mkdtempSync(join(tmpdir(), 'probe-'));
    endpoints = join(dir, 'endpoints.json');
    writeFileSync(endpoints, JSON.stringify(sandbox.endpoints));
  });
  afterAll(async () => {
    await sandbox.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const probe = async (...args: string[]) => {
    const lines: string[] = [];
    const code = await runProbeCli(['--target', 'local', '--endpoints', endpoints, ...args], {
      env: {},
      log: (l) => lines.push(l),
    });
    return { code, out: lines.join('\n') };
  };

  it('passes every check of a healthy region through the real authorizer and handlers', async () => {
    const { code, out } = await probe('--region', 'eu-west-1');
    expect(out.split('\n')).toEqual([
      expect.stringMatching(/^PASS eu-west-1 GET \/health 200/),
      expect.stringMatching(/^PASS eu-west-1 POST \/items 201/),
      expect.stringMatching(/^PASS eu-west-1 GET \/items\/\{id\} 200/),
      expect.stringMatching(/^PASS eu-west-1 GET \/items 200/),
      expect.stringMatching(/^PASS eu-west-1 DELETE \/items\/\{id\} 204/),
    ]);
    expect(code).toBe(0);
  });

  it('fails (exit 1) on a region whose table is down', async () => {
    await sandbox.control.failTable('us-east-1');
    const failed = await waitFor('us-east-1 /health to fail', async () => {
      const r = await probe('--region', 'us-east-1', '--health-only');
      return r.code === 1 ? r : undefined;
    });
    expect(failed.out).toMatch(/^FAIL us-east-1 GET \/health 503/);
  });
});

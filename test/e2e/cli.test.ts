import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { tableLayoutDifferences } from '../../lib/sandbox/table-layout';
import { tableName } from '../../lib/stacks/names';
import { createOldLayoutTable, oldLayoutInput } from '../helpers/old-table-layout';
import { E2E_CONFIG, E2E_CONFIG_FILE, waitFor } from './support/sandbox-fixture';

jest.setTimeout(30_000);

const ROOT = resolve(__dirname, '../..');

/** Every process a test started; afterEach kills what is still running, also when the test failed. */
const started = new Set<ChildProcess>();

/** `npm start` with the e2e config (never the project's cdk.json) and `args`. */
function runCli(args: string[]): ChildProcess {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'bin/sandbox.ts', '--config', E2E_CONFIG_FILE, ...args],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  started.add(child);
  child.once('exit', () => started.delete(child));
  return child;
}

function output(child: ChildProcess): () => string {
  let text = '';
  child.stdout?.on('data', (c: Buffer) => {
    text += c.toString();
  });
  child.stderr?.on('data', (c: Buffer) => {
    text += c.toString();
  });
  return () => text;
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((r) => {
    if (child.exitCode !== null) r(child.exitCode);
    else child.once('exit', (code) => r(code));
  });

function childPids(pid: number): number[] {
  try {
    return execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .map((l) => Number(l.trim()))
      .filter((n) => n > 0);
  } catch {
    return [];
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('npm start (bin/sandbox.ts)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sandbox-cli-'));
  });
  afterEach(async () => {
    // SIGTERM stops the sandbox cleanly (children included); SIGKILL if it does not exit in time.
    for (const child of started) {
      const gone = exited(child);
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await gone;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('documents its flags with --help', async () => {
    const child = runCli(['--help']);
    const text = output(child);
    expect(await exited(child)).toBe(0);
    for (const flag of [
      '--regions',
      '--memory',
      '--port-base',
      '--replication-lag-ms',
      '--health-interval-ms',
      '--config',
      '--reset',
    ]) {
      expect(text()).toContain(flag);
    }
  });

  it('starts, writes endpoints.json, and on SIGTERM stops every process it started', async () => {
    const child = runCli(['--port-base', '0', '--memory', '--data-dir', dir]);
    const text = output(child);
    const endpointsFile = join(dir, 'endpoints.json');
    await waitFor('endpoints.json', async () => (existsSync(endpointsFile) ? true : undefined), 20_000);
    const endpoints = JSON.parse(readFileSync(endpointsFile, 'utf8'));
    expect(Object.keys(endpoints.regions)).toEqual(E2E_CONFIG.regions);
    await waitFor('the banner', async () => (text().includes('Ctrl-C') ? true : undefined));
    expect(text()).toContain(`${endpoints.issuer}/token`);
    const health = await fetch(`${endpoints.router}/health`);
    expect(health.status).toBe(200);

    const children = childPids(child.pid as number);
    expect(children.length).toBeGreaterThanOrEqual(2);
    child.kill('SIGTERM');
    expect(await exited(child)).toBe(0);
    await waitFor('child processes to exit', async () => (children.some(alive) ? undefined : true), 5000);
    expect(existsSync(endpointsFile)).toBe(false);
    await expect(fetch(`${endpoints.regions['us-east-1']}/health`)).rejects.toThrow();
  });

  it('refuses a data directory with an older table layout, naming each difference, and starts after --reset', async () => {
    const [region] = E2E_CONFIG.regions;
    const table = tableName(E2E_CONFIG);
    await createOldLayoutTable(join(dir, region, 'db'), table);

    const refused = runCli(['--port-base', '0', '--data-dir', dir]);
    const refusal = output(refused);
    expect(await exited(refused)).toBe(1);
    for (const difference of tableLayoutDifferences(oldLayoutInput(table))) {
      expect(refusal()).toContain(`  - ${region}: ${difference}\n`);
    }
    expect(refusal()).toContain(`delete ${dir}/ (or pass --reset)`);
    expect(existsSync(join(dir, region, 'db'))).toBe(true); // nothing removed without --reset

    runCli(['--port-base', '0', '--data-dir', dir, '--reset']); // afterEach stops it
    const endpointsFile = join(dir, 'endpoints.json');
    await waitFor('endpoints.json', async () => (existsSync(endpointsFile) ? true : undefined), 20_000);
    const endpoints = JSON.parse(readFileSync(endpointsFile, 'utf8'));
    const tokenResponse = await fetch(`${endpoints.issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'alice', groups: ['member'] }),
    });
    const { access_token } = (await tokenResponse.json()) as { access_token: string };
    // Listing queries the index the old layout lacked: a 500 before the reset, now an empty page.
    const list = await fetch(`${endpoints.regions[region]}/items`, {
      headers: { authorization: `Bearer ${access_token}` },
    });
    expect(list.status).toBe(200);
    expect(((await list.json()) as { items: unknown[] }).items).toEqual([]);
  }, 60_000);

  describe('with a port taken', () => {
    let blocker: Server;
    beforeEach(async () => {
      blocker = createServer();
      await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    });
    afterEach(() => new Promise((r) => blocker.close(r)));

    it('exits 1 naming the port and the server', async () => {
      const port = (blocker.address() as AddressInfo).port;
      const child = runCli([
        '--port-base',
        '0',
        '--router-port',
        String(port),
        '--memory',
        '--data-dir',
        dir,
      ]);
      const text = output(child);
      expect(await exited(child)).toBe(1);
      expect(text()).toContain(`Port ${port} (router) is already in use`);
    });
  });

  it('explains a bad flag', async () => {
    const child = runCli(['--routing', 'random']);
    const text = output(child);
    expect(await exited(child)).toBe(1);
    expect(text()).toContain('--routing must be latency or failover');
  });
});

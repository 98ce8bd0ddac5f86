import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig } from '../../../lib/config/load-config';
import { sandboxConsole } from '../../../lib/console/sandbox-console';
import { type Sandbox, type SandboxOptions, startSandbox } from '../../../lib/sandbox/sandbox';

/**
 * The config every end-to-end test runs with, never the project's cdk.json: a fork that renames the app or
 * reorders its regions keeps these tests green. Pass it to the CLIs as `--config E2E_CONFIG_FILE`. Its
 * routing health is the `/health` check alone (`itemRouteAlarm.enabled: false`), so failover tests see one
 * check and no canary traffic; the tests of the calculated check turn it on (E2E_CONFIG_WITH_ITEM_ROUTE_ALARM).
 */
export const E2E_CONFIG_FILE = resolve(__dirname, 'e2e-config.json');
export const E2E_CONFIG = loadConfig({ configFile: E2E_CONFIG_FILE });
/** E2E_CONFIG with the config's default routing health: calculated over `/health` and the item-route alarm. */
export const E2E_CONFIG_WITH_ITEM_ROUTE_ALARM = {
  ...E2E_CONFIG,
  healthCheck: {
    ...E2E_CONFIG.healthCheck,
    itemRouteAlarm: { ...E2E_CONFIG.healthCheck.itemRouteAlarm, enabled: true },
  },
};

/** Fast settings for tests: probes every 200 ms (threshold 3 from E2E_CONFIG), replication lag 200 ms. */
export const HEALTH_INTERVAL_MS = 200;
export const REPLICATION_LAG_MS = 200;

/**
 * A sandbox as `npm start` runs it (console mounted) with E2E_CONFIG, on free ports, with in-memory data
 * in a temporary directory; `stop` removes it all. It returns once every region is settled healthy (see
 * `settled`), so no test starts while a region's first, cold requests are still being probed.
 */
export async function startTestSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'sandbox-e2e-'));
  const sandbox = await startSandbox({
    config: E2E_CONFIG,
    portBase: 0,
    memory: true,
    healthIntervalMs: HEALTH_INTERVAL_MS,
    replicationLagMs: REPLICATION_LAG_MS,
    extend: sandboxConsole,
    ...options,
    dataDir,
  });
  const stop = async () => {
    await sandbox.stop();
    if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await settled(sandbox);
  } catch (e) {
    await stop();
    throw e;
  }
  return { ...sandbox, stop };
}

/**
 * Waits until every region's check is healthy with at least `failureThreshold` successful probes in a row.
 * A check starts healthy, but a region's first requests load its handlers: on a loaded machine they can
 * outlast the probe timeout, and the check would turn unhealthy under a test that just started.
 */
export async function settled(sandbox: Sandbox, timeoutMs = 30_000): Promise<void> {
  await waitFor(
    'every region healthy with threshold successful probes in a row',
    async () => {
      const { regions } = sandbox.control.state();
      const ready = Object.values(regions).every(({ healthCheck: hc }) => {
        const recent = hc.lastResults.slice(-hc.failureThreshold);
        return hc.healthy && recent.length === hc.failureThreshold && recent.every((r) => r.ok);
      });
      return ready ? true : undefined;
    },
    timeoutMs,
  );
}

/** An access token from the sandbox's identity provider. */
export async function accessToken(sandbox: Sandbox, username = 'alice', groups: string[] = ['member']) {
  const res = await fetch(`${sandbox.endpoints.issuer}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, groups }),
  });
  if (res.status !== 200) throw new Error(`token request failed: ${res.status}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

/** A request with a bearer token and a JSON body; a network error comes back as status 0. */
export async function call(
  url: string,
  token: string | undefined,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
) {
  try {
    const res = await fetch(url, {
      method: init.method ?? 'GET',
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...init.headers,
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await res.text();
    return {
      status: res.status,
      region: res.headers.get('x-region'),
      headers: res.headers,
      body: text ? JSON.parse(text) : undefined,
    };
  } catch {
    return { status: 0, region: null, headers: new Headers(), body: undefined };
  }
}

/** Polls `probe` until it returns a value that is not undefined; fails after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 10_000,
  everyMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** POSTs to the control API. */
export async function control(sandbox: Sandbox, path: string, method = 'POST', body?: unknown) {
  const res = await fetch(`${sandbox.endpoints.control}${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

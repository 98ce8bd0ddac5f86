import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import type { ConsoleState } from '../../lib/console/console-control';
import type { Sandbox } from '../../lib/sandbox/sandbox';
import { HEALTH_INTERVAL_MS, settled, startTestSandbox } from './support/sandbox-fixture';

/** Debian's Chromium (`apt-get install -y chromium`); playwright-core never downloads a browser. */
const CHROMIUM = '/usr/bin/chromium';
/**
 * Waits that include a region process stopping (up to its 3 s grace) or starting again (a fork that loads
 * the handlers through tsx: seconds on a loaded 2-core machine), plus threshold probes.
 */
const REGION_RESTART_MS = 30_000;
/** Waits on health probes alone (no process restart), generous for a loaded machine. */
const PROBES_MS = 10_000;
/** Per test: room for a stop, a restart and a drill, each with their waits. */
const TEST_TIMEOUT_MS = 120_000;
/** Probe rounds start an interval apart; the timer may fire this much early. */
const EARLY_MS = 5;
const ARTIFACTS = resolve(__dirname, '../../test-artifacts');

const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && process.env.CI) {
  // CI installs Chromium (.ci/run); a silent skip there would hide a broken console.
  throw new Error(`${CHROMIUM} is missing in CI: the console's browser test cannot run`);
}
if (!haveChromium) {
  console.warn(
    `Skipping the console's browser test: ${CHROMIUM} is missing. Install it with ` +
      '`apt-get update && apt-get install -y chromium` to run it.',
  );
}
const describeInBrowser = haveChromium ? describe : describe.skip;

describeInBrowser('sandbox console in headless Chromium', () => {
  let sandbox: Sandbox;
  let profile: string;
  let browser: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  const state = async (): Promise<ConsoleState> =>
    (await fetch(`${sandbox.endpoints.control}/state`)).json() as Promise<ConsoleState>;
  const card = (region: string) => page.getByRole('article', { name: region });
  const step = (label: string) => page.locator('#timeline .steps li', { hasText: label });

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    profile = mkdtempSync(join(tmpdir(), 'console-chromium-'));
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1280, height: 900 },
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = browser.pages()[0] ?? (await browser.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  // Each test starts from every region up and settled, even when the one before failed half-way.
  beforeEach(async () => {
    for (const [region, r] of Object.entries((await state()).regions)) {
      if (!r.up) await fetch(`${sandbox.endpoints.control}/regions/${region}/start`, { method: 'POST' });
    }
    await settled(sandbox, REGION_RESTART_MS);
  }, REGION_RESTART_MS + 5_000);

  afterAll(async () => {
    await browser?.close();
    await sandbox?.stop();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it(
    'shows both regions healthy, and a failover made from the page with its timeline',
    async () => {
      expect(sandbox.endpoints.console).toBe(`${sandbox.endpoints.control}/`);
      await page.goto(sandbox.endpoints.console);
      await page.locator('body[data-ready="true"]').waitFor();
      for (const region of sandbox.regions) {
        await expect(card(region).locator('dd', { hasText: 'Healthy' }).textContent()).resolves.toBe(
          '✓ Healthy',
        );
        await expect(card(region).locator('dd').first().textContent()).resolves.toBe('✓ Up');
      }
      expect(await page.locator('#serving').textContent()).toBe('us-east-1');
      expect(await page.locator('#routing-reason').textContent()).toContain(
        'us-east-1 (10 ms) has the lowest latency',
      );

      // Test traffic from the page goes through the router and is counted for the region serving it.
      await page.getByLabel(/Send test traffic/).check();
      await card('us-east-1')
        .locator('dd', { hasText: /^[1-9][\d.]* req\/s/ })
        .waitFor();
      expect((await state()).regions['us-east-1'].traffic?.requests).toBeGreaterThan(0);

      // Keyboard only: focus the serving region's button and press Enter.
      const stop = page.getByRole('button', { name: 'Stop API of us-east-1' });
      await stop.focus();
      await page.keyboard.press('Enter');

      await page.locator('#serving', { hasText: 'eu-west-1' }).waitFor({ timeout: REGION_RESTART_MS });
      const after = await state();
      expect(after.regions['us-east-1'].up).toBe(false);
      expect(after.routing.serving).toBe('eu-west-1');
      expect(await card('us-east-1').locator('dd').first().textContent()).toBe(
        '✕ Down (connections refused)',
      );
      await card('us-east-1').locator('dd', { hasText: 'Unhealthy' }).waitFor();
      expect(await page.locator('#routing-reason').textContent()).toContain('us-east-1 (10 ms) is unhealthy');
      expect(await page.locator('#announce').textContent()).toMatch(/Traffic now goes to eu-west-1/);
      expect(await page.getByRole('button', { name: 'Start API of us-east-1' }).count()).toBe(1);

      expect(await page.locator('.incident-title').textContent()).toContain('Fault: us-east-1 API stopped');
      expect(await step('Fault injected').locator('.step-time').textContent()).toBe('+0.0 s');
      expect(await step('Detected').locator('.step-time').textContent()).toMatch(/^\+\d+\.\d s$/);
      expect(await step('Traffic moved').locator('.step-time').textContent()).toMatch(/^\+\d+\.\d s$/);
      expect(await step('Back to normal').locator('.step-time').textContent()).toBe('waiting');
      // Detection needs failureThreshold failed probes an interval apart (threshold read from the sandbox),
      // measured on the sandbox's own probe times: a probe that started just before the click can fail too,
      // so the span from the click is not a bound. No upper bound in wall time: how long the API process
      // takes to exit depends on the machine's load.
      const check = after.regions['us-east-1'].healthCheck;
      const threshold = check.failureThreshold;
      const lastOk = check.lastResults.map((r) => r.ok).lastIndexOf(true);
      const failed = check.lastResults.slice(lastOk + 1);
      expect(failed.length).toBeGreaterThanOrEqual(threshold);
      const times = failed
        .slice(0, threshold)
        .map((r) => Date.parse(r.at))
        .sort((a, b) => a - b);
      expect(times[threshold - 1] - times[0]).toBeGreaterThanOrEqual(
        (threshold - 1) * HEALTH_INTERVAL_MS - EARLY_MS,
      );
      const detect = after.timeline?.durations.detectMs ?? -1;
      expect(detect).toBeGreaterThan(0);
      expect(after.timeline?.durations.failoverMs).toBeGreaterThanOrEqual(detect);

      // Wait for the error rate to show in the page (requests sent before detection failed).
      await card('us-east-1').locator('dd', { hasText: 'of requests failed' }).waitFor();
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: join(ARTIFACTS, 'console.png'), fullPage: true });

      await page.getByRole('button', { name: 'Start API of us-east-1' }).click();
      await page.locator('#serving', { hasText: 'us-east-1' }).waitFor({ timeout: REGION_RESTART_MS });
      await step('Back to normal').locator('.step-time', { hasText: /^\+/ }).waitFor();
      const back = await state();
      expect(back.timeline?.endedAt).not.toBeNull();
      expect(back.timeline?.durations.failbackMs).toBeGreaterThan(0);
      await page.getByLabel(/Send test traffic/).uncheck();
      expect(pageErrors).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'runs a local drill from the page with the drill engine and shows what it measured',
    async () => {
      await page.locator('#drill-region').selectOption('us-east-1');
      await page.getByRole('button', { name: 'Run drill' }).click();
      await page.locator('.drill-status', { hasText: 'Running' }).waitFor();
      await page.locator('.drill-status', { hasText: 'Passed' }).waitFor({ timeout: 45_000 });

      const drill = (await state()).drill;
      expect(drill).toMatchObject({ status: 'passed', region: 'us-east-1', error: null });
      expect(drill?.report).toMatchObject({ target: 'local', failoverRegion: 'eu-west-1', restored: true });
      expect(drill?.report?.dataCheck).toMatchObject({ found: true, readFrom: 'eu-west-1' });
      expect(await page.locator('.report').textContent()).toContain('found in eu-west-1');
      expect(await page.locator('.incident-title').textContent()).toContain('Drill: drill of us-east-1');
      expect(await step('Check inverted').locator('.step-time').textContent()).toMatch(/^\+/);
      expect((await state()).regions['us-east-1'].healthCheck.inverted).toBe(false);
      await page.screenshot({ path: join(ARTIFACTS, 'console-drill.png'), fullPage: true });

      // Every control is a real, named button or labelled field (what a screen reader announces).
      const unnamed = await page
        .locator('button, select, input')
        .evaluateAll((els) =>
          els.filter(
            (e) =>
              !(
                e.getAttribute('aria-label') ||
                e.textContent?.trim() ||
                e.closest('label') ||
                e.ownerDocument.querySelector(`label[for="${e.id}"]`)
              ),
          ),
        );
      expect(unnamed).toHaveLength(0);
      expect(pageErrors).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'inverts and disables a health check from the page through PUT /health-checks',
    async () => {
      const flags = card('eu-west-1').locator('dd', { hasText: 'threshold' });
      await page.getByRole('button', { name: 'Invert check of eu-west-1' }).click();
      await flags.filter({ hasText: '⚠ inverted' }).waitFor();
      await card('eu-west-1').locator('dd', { hasText: '✕ Unhealthy' }).waitFor({ timeout: PROBES_MS });
      expect((await state()).regions['eu-west-1'].healthCheck).toMatchObject({
        inverted: true,
        healthy: false,
      });
      expect(await page.locator('#serving').textContent()).toBe('us-east-1');

      await page.getByRole('button', { name: 'Un-invert check of eu-west-1' }).click();
      await page.getByRole('button', { name: 'Disable check of eu-west-1' }).click();
      await flags.filter({ hasText: '⚠ disabled (counts as healthy)' }).waitFor();
      await card('eu-west-1').locator('dd', { hasText: '✓ Healthy' }).waitFor();
      expect((await state()).regions['eu-west-1'].healthCheck).toMatchObject({
        inverted: false,
        disabled: true,
      });
      await page.getByRole('button', { name: 'Enable check of eu-west-1' }).click();
      await flags.filter({ hasText: /^normal/ }).waitFor();
      expect(pageErrors).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );
});

import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import type { ConsoleState } from '../../lib/console/console-control';
import type { Sandbox } from '../../lib/sandbox/sandbox';
import { accessToken, call, startTestSandbox, waitFor } from './support/sandbox-fixture';

/** Debian's Chromium, as in console.test.ts; CI installs it and must not skip. */
const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = resolve(__dirname, '../../test-artifacts');
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && process.env.CI)
  throw new Error(`${CHROMIUM} is missing in CI: the console's chaos test cannot run`);
const describeInBrowser = haveChromium ? describe : describe.skip;

jest.setTimeout(60_000);

describeInBrowser('sandbox console: chaos scenario buttons in headless Chromium', () => {
  let sandbox: Sandbox;
  let profile: string;
  let browser: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];
  const state = async (): Promise<ConsoleState> =>
    (await fetch(`${sandbox.endpoints.control}/state`)).json() as Promise<ConsoleState>;
  const card = (region: string) => page.getByRole('article', { name: region });
  const events = () => page.locator('#timeline .events li');

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    profile = mkdtempSync(join(tmpdir(), 'console-chaos-'));
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1280, height: 1000 },
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
      ],
    });
    page = browser.pages()[0] ?? (await browser.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(sandbox.endpoints.console);
    await page.locator('body[data-ready="true"]').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await sandbox?.stop();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it("pauses and resumes replication of a region's replica, shown on the card and the timeline", async () => {
    const replicationIn = card('eu-west-1').locator('dd', { hasText: /^(Running|⚠ Paused)/ });
    expect(await replicationIn.textContent()).toBe('Running');
    await page.getByRole('button', { name: 'Pause replication of eu-west-1' }).click();
    await replicationIn.filter({ hasText: '⚠ Paused to and from this region: writes queue up' }).waitFor();
    expect((await state()).regions['eu-west-1'].replicationPaused).toBe(true);
    await events().filter({ hasText: 'eu-west-1 replica paused: no replication to or from it' }).waitFor();

    const token = await accessToken(sandbox);
    const east = sandbox.endpoints.regions['us-east-1'];
    expect((await call(`${east}/items`, token, { method: 'POST', body: { name: 'queued' } })).status).toBe(
      201,
    );
    await page.locator('#replication td[data-state="warn"]').first().waitFor();
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'console-replication-paused.png'), fullPage: true });

    await page.getByRole('button', { name: 'Resume replication of eu-west-1' }).click();
    await replicationIn.filter({ hasText: 'Running' }).waitFor();
    await events()
      .filter({ hasText: /eu-west-1 caught up: every queued write applied/ })
      .waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('fails and slows a percentage of item routes from the card, and clears them', async () => {
    const itemRoutes = card('us-east-1').locator('dd', { hasText: /^(Normal|⚠ \d)/ });
    expect(await card('us-east-1').locator('dd', { hasText: '/health check only' }).count()).toBe(1);
    await card('us-east-1').getByLabel('Invocations hit (%)').fill('40');
    await page.getByRole('button', { name: 'Fail 40 % of item routes of us-east-1' }).click();
    await itemRoutes.filter({ hasText: '⚠ 40 % of invocations fail' }).waitFor();
    expect((await state()).regions['us-east-1'].functionFaults).toEqual({
      errors: { invocationPercentage: 40 },
    });

    await card('us-east-1').getByLabel('Invocations hit (%)').fill('100');
    await card('us-east-1').getByLabel('Delay (ms)').fill('250');
    await page.getByRole('button', { name: 'Slow 100 % of item routes of us-east-1' }).click();
    await itemRoutes.filter({ hasText: '⚠ 40 % of invocations fail; 100 % start 250 ms late' }).waitFor();
    expect((await state()).regions['us-east-1'].functionFaults).toEqual({
      errors: { invocationPercentage: 40 },
      latency: { invocationPercentage: 100, startupDelayMilliseconds: 250 },
    });
    await events()
      .filter({
        hasText: 'us-east-1 item-route functions impaired: 40 % of invocations fail; 100 % start 250 ms late',
      })
      .waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'console-function-faults.png'), fullPage: true });

    await page.getByRole('button', { name: 'Clear item-route faults of us-east-1' }).click();
    await itemRoutes.filter({ hasText: 'Normal' }).waitFor();
    await waitFor('the faults cleared', async () =>
      (await state()).regions['us-east-1'].functionFaults === null ? true : undefined,
    );
    expect(await page.getByRole('button', { name: 'Clear item-route faults of us-east-1' }).isVisible()).toBe(
      false,
    );
    expect(pageErrors).toEqual([]);
  });
});

// The built web UI in Debian's Chromium against a real core with a simulated CPE: the same
// renderer the desktop app loads, over the HTTP transport.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { startSimulator, type SimulatorHandle } from '../../electron/core/simulator/index.ts';
import { startHarness, type Harness } from '../helpers/acs-harness.ts';

const repoRoot = resolve(new URL('../..', import.meta.url).pathname);
const webRoot = join(repoRoot, 'dist', 'renderer');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const skip = !existsSync(join(webRoot, 'index.html'))
  ? `the web UI is not built (${webRoot}); run npm run build`
  : !existsSync(chromiumPath)
    ? `Chromium not found at ${chromiumPath} (apt-get install chromium)`
    : false;

describe('web UI in Chromium', { skip }, () => {
  let h: Harness;
  let browser: Browser;
  let sim: SimulatorHandle;
  before(async () => {
    h = await startHarness({ webRoot });
    sim = await startSimulator({ acsUrl: h.cwmpUrl, model: 'tr181', serial: 'UI-0001', connectionRequest: { username: 'cr', password: 'crpw' } });
    await sim.idle();
    if (sim.sessions.length === 0) await sim.runSession();
    const device = h.store.devices.search({ q: 'UI-0001' }).items[0];
    assert.ok(device);
    h.store.crCredentials.set(device.id, { username: 'cr', password: 'crpw', source: 'operator' });
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  after(async () => {
    await browser?.close();
    await sim?.close();
    await h?.close();
  });

  test('with the token link, the device list shows the CPE and its parameters open on click', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${h.apiUrl}/#token=${h.acs.info.apiToken}`);
    const row = page.locator('tr', { hasText: 'UI-0001' });
    await row.waitFor({ timeout: 10_000 });
    assert.match(await row.innerText(), /UI-0001/);
    await row.click();
    // Only what the Inform reported is known yet; Refresh wakes the device and reads its tree.
    assert.equal(await page.locator('li', { hasText: 'Device.WiFi.SSID.1.SSID' }).count(), 0);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.getByRole('status').filter({ hasText: 'Refresh: done.' }).waitFor({ timeout: 20_000 });
    const ssid = page.locator('li', { hasText: 'Device.WiFi.SSID.1.SSID' });
    await ssid.waitFor({ timeout: 10_000 });
    const serialParam = page.locator('li', { hasText: 'Device.DeviceInfo.SerialNumber' });
    assert.match(await serialParam.innerText(), /UI-0001/);
    // The installer's card: where CPEs connect.
    await page.getByText('Connect a CPE').click();
    await page.locator('.cpe-setup dd', { hasText: 'http://127.0.0.1:' }).first().waitFor({ timeout: 5_000 });
    // The token leaves the address bar once it is read.
    assert.ok(!page.url().includes('token='));
    if (process.env.DESKACS_SCREENSHOTS !== undefined) await page.screenshot({ path: join(process.env.DESKACS_SCREENSHOTS, 'device-list.png') });
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('search narrows the list; a search matching nothing shows an empty table', async () => {
    const page = await browser.newPage();
    await page.goto(`${h.apiUrl}/#token=${h.acs.info.apiToken}`);
    await page.locator('tr', { hasText: 'UI-0001' }).waitFor({ timeout: 10_000 });
    await page.getByLabel('Search devices').fill('no-such-serial');
    await page.locator('tr', { hasText: 'UI-0001' }).waitFor({ state: 'detached', timeout: 10_000 });
    await page.getByLabel('Search devices').fill('UI-00');
    await page.locator('tr', { hasText: 'UI-0001' }).waitFor({ timeout: 10_000 });
    await page.close();
  });

  test('history retention: saved, a bad value refused with the reason, pruning reported', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${h.apiUrl}/#token=${h.acs.info.apiToken}`);
    await page.getByText('History', { exact: true }).click();
    const days = page.getByLabel('days to keep');
    await days.fill('15');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved: 15 days' }).waitFor({ timeout: 10_000 });
    assert.equal((await h.acs.api.getHistorySettings({})).days, 15);
    await days.fill('0');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('.history-settings .error', { hasText: "'days' must be a whole number" }).waitFor({ timeout: 10_000 });
    assert.equal((await h.acs.api.getHistorySettings({})).days, 15);
    await page.getByRole('button', { name: 'Prune now' }).click();
    await page.getByRole('status').filter({ hasText: 'Pruned:' }).waitFor({ timeout: 10_000 });
    await page.locator('.last-prune').waitFor({ timeout: 10_000 });
    assert.notEqual((await h.acs.api.getHistorySettings({})).lastPrune, null);
    if (process.env.DESKACS_SCREENSHOTS !== undefined) await page.screenshot({ path: join(process.env.DESKACS_SCREENSHOTS, 'history.png') });
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('without the token the page says the API refused it', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${h.apiUrl}/`);
    await page.locator('.error').first().waitFor({ timeout: 10_000 });
    assert.match(await page.locator('.error').first().innerText(), /token|unauthori[sz]ed/i);
    await context.close();
  });
});

// The built web UI in Debian's Chromium against a real core with a simulated CPE: the same
// renderer the desktop app loads, over the HTTP transport. Signing in with the API token, and a
// device page's Refresh reaching the CPE. (The Overview and Settings pages are covered by
// overview-settings.test.ts, the device list by devices-page.test.ts.)
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { startSimulator, type SimulatorHandle } from '../../electron/simulator/index.ts';
import { startHarness, type Harness } from '../helpers/acs-harness.ts';
import { browserSkip, launchChromium, openApp, webRoot } from '../helpers/browser.ts';

describe('web UI in Chromium', { skip: browserSkip }, () => {
  let h: Harness;
  let browser: Browser;
  let sim: SimulatorHandle;
  let deviceId: string;
  before(async () => {
    h = await startHarness({ webRoot });
    sim = await startSimulator({
      acsUrl: h.cwmpUrl,
      model: 'tr181',
      serial: 'UI-0001',
      connectionRequest: { username: 'cr', password: 'crpw' },
    });
    await sim.idle();
    if (sim.sessions.length === 0) await sim.runSession();
    const device = h.store.devices.search({ q: 'UI-0001' }).items[0];
    assert.ok(device);
    deviceId = device.id;
    h.store.crCredentials.set(device.id, { username: 'cr', password: 'crpw', source: 'operator' });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await sim?.close();
    await h?.close();
  });

  test('without the token link the sign-in form asks for the token; a wrong one is refused, the right one signs in', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${h.apiUrl}/`);
    const field = page.getByLabel('API token');
    await field.waitFor({ timeout: 10_000 });
    await field.fill('not-the-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor({ timeout: 10_000 });
    assert.match(await alert.innerText(), /refused/);
    await field.fill(h.acs.info.apiToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor({ timeout: 10_000 });
    assert.equal(await page.getByLabel('API token').count(), 0);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("the device page's Refresh wakes the CPE and its tree then shows the parameters it read", async () => {
    const { context, page, errors } = await openApp(browser, h.apiUrl, h.acs.info.apiToken, `/devices/${encodeURIComponent(deviceId)}`);
    await page.getByRole('heading', { name: /UI-0001/ }).waitFor({ timeout: 10_000 });
    // Only what the Inform reported is known yet; Refresh wakes the device and reads its tree.
    assert.equal(h.store.parameters.list(deviceId, 'Device.WiFi.SSID.1.SSID').length, 0);
    await page.getByRole('group', { name: 'Device actions' }).getByRole('button', { name: 'Refresh' }).click();
    for (let i = 0; i < 200 && h.store.parameters.list(deviceId, 'Device.WiFi.SSID.1.SSID').length === 0; i++)
      await page.waitForTimeout(50);
    assert.ok(h.store.parameters.list(deviceId, 'Device.WiFi.SSID.1.SSID').length > 0, 'the refresh stored the Wi-Fi tree');
    await page.getByLabel('Search parameters').fill('SSID');
    await page.getByRole('treeitem', { name: /SSID/ }).first().waitFor({ timeout: 10_000 });
    // The token leaves the address bar once it is read.
    assert.ok(!page.url().includes('token='));
    assert.deepEqual(errors, []);
    await context.close();
  });
});

// Installer mode in Chromium against a real core and a bootstrapping simulated CPE: the router
// shows up in "Waiting for a router", is picked and bound to its subscriber found by search; the
// profile (wifi.ssid from the subscriber) is applied and the checklist goes green by itself (the
// engine reads what the checks need: "Read from the device" is never clicked), with the
// simulator's own SSID changed; a bad handover URL is refused with the core's words; the report
// opens as printable HTML and downloads as a PDF through the contract call getProvisioningReport
// (as in the desktop app, which has no HTTP API). Screenshots at 1440x900, 1280x800 and 1024x700.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { SimulatorHandle } from '../../electron/simulator/index.ts';
import { type Harness, startHarness } from '../helpers/acs-harness.ts';
import { browserSkip, launchChromium, openApp, screenshot, scrollsSideways, webRoot } from '../helpers/browser.ts';
import { eventually, startCrSimulator } from '../helpers/e2e-devices.ts';

const SERIAL = 'INSTSIM01';
const SSID = 'Device.WiFi.SSID.1.SSID';

const sizes = [
  { name: 'wide', size: { width: 1440, height: 900 } },
  { name: 'laptop', size: { width: 1280, height: 800 } },
  { name: 'narrow', size: { width: 1024, height: 700 } },
] as const;

async function eachLook(page: Page, name: string): Promise<void> {
  for (const { name: viewport, size } of sizes) {
    for (const colorScheme of ['light', 'dark'] as const) {
      if (viewport === 'laptop' && colorScheme === 'dark') continue;
      await page.setViewportSize(size);
      await page.emulateMedia({ colorScheme });
      await screenshot(page, name, { viewport: viewport as 'wide', colorScheme });
      assert.equal(await scrollsSideways(page), false, `${name}: no sideways scroll at ${size.width} px`);
    }
  }
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.emulateMedia({ colorScheme: 'light' });
}

describe('installer mode in the browser', { skip: browserSkip }, () => {
  let h: Harness;
  let browser: Browser;
  let sim: SimulatorHandle;
  let id = '';

  before(async () => {
    h = await startHarness({ webRoot });
    browser = await launchChromium();
    await h.acs.api.createProfile({ name: 'wifi-from-subscriber', set: { 'wifi.ssid': '{{subscriber.wifiSsid}}' } });
    await h.acs.api.putSubscriber({
      accountId: 'C-1',
      name: 'Carol Customer',
      pppoeUsername: 'carol@isp',
      wifiSsid: 'Carol-Home',
      wifiKey: 'carolkey-1',
    });
    await h.acs.api.putSubscriber({ accountId: 'D-2', name: 'Dan Other', wifiSsid: 'Dan-Net' });
  });
  after(async () => {
    await browser?.close();
    await sim?.close();
    await h?.close();
  });

  test('bind a bootstrapping router to its subscriber, the checklist goes green, the report is produced', async () => {
    const { page, context, errors } = await openApp(browser, h.apiUrl, h.acs.info.apiToken, '/installer');
    try {
      // Nothing waits yet; the router is plugged in and shows up by itself (push events).
      await page.getByText('No router is waiting').waitFor();
      ({ sim, id } = await startCrSimulator(h, SERIAL, true));
      const waiting = page.getByRole('list', { name: 'Routers waiting' });
      await waiting.getByRole('button', { name: new RegExp(SERIAL) }).click();
      await page.getByRole('heading', { name: /VG181|VirtualGateway/ }).waitFor();
      const picker = page.getByRole('list', { name: 'Subscribers without a router' });
      await picker.getByRole('button', { name: /Dan Other/ }).waitFor();
      await eachLook(page, 'installer-pick');

      // By keyboard: type, Tab to the one match, Space picks it, Tab to Bind, Enter.
      await page.getByRole('searchbox', { name: 'Find the subscriber' }).fill('Carol');
      await eventually('only Carol listed', async () => (await picker.getByRole('button').count()) === 1);
      await page.keyboard.press('Tab');
      await page.keyboard.press('Space');
      assert.equal(await picker.getByRole('button', { name: /Carol Customer/ }).getAttribute('aria-pressed'), 'true');
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate<string | null>('document.activeElement?.textContent ?? null'), 'Bind to Carol Customer');
      await page.keyboard.press('Enter');
      await page.locator('.bound-subscriber', { hasText: 'Carol Customer' }).waitFor();

      // The profile's step and the checks go green; the simulator has the subscriber's SSID.
      const step = page.getByRole('list', { name: 'Profile steps' }).locator('[data-item="wifi.ssid"]');
      await step.and(page.locator('[data-state="done"]')).waitFor({ timeout: 60_000 });
      assert.equal(sim.model.get(SSID)?.value, 'Carol-Home');
      // The checks' values (periodic inform, WAN, Wi-Fi on a router that only sent its first
      // Inform) are read by the engine itself: the checklist goes green without any click, and
      // no refresh of the whole tree was asked for.
      await page.locator('.checklist-head .chip', { hasText: 'Done' }).waitFor({ timeout: 60_000 });
      const refreshes = h.store.tasks.listForDevice(id).filter((t) => t.name === 'refresh');
      assert.ok(
        refreshes.every((t) => (t.args as { path: string }).path !== ''),
        'no full refresh: only the subtrees the checks need',
      );
      assert.equal(await page.getByRole('button', { name: 'Read from the device' }).count(), 0);
      const checks = page.getByRole('list', { name: 'Checks' });
      assert.equal(await checks.locator('[data-state="failed"]').count(), 0);
      assert.equal((await h.acs.api.getDeviceSubscriber({ id }))?.accountId, 'C-1');
      await eachLook(page, 'installer-done');

      // A bad handover URL is refused, nothing queued.
      await page.getByRole('textbox', { name: 'Production ACS URL' }).fill('ftp://acs.example.net/');
      await page.getByRole('button', { name: 'Hand over' }).click();
      await page
        .getByRole('alert')
        .filter({ hasText: /http:\/\/ or https:\/\// })
        .waitFor();

      // The report: printable HTML in a new window, and the PDF.
      const [popup] = await Promise.all([
        context.waitForEvent('page'),
        page.getByRole('button', { name: 'Open printable report' }).click(),
      ]);
      await popup.waitForLoadState();
      const text = await popup.locator('body').innerText();
      assert.match(text, /Carol Customer/);
      assert.match(text, new RegExp(SERIAL));
      assert.doesNotMatch(text, /carolkey-1/, 'secrets masked in the report');
      await popup.screenshot({ path: `${(await import('../helpers/browser.ts')).screenshotDir}/installer-report-wide-light.png` });
      await popup.close();
      // The PDF comes through the contract call (format=pdf, base64), not the raw .pdf route.
      const asked: string[] = [];
      page.on('request', (r) => asked.push(r.url()));
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download PDF' }).click()]);
      assert.match(download.suggestedFilename(), /^provisioning-INSTSIM01-\d{4}-\d\d-\d\d\.pdf$/);
      const pdf = await readFile(await download.path());
      assert.equal(pdf.subarray(0, 4).toString('latin1'), '%PDF');
      await page.getByRole('status').filter({ hasText: 'PDF saved.' }).waitFor();
      assert.ok(
        asked.some((u) => /\/provisioning\/report\?(.*&)?format=pdf/.test(u)),
        `getProvisioningReport with format=pdf was asked: ${asked.join(' ')}`,
      );
      assert.equal(asked.filter((u) => /report\.pdf/.test(u)).length, 0, 'the raw PDF route is not used');

      // The handover, last: the router is pointed at the production ACS, followed to its end.
      await page.getByRole('textbox', { name: 'Production ACS URL' }).fill('https://acs.example.net:7547/');
      await page.getByRole('button', { name: 'Hand over' }).click();
      await page.locator('.handover-task', { hasText: /Done/ }).waitFor({ timeout: 30_000 });
      assert.equal(sim.model.get('Device.ManagementServer.URL')?.value, 'https://acs.example.net:7547/');
      assert.deepEqual(
        errors.filter((e) => !/status of 400/.test(e)),
        [],
      );
    } finally {
      await context.close();
    }
  });
});

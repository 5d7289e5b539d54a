// Diagnostics in Chromium against a real core and a simulated CPE: from the device's Diagnostics
// tab a ping (two clicks: the host is prefilled) followed live to its readable result, a
// traceroute's hops, a download speed test in Mbit/s, a DNS lookup the device refuses (failed,
// explained), the history with a run expanded, and the device log read now and a vendor log file
// uploaded and listed. Screenshots at 1440x900 and 1024x700, light and dark.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { type SimulatorHandle, startSimulator } from '../../electron/simulator/index.ts';
import { runDiagnostic } from '../../electron/simulator/diagnostics.ts';
import { startHarness, type Harness } from '../helpers/acs-harness.ts';
import { browserSkip, launchChromium, openApp, type OpenOptions, screenshotEachLook, webRoot } from '../helpers/browser.ts';

const SERIAL = 'DIAGSIM01';

const eachLook = (page: Page, name: string, prepare?: () => Promise<void>): Promise<void> => screenshotEachLook(page, name, { prepare });

describe('diagnostics in the browser', { skip: browserSkip }, () => {
  let h: Harness;
  let browser: Browser;
  let sim: SimulatorHandle;
  let id = '';

  before(async () => {
    h = await startHarness({ webRoot, diagnostics: { downloadBytes: 4 * 1024 * 1024, uploadBytes: 1024 * 1024 } });
    browser = await launchChromium();
    sim = await startSimulator({
      acsUrl: h.cwmpUrl,
      model: 'tr181',
      serial: SERIAL,
      connectionRequest: { username: 'cr', password: 'crpw' },
      diagnostics: { delayMs: 400 },
    });
    await sim.idle();
    if (sim.sessions.length === 0) await sim.runSession();
    id = h.store.devices.search({ q: SERIAL }).items[0]?.id ?? '';
    assert.notEqual(id, '');
    await h.acs.api.setDeviceCredentials({ id, username: 'cr', password: 'crpw' });
    await h.acs.api.createTask({ id, task: { name: 'refresh', path: '' }, connectionRequest: true, waitSeconds: 60 });
  });
  after(async () => {
    await browser?.close();
    await sim?.close();
    await h?.close();
  });

  const open = (opts: OpenOptions = {}): ReturnType<typeof openApp> =>
    openApp(browser, h.apiUrl, h.acs.info.apiToken, `/devices/${encodeURIComponent(id)}?tab=diagnostics`, opts);

  test('a ping in two clicks, followed to its result; a traceroute; a download speed test; a refused DNS lookup', async () => {
    const { page, context, errors } = await open();
    try {
      await page.getByRole('tab', { name: 'Diagnostics', selected: true }).waitFor();
      // The form and the run at the top of the window (at 1024x700 the summary card fills the first screen).
      const showCurrent = async (): Promise<void> => {
        await page.getByRole('tablist', { name: 'Device details' }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
      };
      await page.getByText('No diagnostics run on this device yet').waitFor();
      assert.equal(await page.getByLabel('Host', { exact: true }).inputValue(), '8.8.8.8', 'the host is prefilled');

      // The device holds the ping until the test lets it finish: the wait is shown, with its reason.
      sim.cpe.diagnostics.never = ['ping'];
      await page.getByRole('button', { name: 'Run ping' }).click();
      const current = page.getByRole('region', { name: 'Current diagnostic' });
      await current.getByText('Running on device').waitFor({ timeout: 30_000 });
      await current
        .getByText(/The device is running the ping to 8\.8\.8\.8; waiting for it to report 8 DIAGNOSTICS COMPLETE\. It gives up at/)
        .waitFor();
      sim.cpe.diagnostics.never = [];
      await runDiagnostic(sim.model, 'Device.IP.Diagnostics.IPPing.', 'ping');
      await sim.runSession(['8 DIAGNOSTICS COMPLETE']);
      const result = current.getByTestId('diag-result');
      await result.waitFor({ timeout: 30_000 });
      assert.match((await result.textContent()) ?? '', /Replies4 of 4/);
      assert.match((await result.textContent()) ?? '', /Loss0%/);
      assert.match((await result.textContent()) ?? '', /RTT avg[\d.]+ ms/);
      await eachLook(page, 'diagnostics-ping', showCurrent);

      await page.getByText('Traceroute', { exact: true }).click();
      await page.getByRole('button', { name: 'Run traceroute' }).click();
      await current.getByRole('table').waitFor({ timeout: 30_000 });
      assert.equal(await current.getByRole('row').count(), 5, 'a header and 4 hops');
      await eachLook(page, 'diagnostics-traceroute', showCurrent);

      await page.getByText('Download speed', { exact: true }).click();
      await page.getByRole('button', { name: 'Run download speed' }).click();
      await current.getByText(/Mbit\/s/).waitFor({ timeout: 30_000 });
      assert.match((await current.getByTestId('diag-result').textContent()) ?? '', /Moved4\.0 MB/);
      await eachLook(page, 'diagnostics-speed', showCurrent);

      sim.cpe.diagnostics.unsupported = ['nslookup'];
      await page.getByText('DNS lookup', { exact: true }).click();
      assert.equal(await page.getByLabel('Host name').inputValue(), 'example.com');
      await page.getByRole('button', { name: 'Run dns lookup' }).click();
      const failed = current.getByRole('alert');
      await failed.waitFor({ timeout: 30_000 });
      assert.match((await failed.textContent()) ?? '', /does not support the DNS lookup/);
      await eachLook(page, 'diagnostics-failed', showCurrent);

      // The history: the earlier runs, newest first; one expanded shows its result.
      const heads = page.locator('.diag-run-head');
      await heads.first().waitFor();
      assert.equal(await heads.count(), 3);
      assert.match((await heads.nth(0).textContent()) ?? '', /Download speed test/);
      const ping = heads.nth(2);
      assert.match((await ping.textContent()) ?? '', /Ping 8\.8\.8\.8.*Done.*4\/4 replies/);
      await ping.click();
      assert.equal(await ping.getAttribute('aria-expanded'), 'true');
      await page.locator('.diag-run-body').getByTestId('diag-result').waitFor();
      await eachLook(page, 'diagnostics-history', async () => {
        await page.locator('.diag-history').scrollIntoViewIfNeeded();
      });
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('the device log read now and a vendor log file uploaded, listed and viewed', async () => {
    const { page, context, errors } = await open();
    try {
      await page.getByRole('button', { name: 'Read now' }).click();
      const log = page.getByTestId('device-log');
      await page.getByRole('button', { name: 'Read now' }).waitFor();
      await log.filter({ hasText: 'diagnostics: ping 8.8.8.8 complete' }).waitFor({ timeout: 30_000 });
      await page.getByRole('button', { name: 'Upload vendor log file' }).click();
      const files = page.getByRole('table', { name: 'Uploaded vendor log files' });
      await files.waitFor({ timeout: 30_000 });
      assert.equal(await files.getByRole('row').count(), 2);
      await eachLook(page, 'diagnostics-log', async () => {
        await files.scrollIntoViewIfNeeded();
      });
      await files.getByRole('button', { name: 'View' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByTestId('backup-text').waitFor();
      assert.match((await dialog.getByTestId('backup-text').textContent()) ?? '', /simulated device log/);
      await dialog.getByRole('button', { name: 'Close' }).click();
      const [download] = await Promise.all([page.waitForEvent('download'), files.getByRole('button', { name: 'Download' }).click()]);
      assert.match(download.suggestedFilename(), /^vendor-log-DIAGSIM01-.*\.txt$/);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});

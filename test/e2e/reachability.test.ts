// Reaching a device behind NAT, in Chromium against a real core (STUN and CWMP over TLS on) and a
// simulated CPE behind a simulated NAT: the Reachability tab says NAT detected and what to do; a
// test connection request fails over HTTP; Enable STUN is followed to its end, after which the
// tab shows the STUN binding and a test connection request wakes the device over UDP. Settings
// shows the STUN port and the https:// URL and offers the local CA certificate for download.
// Screenshots at both sizes and schemes.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { type SimulatorHandle, startSimulator } from '../../electron/simulator/index.ts';
import { startHarness, type Harness } from '../helpers/acs-harness.ts';
import { browserSkip, launchChromium, openApp, type OpenOptions, screenshotEachLook, webRoot } from '../helpers/browser.ts';
import { eventually } from '../helpers/e2e-devices.ts';

const SERIAL = 'NATSIM0001';
const CR = { username: 'cr', password: 'crpw-behind-nat' };
// 127.0.0.2 is loopback on Linux but another address than the sessions' 127.0.0.1: a NAT by address.
const natVisible = process.platform === 'linux';

const eachLook = (page: Page, name: string, prepare?: () => Promise<void>): Promise<void> => screenshotEachLook(page, name, { prepare });

describe('reachability in the browser', { skip: browserSkip || (natVisible ? false : 'the simulated NAT needs 127.0.0.2 (Linux)') }, () => {
  let h: Harness;
  let browser: Browser;
  let sim: SimulatorHandle;
  let id = '';

  before(async () => {
    h = await startHarness({
      webRoot: process.env.DESKACS_WEB_ROOT ?? webRoot,
      stun: { port: 0, host: '127.0.0.1', udpTimeoutMs: 5000 },
      tls: { port: 0, host: '127.0.0.1' },
    });
    browser = await launchChromium();
    sim = await startSimulator({
      acsUrl: h.cwmpUrl,
      model: 'tr181',
      serial: SERIAL,
      connectionRequest: CR,
      nat: { advertisedHost: '127.0.0.2' },
      autoSessions: false,
    });
    assert.equal((await sim.runSession()).ok, true);
    id = (await h.acs.api.listDevices({ q: SERIAL })).items[0]?.id ?? '';
    await h.acs.api.setDeviceCredentials({ id, ...CR });
    // The STUN parameters must be in the stored tree before Enable STUN can set them.
    await h.acs.api.createTask({ id, task: { name: 'refresh', path: 'Device.ManagementServer.' } });
    assert.equal((await sim.runSession()).ok, true);
  });
  after(async () => {
    await browser?.close();
    await sim?.close();
    await h?.close();
  });

  const open = (path: string, opts: OpenOptions = {}): ReturnType<typeof openApp> =>
    openApp(browser, h.apiUrl, h.acs.info.apiToken, path, opts);
  const tabPath = (): string => `/devices/${encodeURIComponent(id)}?tab=reach`;

  test('behind NAT: NAT detected and the advice; HTTP fails; Enable STUN to its end; then the binding and a UDP wake', async () => {
    const { page, context, errors } = await open(tabPath());
    try {
      await page.getByRole('tab', { name: 'Reachability', selected: true }).waitFor();
      const verdict = page.getByRole('region', { name: 'Can DeskACS wake it now?' });
      await verdict.getByText('NAT detected').waitFor();
      await page
        .getByRole('region', { name: 'NAT', exact: true })
        .getByText(/the ConnectionRequestURL names 127\.0\.0\.2 but the device's sessions come from 127\.0\.0\.1/)
        .waitFor();
      assert.match((await verdict.textContent()) ?? '', /Enable STUN on the device/);

      // A test connection request: HTTP cannot pass the NAT.
      await verdict.getByRole('button', { name: 'Test connection request' }).click();
      await verdict.locator('.reach-tested.bad').waitFor();
      const attempts = page.getByRole('region', { name: 'Last connection requests' });
      await attempts.getByText('connection refused').waitFor();
      assert.equal(await verdict.locator('.chip', { hasText: /^No$/ }).count(), 1);
      await eachLook(page, 'reachability-nat', showTab(page));

      // Enable STUN: queued, then done at the device's next contact (its periodic inform here).
      await verdict.getByRole('button', { name: 'Enable STUN' }).click();
      const line = page.locator('.reach-tab .action-log .action-line').first();
      await line.filter({ hasText: 'Enable STUN' }).waitFor();
      assert.equal((await sim.runSession()).ok, true);
      await line.filter({ hasText: 'Enable STUN: done' }).waitFor({ timeout: 20_000 });
      const port = await waitFor(() => sim.nat?.binding ?? null);
      const stun = page.getByRole('region', { name: 'STUN' });
      await stun.getByText(port).first().waitFor({ timeout: 20_000 });
      await stun.getByText(/s old$/).waitFor();
      assert.match((await stun.textContent()) ?? '', /MESSAGE-INTEGRITY verified/);
      await verdict.getByText('Likely').waitFor({ timeout: 20_000 });

      // Now a test connection request wakes it over UDP.
      await verdict.getByRole('button', { name: 'Test connection request' }).click();
      await verdict.locator('.reach-tested.ok').waitFor({ timeout: 20_000 });
      await verdict.locator('.chip', { hasText: /^Yes$/ }).waitFor({ timeout: 20_000 });
      await verdict.getByText(/by UDP connection request to 127\.0\.0\.1:\d+/).waitFor();
      await attempts.locator('tr', { hasText: 'UDP' }).first().waitFor();
      await sim.idle();
      await eachLook(page, 'reachability-stun', showTab(page));
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('Settings shows the STUN port and the https:// URL, and offers the local CA certificate', async () => {
    const { page, context, errors } = await open('/settings?section=network');
    try {
      const section = page.getByRole('region', { name: 'NAT and HTTPS' });
      await section.getByText(`UDP port ${h.acs.info.stunPort}`).waitFor();
      await section.getByText(h.acs.info.cwmpTlsUrl ?? 'no TLS URL').waitFor();
      const ca = await h.acs.api.getCaCertificate({});
      await section.getByText(ca.fingerprint256).waitFor();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        section.getByRole('button', { name: 'Download CA certificate (PEM)' }).click(),
      ]);
      assert.equal(download.suggestedFilename(), 'deskacs-ca.pem');
      const path = await download.path();
      assert.equal(readFileSync(path, 'utf8'), ca.pem);

      const basic = section.getByRole('checkbox', { name: 'Still accept Basic authentication over plain HTTP' });
      assert.equal(await basic.isChecked(), false);
      // Controlled by the saved setting: the box turns once the core has it.
      await basic.click();
      await eventually('the setting saved', async () => (await h.acs.api.getCpeAuth({})).allowBasicOverHttp === true);
      await eventually('the box ticked', () => basic.isChecked());
      await basic.click();
      await eventually('the setting saved', async () => (await h.acs.api.getCpeAuth({})).allowBasicOverHttp === false);
      await eventually('the box cleared', async () => !(await basic.isChecked()));
      await eachLook(page, 'settings-network', async () => {
        await section.scrollIntoViewIfNeeded();
      });

      // HTTPS from Settings (the desktop app has no command line): a bad port is refused by
      // its field; a good one is saved, and the command line's listener keeps running.
      const form = section.getByRole('form', { name: 'CWMP over HTTPS' });
      await form.getByText("Running with the command line's --tls-port").waitFor();
      const port = form.getByLabel('HTTPS port');
      await port.fill('70000');
      await form.getByRole('button', { name: 'Save' }).click();
      await form.getByText(/'port' must be a whole number from 1 to 65535/).waitFor();
      await port.fill('7549');
      await form.getByRole('button', { name: 'Save' }).click();
      await form.getByText('Saved: HTTPS on port 7549.').waitFor();
      assert.equal((await h.acs.api.getCwmpTlsSettings({})).port, 7549);
      // The refused port's 400 is the browser's own console line; nothing else may be logged.
      assert.deepEqual(
        errors.filter((e) => !/Failed to load resource: .* 400 \(Bad Request\)/.test(e)),
        [],
      );
    } finally {
      await context.close();
    }
  });
});

/** Scrolls the tab list to the top of the window, so the tab's content fills the screenshot. */
function showTab(page: Page): () => Promise<void> {
  return async () => {
    await page.getByRole('tablist').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  };
}

async function waitFor<T>(probe: () => T | null): Promise<T> {
  let v: T | null = null;
  await eventually('the value', () => {
    v = probe();
    return v !== null;
  });
  return v as unknown as T;
}

// The device page's Settings tab in Chromium against a real core and a simulated TR-181 CPE:
// every common setting grouped with its value and the path it resolved to (a link opens the
// parameter tree on that row), an edit of the Wi-Fi name applied as one task, followed in the
// action log to its end, and the simulator's own value changed; a secret masked by the core until
// Show reveals it. Screenshots in every look.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { SimulatorHandle } from '../../electron/simulator/index.ts';
import { type Harness, startHarness } from '../helpers/acs-harness.ts';
import { browserSkip, launchChromium, openApp, screenshot, screenshotEachLook, webRoot } from '../helpers/browser.ts';
import { eventually, startCrSimulator } from '../helpers/e2e-devices.ts';

const SERIAL = 'CSSIM0001';
const SSID = 'Device.WiFi.SSID.1.SSID';
const KEY_PATH = 'Device.WiFi.AccessPoint.1.Security.KeyPassphrase';
const WIFI_KEY = 'settings-Key-4242';

const eachLook = (page: Page, name: string): Promise<void> =>
  screenshotEachLook(page, name, { prepare: () => page.locator('.csettings').evaluate((el) => el.scrollIntoView({ block: 'start' })) });

describe('common settings on the device page', { skip: browserSkip }, () => {
  let h: Harness;
  let browser: Browser;
  let sim: SimulatorHandle;
  let id = '';

  before(async () => {
    h = await startHarness({ webRoot });
    browser = await launchChromium();
    ({ sim, id } = await startCrSimulator(h, SERIAL, true));
    await h.acs.api.createTask({ id, task: { name: 'refresh', path: '' }, connectionRequest: true, waitSeconds: 60 });
    // A Wi-Fi key DeskACS set: the store holds it in clear, the API shows it masked unless revealed.
    const set = await h.acs.api.createTask({
      id,
      task: { name: 'setParameterValues', values: [[KEY_PATH, WIFI_KEY]] },
      connectionRequest: true,
      waitSeconds: 60,
    });
    assert.equal(set.task.status, 'done');
  });
  after(async () => {
    await browser?.close();
    await sim?.close();
    await h?.close();
  });

  test('grouped settings with values and resolved paths; an edit reaches the simulator', async () => {
    const { page, context, errors } = await openApp(
      browser,
      h.apiUrl,
      h.acs.info.apiToken,
      `/devices/${encodeURIComponent(id)}?tab=settings`,
    );
    try {
      await page.getByRole('tab', { name: 'Settings', selected: true }).waitFor();
      const wifi = page.getByRole('region', { name: 'Wi-Fi 2.4 GHz' });
      await wifi.waitFor();
      for (const g of ['WAN', 'LAN', 'Management', 'Time']) await page.getByRole('region', { name: g }).waitFor();
      const row = wifi.getByRole('row', { name: /Wi-Fi name/ });
      const before = sim.model.get(SSID)?.value ?? '';
      assert.notEqual(before, '');
      assert.match(await row.innerText(), new RegExp(before));
      // The path it resolved to, beside the value, as a link into the tree.
      const link = row.getByRole('link', { name: /Device\.\s*WiFi\.\s*SSID\.\s*1\.\s*SSID/ });
      assert.equal(await link.getAttribute('title'), `Open ${SSID} in the parameter tree`);
      // A setting without a path says why (the TR-181 simulator has no 5 GHz radio, or reports its reason).
      const unsupported = page.locator('.csettings-unsupported');
      if ((await unsupported.count()) > 0) assert.match(await unsupported.first().innerText(), /Not supported by this model/);
      await eachLook(page, 'common-settings');

      // The Wi-Fi key is masked (the page never received it) until Show asks the core to reveal it.
      const keyRow = wifi.getByRole('row', { name: /Wi-Fi password/ });
      assert.match(await keyRow.innerText(), /••••••••/);
      assert.doesNotMatch(await page.content(), new RegExp(WIFI_KEY));
      await keyRow.getByRole('button', { name: 'Show Wi-Fi password (2.4 GHz)' }).click();
      await eventually('the revealed Wi-Fi key', async () => (await keyRow.innerText()).includes(WIFI_KEY));
      await keyRow.getByRole('button', { name: 'Hide Wi-Fi password (2.4 GHz)' }).click();
      assert.doesNotMatch(await keyRow.innerText(), new RegExp(WIFI_KEY));

      // Edit in place and apply: one task, followed to its end in the action log.
      await row.getByRole('button', { name: 'Edit Wi-Fi name (2.4 GHz)' }).click();
      const input = page.getByRole('textbox', { name: 'New Wi-Fi name (2.4 GHz)' });
      await input.fill('Edited-From-Settings');
      await screenshot(page, 'common-settings-editing', { viewport: 'wide', colorScheme: 'light' });
      await input.press('Enter');
      await page.locator('.action-line', { hasText: /Set Wi-Fi name \(2\.4 GHz\): done/ }).waitFor({ timeout: 30_000 });
      assert.equal(sim.model.get(SSID)?.value, 'Edited-From-Settings');
      await eventually('the new value shown', async () => /Edited-From-Settings/.test(await row.innerText()));

      // The path link opens the Parameters tab on that row.
      await link.click();
      await page.getByRole('tab', { name: 'Parameters', selected: true }).waitFor();
      const tree = page.getByRole('tree', { name: 'Parameters' });
      await eventually('the SSID row selected', async () => {
        const active = await tree.getAttribute('aria-activedescendant');
        if (active === null) return false;
        return (await page.locator(`[id="${active}"] .ptree-name`).getAttribute('title')) === SSID;
      });
      assert.equal(page.url().includes('path='), false, 'the path parameter is consumed');

      // The tree's search finds a parameter by its common setting's key or label.
      const currentMatch = async (): Promise<string | null> => page.locator('.ptree-row.current .ptree-name').getAttribute('title');
      await page.getByRole('searchbox', { name: 'Search parameters' }).fill('wan.pppoe.username');
      await eventually('the PPPoE username found by its setting key', async () =>
        /^Device\.PPP\.Interface\.\d+\.Username$/.test((await currentMatch()) ?? ''),
      );
      await page.getByRole('searchbox', { name: 'Search parameters' }).fill('Wi-Fi name (2.4');
      await eventually('the SSID found by its label', async () => (await currentMatch()) === SSID);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});

// The Subscribers and Profiles pages in Chromium against a real core: a billing CSV with a bad
// row imported through the dialog (the core's column mapping shown, the dry run naming the bad
// line, then the counts), the table with a secret revealed by a click, a subscriber edited;
// a profile created in the editor (with STUN ticked), refused with the core's message when it
// names an unknown setting, then its dry run on a simulated device listing the RPCs, and the device's
// Provisioning tab. Screenshots of each screen in every look.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { SimulatorHandle } from '../../electron/simulator/index.ts';
import { type Harness, startHarness } from '../helpers/acs-harness.ts';
import { browserSkip, launchChromium, openApp, screenshot, screenshotEachLook, webRoot } from '../helpers/browser.ts';
import { eventually, startCrSimulator } from '../helpers/e2e-devices.ts';

const CSV = [
  'Account;Customer Name;Serial;PPPoE User;PPPoE Password;SSID;WiFi Key;Tags',
  'A-100;Ann Archer;SN-ANN-1;ann@isp;pppAnn!1;Ann-Home;annkey-123;fiber',
  'A-101;Bob Baker;;bob@isp;pppBob!2;Bob-Net;bobkey-456;',
  'A-102;Cy Short;;cy@isp;pw;Cy-Net;short;',
].join('\n');

export const eachLook = (page: Page, name: string, sideways = true): Promise<void> =>
  screenshotEachLook(page, name, { checkSideways: sideways });

describe('subscribers and profiles in the browser', { skip: browserSkip }, () => {
  let h: Harness;
  let browser: Browser;
  let sim: SimulatorHandle;
  let id = '';

  before(async () => {
    h = await startHarness({ webRoot });
    browser = await launchChromium();
    ({ sim, id } = await startCrSimulator(h, 'PVSIM0001', true));
    await h.acs.api.createTask({ id, task: { name: 'refresh', path: '' }, connectionRequest: true, waitSeconds: 60 });
  });
  after(async () => {
    await browser?.close();
    await sim?.close();
    await h?.close();
  });
  const open = (path: string): ReturnType<typeof openApp> => openApp(browser, h.apiUrl, h.acs.info.apiToken, path);

  test('Import CSV: mapping, dry run naming the bad line, import counts; the table reveals a secret on click', async () => {
    const { page, context, errors } = await open('/subscribers');
    try {
      await page.getByRole('heading', { name: 'No subscribers yet' }).waitFor();
      await page.getByRole('button', { name: 'Import CSV…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Import subscribers from CSV' });
      await dialog
        .getByLabel('CSV file', { exact: true })
        .setInputFiles({ name: 'billing.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
      // The core's mapping of the header, one select per field.
      await eventually(
        'the mapping',
        async () => (await dialog.getByRole('combobox', { name: 'Wi-Fi key', exact: true }).inputValue()) === 'WiFi Key',
      );
      assert.equal(await dialog.getByRole('combobox', { name: 'Account id', exact: true }).inputValue(), 'Account');
      assert.equal(await dialog.getByRole('combobox', { name: 'Name', exact: true }).inputValue(), 'Customer Name');
      const refused = dialog.getByRole('list', { name: 'Refused lines' });
      await refused.waitFor();
      assert.match(await refused.innerText(), /Line 4: .*Wi-Fi password/);
      assert.match(await dialog.getByRole('status').first().innerText(), /Dry run: 2 new, 0 updated, 1 line refused/);
      assert.equal((await h.acs.api.listSubscribers({})).total, 0, 'a dry run writes nothing');
      // The preview masks the columns mapped to passwords and keys until asked.
      const preview = dialog.getByRole('table', { name: 'The first lines of the file' });
      assert.doesNotMatch(await preview.innerText(), /pppAnn!1|annkey-123/);
      assert.match(await preview.innerText(), /ann@isp/);
      await eachLook(page, 'subscribers-import', false);
      await dialog.getByRole('button', { name: 'Show passwords and keys' }).click();
      assert.match(await preview.innerText(), /pppAnn!1/);

      await dialog.getByRole('button', { name: 'Import' }).click();
      await dialog.getByText('Imported: 2 new, 0 updated').waitFor();
      assert.match(await dialog.getByRole('list', { name: 'Refused lines' }).innerText(), /Line 4/);
      await dialog.getByRole('button', { name: 'Close' }).click();
      await dialog.waitFor({ state: 'hidden' });

      const table = page.getByRole('table', { name: 'Subscribers' });
      await table.locator('[data-account="A-101"]').waitFor();
      assert.equal(await table.locator('[data-account]').count(), 2);
      const ann = table.locator('[data-account="A-100"]');
      assert.doesNotMatch(await ann.innerText(), /annkey-123/, 'secrets masked');
      await ann.getByRole('button', { name: 'Show the secrets of A-100' }).click();
      await eventually('the key revealed', async () => /annkey-123/.test(await ann.innerText()));
      await eachLook(page, 'subscribers');

      // Search narrows the table.
      await page.getByRole('searchbox', { name: 'Search subscribers' }).fill('Bob');
      await eventually('one row', async () => (await table.locator('[data-account]').count()) === 1);
      // Edit: the dialog opens with the values revealed, and saves.
      await table.locator('[data-account="A-101"]').getByRole('button', { name: 'Edit A-101' }).click();
      const edit = page.getByRole('dialog', { name: 'Edit A-101' });
      await eventually('the form filled', async () => (await edit.getByLabel('Wi-Fi name', { exact: true }).inputValue()) === 'Bob-Net');
      await edit.getByLabel('Wi-Fi name', { exact: true }).fill('Bob-Renamed');
      await eachLook(page, 'subscriber-edit', false);
      await edit.getByRole('button', { name: 'Save' }).click();
      await edit.waitFor({ state: 'hidden' });
      assert.equal((await h.acs.api.getSubscriber({ accountId: 'A-101', reveal: true })).wifiKey, 'bobkey-456', 'the key kept');
      assert.equal((await h.acs.api.getSubscriber({ accountId: 'A-101' })).wifiSsid, 'Bob-Renamed');
      // Delete, behind a confirmation.
      await table.locator('[data-account="A-101"]').getByRole('button', { name: 'Delete A-101' }).click();
      const confirm = page.getByRole('dialog', { name: 'Delete subscriber A-101?' });
      await confirm.getByRole('button', { name: 'Delete subscriber' }).click();
      await confirm.waitFor({ state: 'hidden' });
      await page.getByText('No subscriber matches “Bob”.').waitFor();
      assert.equal((await h.acs.api.listSubscribers({})).total, 1);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('Profiles: created in the editor, a bad setting refused with the core message, the dry run lists the RPCs', async () => {
    const { page, context, errors } = await open('/profiles');
    try {
      await waitOrExplain(page, page.getByRole('heading', { name: 'No profiles yet' }), 'the empty Profiles page', errors);
      await page.getByRole('button', { name: 'New profile' }).click();
      const form = page.getByRole('form', { name: 'Profile' });
      await form.getByLabel('Name', { exact: true }).fill('home-wifi');
      await form.getByRole('button', { name: 'Add a value' }).click();
      const values = form.getByRole('list', { name: 'Values to set' });
      await values.getByRole('combobox', { name: 'Setting', exact: true }).selectOption({ label: 'Raw path…' });
      await values.getByLabel('Path', { exact: true }).fill('wifi.sssid');
      await values.getByLabel('Value', { exact: true }).fill('x');
      await page.getByRole('button', { name: 'Create profile' }).click();
      await page.getByRole('alert').filter({ hasText: 'The profile was refused' }).waitFor();
      await values.getByRole('combobox', { name: 'Setting', exact: true }).selectOption({ value: 'wifi.ssid' });
      await values.getByLabel('Value', { exact: true }).fill('Net-{{serialNumber}}');
      // NAT traversal: the address field shows once STUN is ticked.
      const stun = form.getByRole('group', { name: 'NAT traversal (STUN)' });
      await stun.getByRole('checkbox', { name: 'Enable STUN on the devices' }).check();
      await stun.getByLabel('Server address', { exact: true }).fill('acs.example.net');
      await page.getByRole('button', { name: 'Create profile' }).click();
      await page.getByRole('heading', { name: 'home-wifi', level: 1 }).waitFor();
      const stored = await h.acs.api.getProfile({ name: 'home-wifi' });
      assert.deepEqual(stored.set, { 'wifi.ssid': 'Net-{{serialNumber}}' });
      assert.deepEqual(stored.stun, { enabled: true, serverAddress: 'acs.example.net' });

      // Dry run on the simulator: the exact RPC.
      await page.getByRole('searchbox', { name: 'Device for the dry run' }).fill('PVSIM');
      await page
        .getByRole('list', { name: 'Devices found' })
        .getByRole('button', { name: /PVSIM0001/ })
        .click();
      const rpcs = page.getByRole('list', { name: 'RPCs that would be sent' });
      await rpcs.waitFor();
      assert.match(await rpcs.innerText(), /SetParameterValues/);
      assert.match(await rpcs.innerText(), /Net-PVSIM0001/);
      // This ACS runs no STUN server: the dry run says so.
      await page.getByText(/stun: the STUN server is off/).waitFor();
      await eachLook(page, 'profile-editor');
      // At 1024 px the dry run sits under the form.
      await page.setViewportSize({ width: 1024, height: 700 });
      await page.locator('.profile-side').evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await screenshot(page, 'profile-dryrun', { viewport: 'narrow', colorScheme: 'light' });
      await page.setViewportSize({ width: 1440, height: 900 });
      const stunGroup = form.getByRole('group', { name: 'NAT traversal (STUN)' });
      await screenshotEachLook(page, 'profile-stun', {
        prepare: () => stunGroup.evaluate((el) => el.scrollIntoView({ block: 'center' })),
      });

      await page.getByRole('link', { name: 'Profiles' }).first().click();
      await page
        .getByRole('table', { name: /Profiles/ })
        .locator('[data-profile="home-wifi"]')
        .waitFor();
      await eachLook(page, 'profiles');

      // The device's Provisioning tab: the checklist and the applications.
      await page.evaluate(`location.hash = ${JSON.stringify(`#/devices/${encodeURIComponent(id)}?tab=provisioning`)}`);
      await page.getByRole('list', { name: 'Checks' }).waitFor();
      await page.locator('.prov-tab').evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await eachLook(page, 'device-provisioning');
      // The refused profile's 400 is the one expected failure.
      assert.deepEqual(
        errors.filter((e) => !/status of 400/.test(e)),
        [],
      );
    } finally {
      await context.close();
    }
  });

  test('a value the device refuses: the step is red with the fault explained; Retry once it is fixed turns it green', async () => {
    // The profile home-wifi (created above) sets wifi.ssid on every device.
    sim.cpe.injectFaults = { SetParameterValues: 9007 };
    await sim.runSession();
    const { page, context } = await open(`/devices/${encodeURIComponent(id)}?tab=provisioning`);
    try {
      const steps = page.getByRole('list', { name: 'Profile steps' });
      const step = steps.locator('[data-item="wifi.ssid"]');
      await step.and(page.locator('[data-state="failed"]')).waitFor({ timeout: 30_000 });
      assert.match(await step.innerText(), /9007|Invalid parameter value/);
      await page.locator('.prov-tab').evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await eachLook(page, 'device-provisioning-failed');
      sim.cpe.injectFaults = {};
      await page.getByRole('button', { name: 'Retry 1 failed step' }).click();
      await eventually('the retried step sent', async () => {
        if (sim.model.get('Device.WiFi.SSID.1.SSID')?.value === 'Net-PVSIM0001') return true;
        await sim.runSession();
        return false;
      });
      await step.and(page.locator('[data-state="done"]')).waitFor({ timeout: 30_000 });
      const apps = page.getByRole('table', { name: /Profile applications/ });
      await apps.waitFor();
      assert.match(await apps.innerText(), /home-wifi/);
    } finally {
      await context.close();
    }
  });
});

/** Waits for `locator`; on a timeout, fails with what the page shows instead and its console errors. */
async function waitOrExplain(page: Page, locator: ReturnType<Page['locator']>, what: string, errors: string[]): Promise<void> {
  try {
    await locator.waitFor();
  } catch (err) {
    const shown = await page
      .locator('body')
      .innerText()
      .catch(() => '(unreadable)');
    throw new Error(
      `${what} did not appear (${String(err).split('\n')[0]}). At ${page.url()} the page shows: ${shown.slice(0, 800)}; console: ${errors.join(' | ')}`,
    );
  }
}

// Configuration backups in Chromium against a real core and a simulated CPE: "Back up now" from
// the device's Backups tab (the simulator uploads its configuration) followed to its end and
// listed; a value changed on the device and a second backup; the two compared (the changed line
// as − and +); the first restored (the device has the old value again); a snapshot compared with
// the values now; the Scheduled backups settings saved. Screenshots at both sizes and schemes.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { type SimulatorHandle, startSimulator } from '../../electron/simulator/index.ts';
import { startHarness, type Harness } from '../helpers/acs-harness.ts';
import { browserSkip, launchChromium, openApp, type OpenOptions, screenshot, screenshotEachLook, webRoot } from '../helpers/browser.ts';
import { eventually, startCrSimulator } from '../helpers/e2e-devices.ts';

const SERIAL = 'BKSIM0001';
const SSID = 'Device.WiFi.SSID.1.SSID';

/** A screenshot in each look; `prepare` runs after each resize (to scroll what is shown into view). */
const eachLook = (page: Page, name: string, checkSideways = true, prepare?: () => Promise<void>): Promise<void> =>
  screenshotEachLook(page, name, { checkSideways, prepare });

describe('configuration backups in the browser', { skip: browserSkip }, () => {
  let h: Harness;
  let browser: Browser;
  let sim: SimulatorHandle;
  let id = '';
  let firstSsid = '';

  before(async () => {
    h = await startHarness({ webRoot });
    browser = await launchChromium();
    ({ sim, id } = await startCrSimulator(h, SERIAL, true));
    // The stored tree, which snapshots are taken from.
    await h.acs.api.createTask({ id, task: { name: 'refresh', path: '' }, connectionRequest: true, waitSeconds: 60 });
    firstSsid = sim.model.get(SSID)?.value ?? '';
    assert.notEqual(firstSsid, '');
  });
  after(async () => {
    await browser?.close();
    await sim?.close();
    await h?.close();
  });

  const open = (path: string, opts: OpenOptions = {}): ReturnType<typeof openApp> =>
    openApp(browser, h.apiUrl, h.acs.info.apiToken, path, opts);
  const devicePath = (): string => `/devices/${encodeURIComponent(id)}?tab=backups`;

  const backUpNow = async (page: Page, count: number): Promise<void> => {
    await page.getByRole('button', { name: 'Back up now' }).click();
    const line = page.locator('.backups-activity .action-line').first();
    await line.filter({ hasText: 'Back up now: done' }).waitFor({ timeout: 30_000 });
    await eventually('the backup in the list', async () => (await page.locator('tr[data-backup-id]').count()) === count, 15_000);
  };

  test('Back up now: the device uploads its configuration, the task is followed to its end and the backup is listed', async () => {
    const { page, context, errors } = await open(devicePath());
    try {
      await page.getByRole('tab', { name: 'Backups', selected: true }).waitFor();
      await page.getByText('No backups of this device yet').waitFor();
      await backUpNow(page, 1);
      const [b] = await h.acs.api.listBackups({ id });
      assert.ok(b);
      assert.equal(b.kind, 'upload');
      assert.equal(b.origin, 'manual');
      const row = page.locator(`tr[data-backup-id="${b.id}"]`);
      assert.match((await row.textContent()) ?? '', /Uploaded file/);
      assert.match((await row.textContent()) ?? '', /Manual/);

      // The view shows the file's text.
      await page.getByRole('button', { name: /^View the backup of/ }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByTestId('backup-text').waitFor();
      assert.match((await dialog.getByTestId('backup-text').textContent()) ?? '', new RegExp(firstSsid));
      await dialog.getByRole('button', { name: 'Close' }).click();
      await dialog.waitFor({ state: 'hidden' });
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('a value changed on the device, a second backup, and the two compared: the changed line as − and +', async () => {
    assert.ok(sim.model.setValue(SSID, 'Changed-SSID'));
    const { page, context } = await open(devicePath());
    try {
      await page.locator('tr[data-backup-id]').first().waitFor();
      await backUpNow(page, 2);
      const list = await h.acs.api.listBackups({ id });
      assert.equal(list.length, 2);
      // A label, through its dialog.
      const older = list[1];
      assert.ok(older);
      await page
        .locator(`tr[data-backup-id="${older.id}"]`)
        .getByRole('button', { name: /^Add label/ })
        .click();
      const labelDialog = page.getByRole('dialog');
      await labelDialog.getByLabel('Label').fill('before the SSID change');
      await labelDialog.getByRole('button', { name: 'Save label' }).click();
      await labelDialog.waitFor({ state: 'hidden' });
      await page.locator(`tr[data-backup-id="${older.id}"]`, { hasText: 'before the SSID change' }).waitFor();

      for (const b of list) await page.locator(`tr[data-backup-id="${b.id}"]`).getByRole('checkbox').check();
      await page.getByRole('button', { name: 'Compare 2 selected' }).click();
      const dialog = page.getByRole('dialog');
      const diff = dialog.getByTestId('text-diff');
      await diff.waitFor();
      const removed = await diff.locator('[data-op="removed"]').allTextContents();
      const added = await diff.locator('[data-op="added"]').allTextContents();
      assert.ok(
        removed.some((l) => l.includes(firstSsid)),
        `a removed line has ${firstSsid}: ${removed.join(' | ')}`,
      );
      assert.ok(
        added.some((l) => l.includes('Changed-SSID')),
        `an added line has Changed-SSID: ${added.join(' | ')}`,
      );
      // Not colour alone: each line carries its marker.
      assert.ok(added.every((l) => l.startsWith('+')));
      assert.ok(removed.every((l) => l.startsWith('−')));
      await eachLook(page, 'backup-diff', false);
      await dialog.getByRole('button', { name: 'Close' }).click();
      await dialog.waitFor({ state: 'hidden' });
    } finally {
      await context.close();
    }
  });

  test('restoring the first backup says what will happen, and its Download is followed to done', async () => {
    const list = await h.acs.api.listBackups({ id });
    const first = list.at(-1);
    assert.ok(first);
    const { page, context } = await open(devicePath());
    try {
      await page
        .locator(`tr[data-backup-id="${first.id}"]`)
        .getByRole('button', { name: /^Restore/ })
        .click();
      const dialog = page.getByRole('dialog');
      const what = dialog.getByTestId('restore-what');
      await what.waitFor();
      assert.match((await what.textContent()) ?? '', /3 Vendor Configuration File/);
      await eachLook(page, 'backup-restore-dialog', false);
      await dialog.getByRole('button', { name: 'Restore', exact: true }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.locator('.backups-activity .action-line', { hasText: /^.*Restore .*: done/ }).waitFor({ timeout: 60_000 });
      await sim.idle();
      assert.equal(sim.model.get(SSID)?.value, firstSsid, 'the device has the first backup’s value again');
    } finally {
      await context.close();
    }
  });

  test('a snapshot of the stored values, compared with now after a change, lists the changed parameter', async () => {
    const { page, context } = await open(devicePath());
    try {
      await page.locator('tr[data-backup-id]').first().waitFor();
      await page.getByRole('button', { name: 'Take snapshot' }).click();
      await page.getByText(/^Snapshot taken: \d+ values/).waitFor();
      const snap = (await h.acs.api.listBackups({ id })).find((b) => b.kind === 'snapshot');
      assert.ok(snap);
      assert.ok(snap.parameterCount > 0);
      await page.locator(`tr[data-backup-id="${snap.id}"]`).waitFor();
      // A change made through DeskACS (the stored values follow it).
      const set = await h.acs.api.createTask({
        id,
        task: { name: 'setParameterValues', values: [[SSID, 'After-Snapshot']] },
        connectionRequest: true,
        waitSeconds: 60,
      });
      assert.equal((await h.acs.api.getTask({ taskId: set.task.id })).status, 'done');

      await page.locator(`tr[data-backup-id="${snap.id}"]`).getByRole('checkbox').check();
      await page.getByRole('button', { name: 'Compare with now' }).click();
      const dialog = page.getByRole('dialog');
      const row = dialog.locator('.diff-table tr.diff-changed', { hasText: 'SSID.1.SSID' });
      await row.waitFor();
      assert.match((await row.locator('.diff-before').textContent()) ?? '', new RegExp(firstSsid));
      assert.match((await row.locator('.diff-after').textContent()) ?? '', /After-Snapshot/);
      assert.match((await dialog.locator('[data-n="changed"]').textContent()) ?? '', /[1-9]\d* changed/);
      await screenshot(page, 'backup-diff-snapshot', { viewport: 'wide' });
      await dialog.getByRole('button', { name: 'Close' }).click();
      await dialog.waitFor({ state: 'hidden' });
      // The list with both kinds, the tab scrolled into view (at 1024 x 700 it starts below the summary).
      const tabs = page.getByRole('tablist', { name: 'Device details' });
      await eachLook(page, 'device-backups', true, () => tabs.evaluate((el) => el.scrollIntoView({ block: 'start' })));
    } finally {
      await context.close();
    }
  });

  test('a device without Upload: Back up now fails with its fault and the tab shows the snapshot kept instead', async () => {
    const noUpload = await startSimulator({
      acsUrl: h.cwmpUrl,
      model: 'tr181',
      serial: 'BKSIM0002',
      connectionRequest: { username: 'cr', password: 'crpw' },
      injectFaults: { Upload: 9000 },
    });
    try {
      await noUpload.idle();
      if (noUpload.sessions.length === 0) await noUpload.runSession();
      const device = h.store.devices.search({ q: 'BKSIM0002' }).items[0];
      assert.ok(device);
      await h.acs.api.setDeviceCredentials({ id: device.id, username: 'cr', password: 'crpw' });
      await h.acs.api.createTask({ id: device.id, task: { name: 'refresh', path: '' }, connectionRequest: true, waitSeconds: 60 });
      const { page, context } = await open(`/devices/${encodeURIComponent(device.id)}?tab=backups`);
      try {
        await page.getByRole('button', { name: 'Back up now' }).click();
        await page.locator('.backups-activity .action-line', { hasText: /Back up now: failed: 9000/ }).waitFor({ timeout: 30_000 });
        // The core keeps a snapshot instead; the tab says so (and offers none of its own then).
        await page.getByRole('status').filter({ hasText: 'DeskACS kept a snapshot of its writable values instead' }).waitFor();
        const list = await h.acs.api.listBackups({ id: device.id });
        assert.deepEqual(
          list.map((b) => b.kind),
          ['snapshot'],
        );
        assert.equal(await page.getByRole('button', { name: 'Take a snapshot instead' }).count(), 0);
        await page.getByRole('button', { name: 'View snapshot' }).click();
        await page.getByRole('dialog').locator('.backup-values').waitFor();
        await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
        await page.locator(`tr[data-backup-id="${list[0]?.id}"]`).waitFor();
        await screenshot(page, 'device-backups-no-upload', { viewport: 'wide' });
      } finally {
        await context.close();
      }
    } finally {
      await noUpload.close();
    }
  });

  test('the Scheduled backups settings are saved', async () => {
    const { page, context, errors } = await open('/settings?section=backups');
    try {
      const section = page.locator('#settings-backups');
      await section.getByRole('heading', { name: 'Scheduled backups' }).waitFor();
      const enabled = section.getByRole('checkbox', { name: 'Back up every device on a schedule' });
      if (!(await enabled.isChecked())) await enabled.check();
      await section.getByLabel('Every (days)').fill('3');
      await section.getByLabel('Keep per device').fill('12');
      await section.getByLabel('Largest upload (MB)').fill('4');
      await section.getByRole('button', { name: 'Save' }).click();
      await section.getByRole('status').filter({ hasText: 'Saved: every 3 days, keeping 12 per device.' }).waitFor();
      const s = await h.acs.api.getBackupSettings({});
      assert.equal(s.enabled, true);
      assert.equal(s.everyDays, 3);
      assert.equal(s.keepPerDevice, 12);
      assert.equal(s.maxUploadBytes, 4 * 1024 * 1024);
      await section.scrollIntoViewIfNeeded();
      await eachLook(page, 'settings-backups');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});

// The file library, the push dialog and rollouts in Chromium against a real core: a file added
// through the page's file input in chunks (its size and SHA-256 checked against node:crypto), the
// same bytes again found as a duplicate, its details edited; a push to one device from its page
// (the download task queued with the library file); a rollout to a selection from the Devices
// page, its page with devices and counts, pause and resume. Screenshots at both sizes and schemes.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { SimulatorHandle } from '../../electron/simulator/index.ts';
import { startHarness, type Harness } from '../helpers/acs-harness.ts';
import { browserSkip, launchChromium, openApp, type OpenOptions, screenshot, scrollsSideways, webRoot } from '../helpers/browser.ts';
import { eventually, startCrSimulator } from '../helpers/e2e-devices.ts';

// 5 MiB + a bit: three chunks of 2 MiB, the last one short.
const IMAGE = randomBytes(5 * 1024 * 1024 + 12_345);
const IMAGE_SHA = createHash('sha256').update(IMAGE).digest('hex');
const IMAGE_NAME = 'router-fw-V2.0.1.bin';
const SERIALS = ['FWSIM0001', 'FWSIM0002', 'FWSIM0003', 'FWSIM0004'];

const looks: OpenOptions[] = [
  { viewport: 'wide', colorScheme: 'light' },
  { viewport: 'wide', colorScheme: 'dark' },
  { viewport: 'narrow', colorScheme: 'light' },
  { viewport: 'narrow', colorScheme: 'dark' },
];

describe('files and rollouts in the browser', { skip: browserSkip }, () => {
  let h: Harness;
  let browser: Browser;
  const sims: SimulatorHandle[] = [];
  const ids: string[] = [];
  let fileId = 0;
  let rolloutId = 0;

  before(async () => {
    h = await startHarness({ webRoot });
    browser = await launchChromium();
    for (const [i, serial] of SERIALS.entries()) {
      const { sim, id } = await startCrSimulator(h, serial, i === 0);
      sims.push(sim);
      ids.push(id);
    }
  });
  after(async () => {
    await browser?.close();
    for (const sim of sims) await sim.close();
    await h?.close();
  });

  const open = (path: string, opts: OpenOptions = {}): ReturnType<typeof openApp> =>
    openApp(browser, h.apiUrl, h.acs.info.apiToken, path, opts);

  const addThroughInput = async (page: Page): Promise<void> => {
    await page.getByTestId('file-input').setInputFiles({ name: IMAGE_NAME, mimeType: 'application/octet-stream', buffer: IMAGE });
  };

  test('a file added through the page is stored in chunks with its size and SHA-256; the same bytes again are a duplicate', async () => {
    const { page, context, errors } = await open('/files');
    try {
      await page.getByRole('heading', { name: 'No files yet' }).waitFor();
      await addThroughInput(page);
      const upload = page.locator('.file-upload').first();
      await upload.and(page.locator('[data-upload-state="stored"]')).waitFor({ timeout: 30_000 });
      const row = page.locator('tr[data-file-id]', { hasText: IMAGE_NAME });
      await row.waitFor();
      assert.equal(await row.locator('[data-bytes]').getAttribute('data-bytes'), String(IMAGE.length));
      assert.equal(await row.locator('[data-sha256]').getAttribute('data-sha256'), IMAGE_SHA);
      const files = await h.acs.api.listFiles({});
      assert.equal(files.length, 1);
      const stored = files[0];
      assert.ok(stored);
      assert.equal(stored.size, IMAGE.length);
      assert.equal(stored.sha256, IMAGE_SHA);
      fileId = stored.id;

      await addThroughInput(page);
      const again = page.locator('.file-upload').first();
      await again.and(page.locator('[data-upload-state="duplicate"]')).waitFor({ timeout: 30_000 });
      assert.match(
        (await again.locator('.file-upload-outcome').textContent()) ?? '',
        new RegExp(`already in the library as ${IMAGE_NAME}`),
      );
      assert.equal((await h.acs.api.listFiles({})).length, 1, 'nothing stored twice');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('the details of a file are edited and saved', async () => {
    const { page, context } = await open('/files');
    try {
      await page.getByRole('button', { name: `Edit ${IMAGE_NAME}` }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('File type').selectOption('1 Firmware Upgrade Image');
      await dialog.getByLabel('Version it installs').fill('V2.0.1');
      await dialog.getByRole('button', { name: 'Save' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.locator('tr[data-file-id]', { hasText: 'V2.0.1' }).waitFor();
      const file = await h.acs.api.getFile({ fileId });
      assert.equal(file.version, 'V2.0.1');
      assert.equal(file.fileType, '1 Firmware Upgrade Image');
      for (const look of looks) {
        await page.setViewportSize(look.viewport === 'narrow' ? { width: 1024, height: 700 } : { width: 1440, height: 900 });
        await page.emulateMedia({ colorScheme: look.colorScheme ?? 'light' });
        await screenshot(page, 'files-library', look);
        if (look.viewport === 'narrow') assert.equal(await scrollsSideways(page), false, 'no sideways scroll at 1024 px');
      }
    } finally {
      await context.close();
    }
  });

  test('the push dialog on the device page shows the preview and queues a download of the library file', async () => {
    const id = ids[0] ?? '';
    const { page, context } = await open(`/devices/${encodeURIComponent(id)}`);
    try {
      await page.getByRole('button', { name: 'Push firmware…' }).click();
      const dialog = page.getByRole('dialog');
      const preview = dialog.getByTestId('push-preview');
      await preview.waitFor();
      const expected = await h.acs.api.previewPush({ fileId, selection: { ids: [id] } });
      assert.equal(expected.selected, 1);
      const n = (key: string) => preview.locator(`[data-n="${key}"] dd`).textContent();
      assert.equal(await n('selected'), '1');
      assert.equal(await n('toUpgrade'), String(expected.toUpgrade));
      assert.equal(await n('alreadyCurrent'), String(expected.alreadyCurrent));
      assert.equal(await n('offline'), String(expected.offline));
      for (const look of looks) {
        await page.setViewportSize(look.viewport === 'narrow' ? { width: 1024, height: 700 } : { width: 1440, height: 900 });
        await page.emulateMedia({ colorScheme: look.colorScheme ?? 'light' });
        await screenshot(page, 'push-dialog-device', look);
      }
      await dialog.getByRole('button', { name: 'Push now' }).click();
      await eventually('the download task', async () => {
        const tasks = await h.acs.api.listTasks({ deviceId: id, limit: 50 });
        return tasks.some((t) => t.name === 'download' && JSON.stringify(t.args).includes(`"fileId":${fileId}`));
      });
      // The action log follows it.
      await page.locator('.action-log', { hasText: `Push ${IMAGE_NAME}` }).waitFor();
    } finally {
      await context.close();
    }
  });

  test('from the Devices page a selection gets a rollout; its page shows devices and counts; pause and resume', async () => {
    const { page, context } = await open('/devices');
    try {
      for (const serial of SERIALS.slice(1)) await page.getByRole('checkbox', { name: `Select ${serial}` }).click();
      await page.getByRole('button', { name: 'Push firmware…' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByTestId('push-preview').waitFor();
      assert.equal(await dialog.locator('[data-n="selected"] dd').textContent(), '3');
      await dialog.getByLabel('Wave sizes').fill('1, 2');
      for (const look of looks) {
        await page.setViewportSize(look.viewport === 'narrow' ? { width: 1024, height: 700 } : { width: 1440, height: 900 });
        await page.emulateMedia({ colorScheme: look.colorScheme ?? 'light' });
        await screenshot(page, 'push-dialog-rollout', look);
      }
      await dialog.getByRole('button', { name: /^Start rollout to/ }).click();
      await eventually('the rollout page', () => /#\/rollouts\/\d+$/.test(page.url()));
      rolloutId = Number(/rollouts\/(\d+)$/.exec(page.url())?.[1]);
      const rollout = await h.acs.api.getRollout({ rolloutId });
      assert.equal(rollout.devices.length, 3);
      assert.deepEqual(rollout.waveSizes, [1, 2]);
      assert.deepEqual(new Set(rollout.devices.map((d) => d.deviceId)), new Set(ids.slice(1)));
      for (const serial of SERIALS.slice(1)) await page.locator('.rdev-row', { hasText: serial }).waitFor();
      // The counts in words and numbers add up to the devices.
      const counts = await page.locator('.rollout-legend .rollout-count').allTextContents();
      assert.equal(
        counts.reduce((s, c) => s + Number(c), 0),
        3,
      );

      await page.getByRole('button', { name: 'Pause' }).click();
      await page.locator('.rollout-head .chip', { hasText: 'Paused' }).waitFor();
      assert.equal((await h.acs.api.getRollout({ rolloutId })).state, 'paused');
      await page.getByRole('button', { name: 'Resume' }).click();
      await page
        .getByRole('button', { name: 'Pause' })
        .or(page.locator('.rollout-head .chip', { hasText: 'Done' }))
        .first()
        .waitFor();
      assert.notEqual((await h.acs.api.getRollout({ rolloutId })).state, 'paused');
      for (const look of looks) {
        await page.setViewportSize(look.viewport === 'narrow' ? { width: 1024, height: 700 } : { width: 1440, height: 900 });
        await page.emulateMedia({ colorScheme: look.colorScheme ?? 'light' });
        await screenshot(page, 'rollout-progress', look);
        if (look.viewport === 'narrow') assert.equal(await scrollsSideways(page), false, 'no sideways scroll at 1024 px');
      }

      await page.getByRole('link', { name: '← Rollouts' }).click();
      await page.locator(`tr[data-rollout-id="${rolloutId}"]`).waitFor();
      await page.setViewportSize({ width: 1024, height: 700 });
      await page.emulateMedia({ colorScheme: 'light' });
      assert.equal(await scrollsSideways(page), false);
      await screenshot(page, 'rollouts-list', { viewport: 'narrow' });
    } finally {
      await context.close();
    }
  });

  test('deleting a file a rollout still uses is refused with the core’s reason, shown in the dialog', async () => {
    const { page, context } = await open('/files');
    try {
      const before = await h.acs.api.getRollout({ rolloutId });
      assert.ok(before.state !== 'done' && before.state !== 'cancelled', 'the rollout is not over');
      await page.getByRole('button', { name: `Delete ${IMAGE_NAME}` }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: 'Delete file' }).click();
      const refusal = dialog.getByRole('alert');
      await refusal.waitFor();
      assert.match((await refusal.textContent()) ?? '', /rollout/i);
      assert.equal((await h.acs.api.listFiles({})).length, 1, 'the file stays');
    } finally {
      await context.close();
    }
  });
});

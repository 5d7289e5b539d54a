// The Tasks page in Chromium against a real core with simulated CPEs: a TR-181 gateway that
// answers connection requests and one without a connection-request listener (its tasks stay
// queued). Cancel and retry from the page with their outcome in the row, filters in the URL,
// and the device page's Delete (the device without a listener is the one removed).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import type { SimulatorHandle } from '../../electron/simulator/index.ts';
import { startHarness, type Harness } from '../helpers/acs-harness.ts';
import { eventually, startCrSimulator } from '../helpers/e2e-devices.ts';
import { browserSkip, launchChromium, openApp, screenshot, scrollsSideways, webRoot } from '../helpers/browser.ts';

const MAIN = 'TP-GW-0001';
const QUIET = 'TP-NOCR-0002';

describe('Tasks page', { skip: browserSkip }, () => {
  let h: Harness;
  let browser: Browser;
  let quiet: { sim: SimulatorHandle; id: string };
  let main: { sim: SimulatorHandle; id: string };

  before(async () => {
    h = await startHarness({ webRoot });
    main = await startCrSimulator(h, MAIN, true);
    quiet = await startCrSimulator(h, QUIET, false);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await main?.sim.close();
    await quiet?.sim.close();
    await h?.close();
  });

  test('cancels a queued task of a device that cannot be woken; the store says cancelled', async () => {
    const queued = await h.acs.api.createTask({ id: quiet.id, task: { name: 'reboot' } });
    assert.equal(queued.task.status, 'queued');
    const { page, context, errors } = await openApp(
      browser,
      h.apiUrl,
      h.acs.info.apiToken,
      `/tasks?device=${encodeURIComponent(quiet.id)}`,
    );
    const row = page.locator(`tr[data-task-id="${queued.task.id}"]`);
    await row.waitFor({ timeout: 15_000 });
    assert.equal(await row.locator('.chip').innerText(), 'Queued');
    assert.match(await row.innerText(), /runs at the device's next contact/);
    await row.getByRole('button', { name: `Cancel task ${queued.task.id}` }).click();
    await eventually('the row says Cancelled', async () => (await row.locator('.chip').innerText()) === 'Cancelled');
    assert.equal((await h.acs.api.getTask({ taskId: queued.task.id })).status, 'cancelled');
    // A cancelled task can be retried: a new task, queued (the device cannot be woken: said so).
    await row.getByRole('button', { name: `Retry task ${queued.task.id}` }).click();
    await row.getByText(/Retried as #\d+; not woken now: /).waitFor({ timeout: 15_000 });
    await screenshot(page, 'tasks-retried');
    const again = await h.acs.api.listTasks({ deviceId: quiet.id, status: 'queued' });
    assert.equal(again.length, 1);
    assert.equal(again[0]?.name, 'reboot');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('filters by task name and state, kept in the URL', async () => {
    await h.acs.api.createTask({ id: main.id, task: { name: 'refresh' }, connectionRequest: true, waitSeconds: 60 });
    await h.acs.api.createTask({ id: quiet.id, task: { name: 'getRPCMethods' } });
    const { page, context } = await openApp(browser, h.apiUrl, h.acs.info.apiToken, '/tasks');
    const rows = page.locator('.task-table tbody tr');
    await rows.first().waitFor({ timeout: 15_000 });
    const names = async (): Promise<string[]> => [
      ...new Set(await page.locator('.task-table tbody .task-name > span:first-child').allInnerTexts()),
    ];
    assert.ok((await names()).length > 1);
    await page.getByRole('combobox', { name: 'Task', exact: true }).selectOption('refresh');
    await eventually('only refresh tasks', async () => JSON.stringify(await names()) === JSON.stringify(['Refresh']));
    assert.match(page.url(), /name=refresh/);
    await page.getByRole('combobox', { name: 'State', exact: true }).selectOption('queued');
    await page.getByText('No queued Refresh tasks.').waitFor();
    assert.match(page.url(), /status=queued/);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await eventually('all tasks again', async () => (await names()).length > 1);
    for (const viewport of ['wide', 'narrow'] as const) {
      for (const colorScheme of ['light', 'dark'] as const) {
        const shot = await openApp(browser, h.apiUrl, h.acs.info.apiToken, '/tasks', { viewport, colorScheme });
        await shot.page.locator('.task-table tbody tr').first().waitFor({ timeout: 15_000 });
        assert.equal(await scrollsSideways(shot.page), false, `tasks ${viewport} ${colorScheme} scrolls sideways`);
        await screenshot(shot.page, 'tasks', { viewport, colorScheme });
        await shot.context.close();
      }
    }
    await context.close();
  });

  test('delete from the device page: a dialog, then back to the list and gone from the store', async () => {
    const { page, context } = await openApp(browser, h.apiUrl, h.acs.info.apiToken, `/devices/${encodeURIComponent(quiet.id)}`);
    await page.getByRole('heading', { level: 1, name: new RegExp(QUIET) }).waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'More' }).click();
    await page.getByRole('menuitem', { name: 'Delete device…' }).click();
    const dialog = page.getByRole('dialog', { name: `Delete ${QUIET}?` });
    await dialog.waitFor();
    assert.ok(h.store.devices.get(quiet.id) !== undefined, 'nothing deleted before the dialog is confirmed');
    await dialog.getByRole('button', { name: 'Delete device' }).click();
    await page.waitForURL(/#\/devices$/);
    assert.equal(h.store.devices.get(quiet.id), undefined);
    await context.close();
  });
});

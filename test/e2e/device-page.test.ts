// The device page in Chromium against a real core with simulated CPEs: a TR-181 gateway that
// answers connection requests (its tasks run at once) and one without a connection-request
// listener. The summary card, actions followed to their end, faults with their explanations,
// the session inspector, screenshots at both sizes in both themes. (The Tasks page and the
// device page's Delete: tasks-page.test.ts.)
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import type { SimulatorHandle } from '../../electron/simulator/index.ts';
import { startHarness, type Harness } from '../helpers/acs-harness.ts';
import { eventually, startCrSimulator } from '../helpers/e2e-devices.ts';
import { browserSkip, launchChromium, openApp, type OpenOptions, screenshot, scrollsSideways, webRoot } from '../helpers/browser.ts';

const MAIN = 'DP-GW-0001';
const QUIET = 'DP-NOCR-0002';
const PERIODIC = 'Device.ManagementServer.PeriodicInformInterval';

/** The action log's line that starts with `label:` (its text, '' when none). */
async function actionLine(page: Page, label: string): Promise<string> {
  const texts = await page.locator('.action-log .action-text').allInnerTexts();
  return texts.find((t) => t.startsWith(`${label}:`)) ?? '';
}

function tab(page: Page, name: string): Locator {
  return page.getByRole('tablist', { name: 'Device details' }).getByRole('tab', { name });
}

describe('Device page', { skip: browserSkip }, () => {
  let h: Harness;
  let browser: Browser;
  let main: { sim: SimulatorHandle; id: string };
  let quiet: { sim: SimulatorHandle; id: string };
  const open = (path: string, opts: OpenOptions = {}) => openApp(browser, h.apiUrl, h.acs.info.apiToken, path, opts);
  const devicePath = (id: string, query = ''): string => `/devices/${encodeURIComponent(id)}${query}`;
  const heading = (page: Page, serial: string) =>
    page.getByRole('heading', { level: 1, name: new RegExp(serial) }).waitFor({ timeout: 15_000 });

  before(async () => {
    h = await startHarness({ webRoot });
    main = await startCrSimulator(h, MAIN, true, { rebootDelayMs: 2_500 });
    quiet = await startCrSimulator(h, QUIET, false, { rebootDelayMs: 2_500 });
    // The summary reads the stored tree: read the whole tree once, as an installer's first Refresh would.
    const refreshed = await h.acs.api.createTask({ id: main.id, task: { name: 'refresh' }, connectionRequest: true, waitSeconds: 60 });
    assert.equal(refreshed.task.status, 'done');
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await main?.sim.close();
    await quiet?.sim.close();
    await h?.close();
  });

  test("the summary card shows the gateway's identity, uptime, WAN, LAN and Wi-Fi from its tree", async () => {
    const { page, context, errors } = await open(devicePath(main.id));
    await heading(page, MAIN);
    const card = page.getByRole('region', { name: 'Summary' });
    await card.locator('.wifi-list').waitFor({ timeout: 15_000 });
    const text = await card.innerText();
    const m = main.sim.model;
    for (const path of ['Manufacturer', 'ModelName', 'SerialNumber', 'HardwareVersion', 'SoftwareVersion']) {
      const value = m.value(`Device.DeviceInfo.${path}`) ?? '';
      assert.ok(value !== '' && text.includes(value), `${path} '${value}' in the card`);
    }
    // The model's name from its tree (DeviceInfo.ModelName), in the card and the heading.
    const model = m.value('Device.DeviceInfo.ModelName') ?? '?';
    assert.match(`${text}\n`, new RegExp(`Model\\s+${model}\\n`));
    assert.match(await page.getByRole('heading', { level: 1 }).innerText(), new RegExp(`^${model} `));
    // WAN (the PPPoE connection's address), LAN, both SSIDs with their bands.
    assert.ok(text.includes(m.value('Device.IP.Interface.1.IPv4Address.1.IPAddress') ?? '?'), 'WAN IP');
    assert.ok(text.includes(m.value('Device.IP.Interface.2.IPv4Address.1.IPAddress') ?? '?'), 'LAN IP');
    assert.match(text, /PPPoE/);
    const wifi = await card.locator('.wifi-list li').allInnerTexts();
    assert.equal(wifi.length, 2);
    assert.match(wifi[0] ?? '', new RegExp(`2\\.4 GHz[\\s\\S]*${m.value('Device.WiFi.SSID.1.SSID')}`));
    assert.match(wifi[1] ?? '', new RegExp(`5 GHz[\\s\\S]*${m.value('Device.WiFi.SSID.2.SSID')}`));
    // Uptime in words, counted on from when it was read.
    assert.match(text, /Uptime\s+\d+ (s|min|h|days?)\b/);
    // The connection-request credentials in words.
    assert.match(text, /This device's own \(user cr\)/);
    // Header: online in words, the next contact expected in the future.
    assert.equal(await page.locator('.device-facts .chip').innerText(), 'Online');
    assert.match(await page.locator('.device-facts').innerText(), /Next contact expected in \d+/);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('tabs: arrow keys move between them and the URL follows; a pasted link opens the tab', async () => {
    const { page, context } = await open(devicePath(main.id));
    await heading(page, MAIN);
    assert.equal(await tab(page, 'Parameters').getAttribute('aria-selected'), 'true');
    // The tabs in their order (more are added as features land): the second and the last.
    const names = await page.getByRole('tablist', { name: 'Device details' }).getByRole('tab').allInnerTexts();
    const second = names[1] ?? '';
    const last = names.at(-1) ?? '';
    await tab(page, 'Parameters').focus();
    await page.keyboard.press('ArrowRight');
    await eventually(`the ${second} tab`, async () => (await tab(page, second).getAttribute('aria-selected')) === 'true');
    assert.match(page.url(), new RegExp(`\\?tab=${second.toLowerCase()}$`));
    assert.equal(await page.evaluate<string | null>('document.activeElement?.textContent ?? null'), second);
    await page.keyboard.press('End');
    await eventually(`the ${last} tab`, async () => (await tab(page, last).getAttribute('aria-selected')) === 'true');
    assert.equal(await page.getByRole('tabpanel').getAttribute('aria-labelledby'), await tab(page, last).getAttribute('id'));
    await context.close();
    const pasted = await open(devicePath(main.id, '?tab=faults'));
    await heading(pasted.page, MAIN);
    assert.equal(await tab(pasted.page, 'Faults').getAttribute('aria-selected'), 'true');
    await pasted.context.close();
  });

  test('reboot: busy at once, then followed until the device is back (the simulator really rebooted)', async () => {
    const bootsBefore = main.sim.sessions.filter((s) => s.events.includes('1 BOOT')).length;
    const { page, context, errors } = await open(devicePath(main.id));
    await heading(page, MAIN);
    const actions = page.getByRole('group', { name: 'Device actions' });
    await actions.getByRole('button', { name: 'Reboot' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reboot this device?' });
    await dialog.getByRole('button', { name: 'Reboot' }).click();
    // Busy from the click: a second Reboot cannot be queued while this one is in flight.
    assert.equal(await actions.getByRole('button', { name: /^Reboot/ }).isDisabled(), true);
    const seen = new Set<string>();
    await eventually(
      'Reboot: done',
      async () => {
        const line = await actionLine(page, 'Reboot');
        if (line !== '') seen.add(line);
        return line.startsWith('Reboot: done, the device is back');
      },
      45_000,
    );
    assert.ok(
      [...seen].some((t) => t.includes('waiting for the device to come back')),
      `the wait was shown: ${[...seen].join(' | ')}`,
    );
    // With the uptime since it came back.
    await eventually('the uptime', async () => /the device is back \(uptime \d+ s\)/.test(await actionLine(page, 'Reboot')));
    await screenshot(page, 'device-after-reboot');
    await eventually('Reboot enabled again', async () => !(await actions.getByRole('button', { name: 'Reboot' }).isDisabled()));
    const boots = main.sim.sessions.filter((s) => s.events.includes('1 BOOT'));
    assert.ok(boots.length > bootsBefore, 'the simulator booted again');
    assert.ok(boots.some((s) => s.events.includes('M Reboot')));
    const reboot = (await h.acs.api.listTasks({ deviceId: main.id, name: 'reboot' }))[0];
    assert.equal(reboot?.status, 'done');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a double click on Refresh queues one task, followed to done', async () => {
    const before = (await h.acs.api.listTasks({ deviceId: main.id, name: 'refresh' })).length;
    const { page, context } = await open(devicePath(main.id));
    await heading(page, MAIN);
    await page.getByRole('group', { name: 'Device actions' }).getByRole('button', { name: 'Refresh' }).dblclick();
    await eventually('Refresh: done', async () => (await actionLine(page, 'Refresh')).startsWith('Refresh: done'), 30_000);
    const after = await h.acs.api.listTasks({ deviceId: main.id, name: 'refresh' });
    assert.equal(after.length, before + 1);
    assert.equal(await page.locator('.action-log .action-text', { hasText: /^Refresh:/ }).count(), 1);
    await context.close();
  });

  test("connection request: the report's words, then done when the device has opened its session; or why it failed", async () => {
    const sessionsBefore = main.sim.sessions.length;
    const { page, context, errors } = await open(devicePath(main.id));
    await heading(page, MAIN);
    await page.getByRole('group', { name: 'Device actions' }).getByRole('button', { name: 'Connection request' }).click();
    await eventually('the session', async () =>
      (await actionLine(page, 'Connection request')).startsWith('Connection request: done, the device answered and opened a session at'),
    );
    assert.ok(main.sim.sessions.length > sessionsBefore, 'the simulator opened a session');
    await context.close();
    // The device without a connection-request URL: the reason, as an alert.
    const other = await open(devicePath(quiet.id));
    await heading(other.page, QUIET);
    await other.page.getByRole('group', { name: 'Device actions' }).getByRole('button', { name: 'Connection request' }).click();
    const alert = other.page.getByRole('alert').filter({ hasText: 'Connection request failed:' });
    await alert.waitFor();
    assert.match(await alert.innerText(), /ConnectionRequestURL/);
    assert.deepEqual([...errors, ...other.errors], []);
    await other.context.close();
  });

  test('factory reset: the confirm button stays disabled until the serial is typed', async () => {
    const { page, context } = await open(devicePath(main.id));
    await heading(page, MAIN);
    await page.getByRole('button', { name: 'More' }).click();
    await page.getByRole('menu', { name: 'More' }).getByRole('menuitem', { name: 'Factory reset…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Factory reset this device?' });
    await dialog.waitFor();
    const confirm = dialog.getByRole('button', { name: 'Factory reset' });
    const field = dialog.getByLabel(/Type the serial number/);
    assert.equal(await confirm.isDisabled(), true);
    await field.fill(MAIN.slice(0, -1));
    assert.equal(await confirm.isDisabled(), true);
    await field.fill(MAIN);
    assert.equal(await confirm.isDisabled(), false);
    await screenshot(page, 'device-factory-reset-dialog');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    assert.deepEqual(await h.acs.api.listTasks({ deviceId: main.id, name: 'factoryReset' }), []);
    await context.close();
  });

  test('a value the device refuses: the Faults tab shows the fault, its explanation and the parameter', async () => {
    // The store types PeriodicInformInterval as unsignedInt; sent as a string of letters, the
    // simulator refuses it (9007 for the parameter, inside a 9003 fault).
    const r = await h.acs.api.createTask({
      id: main.id,
      task: { name: 'setParameterValues', values: [[PERIODIC, 'soon', 'xsd:string']] },
      connectionRequest: true,
      waitSeconds: 30,
    });
    assert.equal(r.task.status, 'fault');
    const fault = (await h.acs.api.listFaults({ id: main.id })).find((f) => f.taskId === r.task.id);
    assert.ok(fault, 'the fault is kept');
    const { page, context, errors } = await open(devicePath(main.id, '?tab=faults'));
    await heading(page, MAIN);
    const card = page.getByRole('article', { name: `Fault ${fault.code} ${fault.title}` }).first();
    await card.waitFor({ timeout: 15_000 });
    const text = await card.innerText();
    assert.ok(text.includes(fault.explanation), 'the explanation');
    assert.ok(text.includes(fault.suggestedFix), 'the suggested fix');
    const row = card.getByRole('row', { name: new RegExp(PERIODIC.replaceAll('.', '\\.')) });
    assert.match(await row.innerText(), /9007/);
    // The task row says it failed, with the explanation.
    await tab(page, 'Tasks').click();
    const taskRow = page.locator(`tr[data-task-id="${r.task.id}"]`);
    assert.equal(await taskRow.locator('.chip').innerText(), 'Failed');
    assert.ok((await taskRow.innerText()).includes(r.task.fault?.message ?? '?'));
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("the session inspector shows the newest session's SetParameterValues and its response, in order", async () => {
    const ssid = 'Inspected-SSID';
    const r = await h.acs.api.createTask({
      id: main.id,
      task: { name: 'setParameterValues', values: [['Device.WiFi.SSID.1.SSID', ssid]] },
      connectionRequest: true,
      waitSeconds: 30,
    });
    assert.equal(r.task.status, 'done');
    await eventually('the session ended', async () => (await h.acs.api.listSessions({ id: main.id, limit: 1 }))[0]?.outcome !== 'open');
    const { page, context, errors } = await open(devicePath(main.id, '?tab=sessions'));
    await heading(page, MAIN);
    const newest = page.getByRole('list', { name: 'Sessions, newest first' }).getByRole('button').first();
    await newest.waitFor({ timeout: 15_000 });
    assert.match(await newest.innerText(), /6 CONNECTION REQUEST/);
    await newest.click();
    assert.match(page.url(), /tab=sessions&session=\d+/);
    const messages = page.getByRole('list', { name: 'Messages in order' });
    await messages.waitFor({ timeout: 15_000 });
    const rpcs = await messages.locator('.msg-rpc').allInnerTexts();
    const set = rpcs.indexOf('SetParameterValues');
    assert.ok(set > 0, `SetParameterValues among ${rpcs.join(', ')}`);
    assert.equal(rpcs[0], 'Inform');
    assert.ok(rpcs.indexOf('SetParameterValuesResponse') > set, `its response after it: ${rpcs.join(', ')}`);
    const item = messages.locator('details').nth(set);
    assert.match(await item.locator('.msg-dir').innerText(), /ACS → CPE/);
    await item.locator('summary').click();
    const soap = item.getByRole('region', { name: /SOAP of message/ });
    assert.match(await soap.innerText(), new RegExp(`SetParameterValues[\\s\\S]*${ssid}`));
    await item.getByRole('button', { name: /^Copy/ }).waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('connection-request credentials: entered by hand, then set on the device by DeskACS (followed to done)', async () => {
    const { page, context, errors } = await open(devicePath(main.id));
    await heading(page, MAIN);
    const card = page.getByRole('region', { name: 'Summary' });
    await card.getByRole('button', { name: 'Enter credentials…' }).click();
    const form = card.getByRole('form', { name: "The device's connection-request credentials" });
    await form.getByLabel('Username').fill('cr');
    await form.getByLabel('Password', { exact: true }).fill('crpw');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByText('Saved; connection requests use them now.').waitFor();
    const saved = await h.acs.api.getDeviceCredentials({ id: main.id });
    assert.deepEqual([saved?.username, saved?.password, saved?.source], ['cr', 'crpw', 'operator']);
    await screenshot(page, 'device-credentials');

    await card.getByRole('button', { name: 'Let DeskACS set them' }).click();
    await eventually(
      'the credentials task done',
      async () =>
        (await actionLine(page, 'Setting connection-request credentials')).includes("done, the device now uses DeskACS's credentials"),
      30_000,
    );
    const set = await h.acs.api.getDeviceCredentials({ id: main.id });
    assert.equal(set?.source, 'acs');
    assert.equal(main.sim.model.value('Device.ManagementServer.ConnectionRequestUsername'), set?.username);
    await card.getByText(`This device's own (user ${set?.username})`).waitFor();
    // The Connection requests block links to the Reachability tab.
    await card.getByRole('link', { name: 'Reachability…' }).click();
    await eventually('the Reachability tab', async () => (await tab(page, 'Reachability').getAttribute('aria-selected')) === 'true');
    assert.match(page.url(), /\?tab=reach$/);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('1440x900 and 1024x700, light and dark: summary and every tab, nothing scrolls sideways (screenshots saved)', async () => {
    for (const viewport of ['wide', 'narrow'] as const) {
      for (const colorScheme of ['light', 'dark'] as const) {
        const opts = { viewport, colorScheme };
        const { page, context, errors } = await open(devicePath(main.id), opts);
        await heading(page, MAIN);
        await page.locator('.wifi-list').waitFor({ timeout: 15_000 });
        assert.equal(await scrollsSideways(page), false, `${viewport} ${colorScheme} summary scrolls sideways`);
        await screenshot(page, 'device', opts);
        for (const t of ['Tasks', 'Faults', 'Sessions'] as const) {
          await tab(page, t).click();
          await page.getByRole('tabpanel').locator('table, .fault-list, .session-list').first().waitFor({ timeout: 15_000 });
          if (t === 'Sessions') {
            await page.getByRole('list', { name: 'Sessions, newest first' }).getByRole('button').first().click();
            const first = page.getByRole('list', { name: 'Messages in order' }).locator('details').nth(1);
            await first.locator('summary').click();
            await first.locator('pre').waitFor();
          }
          // The tab's content in view: the page scrolls (inside .page) to the tabs.
          await page.getByRole('tablist').evaluate((el) => el.scrollIntoView({ block: 'start' }));
          assert.equal(await scrollsSideways(page), false, `${viewport} ${colorScheme} ${t} scrolls sideways`);
          await screenshot(page, `device-${t.toLowerCase()}`, opts);
        }
        assert.deepEqual(errors, []);
        await context.close();
      }
    }
  });
});

// The Overview and Settings pages in Debian's Chromium against a real core (browser mode: HTTP
// and server-sent events). The CWMP listener is on 0.0.0.0 so the page lists this machine's
// network addresses; every request a test sends still goes to loopback.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { send, startHarness, type Harness } from '../helpers/acs-harness.ts';
import { browserSkip, launchChromium, openApp, screenshot, scrollsSideways, webRoot, type OpenOptions } from '../helpers/browser.ts';
import { makeInform } from '../helpers/inform.ts';

const cpeUser = 'cpe-installer';
const cpePassword = 'cpe-secret-4242';

interface SeedDevice {
  serial: string;
  manufacturer: string;
  model: string;
  firmware: string;
  /** Seconds since the last Inform (the periodic interval is 300 s: > 420 s late, > 900 s offline). */
  silentFor: number;
}

// 9 devices: 5 online, 1 late, 3 offline; models 4/3/2; firmware V1 x6, V2 x3.
const fleet: SeedDevice[] = [
  ...['A', 'B', 'C', 'D'].map((s) => ({ serial: `HW-${s}`, manufacturer: 'Huawei', model: 'EG8145X6', firmware: 'V1', silentFor: 30 })),
  { serial: 'TP-A', manufacturer: 'TP-Link', model: 'EX220', firmware: 'V2', silentFor: 60 },
  { serial: 'TP-B', manufacturer: 'TP-Link', model: 'EX220', firmware: 'V2', silentFor: 600 },
  { serial: 'TP-C', manufacturer: 'TP-Link', model: 'EX220', firmware: 'V2', silentFor: 7200 },
  ...['A', 'B'].map((s) => ({ serial: `ZTE-${s}`, manufacturer: 'ZTE', model: 'ZXHN H199A', firmware: 'V1', silentFor: 2 * 86_400 })),
];

/** Stores the fleet straight through the store's Inform path (no HTTP); returns device ids by serial. */
function seedFleet(h: Harness): Map<string, string> {
  const ids = new Map<string, string>();
  const now = Date.now();
  h.store.transaction(() => {
    for (const d of fleet) {
      const at = new Date(now - d.silentFor * 1000);
      const parameters = [
        { name: 'Device.DeviceInfo.ModelName', value: d.model, type: 'xsd:string' },
        { name: 'Device.DeviceInfo.SoftwareVersion', value: d.firmware, type: 'xsd:string' },
        { name: 'Device.ManagementServer.PeriodicInformInterval', value: '300', type: 'xsd:unsignedInt' },
      ];
      const inform = makeInform({
        serial: d.serial,
        manufacturer: d.manufacturer,
        productClass: d.model.replace(/\W/g, ''),
        events: ['0 BOOTSTRAP', '1 BOOT'],
        parameters,
      });
      const r = h.store.informs.record({ inform, remoteAddress: '127.0.0.1', cwmpVersion: '1.0', at, warnings: [] });
      h.store.sessions.end(r.sessionId, 'ok', { messages: 2, warnings: [] }, at);
      ids.set(d.serial, r.deviceId);
    }
  });
  // Two queued tasks, and one that ended in a fault (one failing device).
  const hw = ids.get('HW-A') ?? '';
  h.store.tasks.enqueue(hw, 'reboot', {});
  h.store.tasks.enqueue(ids.get('HW-B') ?? '', 'reboot', {});
  const failed = h.store.tasks.enqueue(ids.get('TP-A') ?? '', 'reboot', {});
  h.store.tasks.markRunning(failed.id, new Date());
  h.store.tasks.finish(failed.id, 'fault', { fault: { code: 9002, message: 'Internal error' } }, new Date());
  // Informs per hour are counted by the session backend; add this hour's as it would.
  const hour = `${new Date().toISOString().slice(0, 13)}:00:00.000Z`;
  h.store.fleetStats.addInforms(hour, 17);
  return ids;
}

/** Page errors, without the console line Chromium logs for a request the test expects to be refused (HTTP 400). */
const unexpected = (errors: string[]): string[] => errors.filter((e) => !/Failed to load resource: .* 400 \(Bad Request\)/.test(e));

async function apiStatus(h: Harness, token: string): Promise<number> {
  return (await send(`${h.apiUrl}/api/info`, 'GET', { Authorization: `Bearer ${token}` }, null)).status;
}

/** The number a stat card shows (its link's accessible name starts with the visible label). */
async function cardValue(page: Page, label: string): Promise<string> {
  return page
    .getByRole('list', { name: 'Fleet at a glance' })
    .getByRole('link', { name: new RegExp(`^${label}\\b`) })
    .locator('.stat-value')
    .innerText();
}

const looks: OpenOptions[] = [
  { viewport: 'wide', colorScheme: 'light' },
  { viewport: 'wide', colorScheme: 'dark' },
  { viewport: 'narrow', colorScheme: 'light' },
  { viewport: 'narrow', colorScheme: 'dark' },
];

describe('Overview and Settings pages in Chromium', { skip: browserSkip }, () => {
  let h: Harness;
  let browser: Browser;
  before(async () => {
    h = await startHarness({ webRoot, cwmpHost: '0.0.0.0', cpeAuth: { mode: 'digest', username: cpeUser, password: cpePassword } });
    seedFleet(h);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await h?.close();
  });

  test('the overview counts the seeded fleet, and the Offline card opens the offline device list', async () => {
    const { context, page, errors } = await openApp(browser, h.apiUrl, h.acs.info.apiToken, '/overview');
    await page.getByRole('list', { name: 'Fleet at a glance' }).waitFor({ timeout: 10_000 });
    assert.equal(await cardValue(page, 'Devices'), '9');
    assert.equal(await cardValue(page, 'Online'), '5');
    assert.equal(await cardValue(page, 'Late'), '1');
    assert.equal(await cardValue(page, 'Offline'), '3');
    assert.equal(await cardValue(page, 'Failing tasks'), '1');
    assert.equal(await cardValue(page, 'Queued tasks'), '2');
    // The tables beside the charts: every count links to the filtered list.
    const models = page.getByRole('table', { name: 'Devices by model' });
    assert.equal(
      await models
        .getByRole('row', { name: /EG8145X6/ })
        .getByRole('link')
        .innerText(),
      '4',
    );
    assert.equal(await models.getByRole('row', { name: /EX220/ }).getByRole('link').getAttribute('href'), '#/devices?model=EX220');
    const firmware = page.getByRole('table', { name: 'Devices by firmware' });
    assert.equal(await firmware.getByRole('row', { name: /^V1\b/ }).getByRole('link').innerText(), '6');
    assert.equal(await firmware.getByRole('row', { name: /^V2\b/ }).getByRole('link').getAttribute('href'), '#/devices?firmware=V2');
    assert.match(
      await page.locator('.chart-card', { hasText: 'New devices per day' }).locator('.chart-summary').innerText(),
      /^9 in the last 30 days/,
    );
    assert.match(
      await page.locator('.chart-card', { hasText: 'Informs per hour' }).locator('.chart-summary').innerText(),
      /^17 in the last 48 hours, 17 this hour/,
    );
    // Charts are labelled images, drawn by uPlot.
    assert.equal(
      await page
        .getByRole('img', { name: /^Devices by model: bar chart/ })
        .locator('canvas')
        .count(),
      1,
    );

    // A bar opens the list of its model: the top bar is the largest model.
    const over = page.locator('.chart-card', { hasText: 'Devices by model' }).locator('.u-over');
    const box = await over.boundingBox();
    assert.ok(box !== null);
    await page.mouse.click(box.x + box.width * 0.2, box.y + box.height / 6);
    await page.waitForFunction("location.hash.startsWith('#/devices?model=')");
    assert.equal(new URL(page.url()).hash, '#/devices?model=EG8145X6');

    await page.goBack();
    await page.getByRole('link', { name: /^Offline\b/ }).click();
    await page.waitForFunction("location.hash.startsWith('#/devices')");
    assert.equal(new URL(page.url()).hash, '#/devices?status=offline');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('an empty fleet points to where CPEs connect', async () => {
    const empty = await startHarness({ webRoot, cwmpHost: '0.0.0.0' });
    try {
      const { context, page, errors } = await openApp(browser, empty.apiUrl, empty.acs.info.apiToken, '/overview');
      await page.getByRole('heading', { name: 'No devices yet' }).waitFor({ timeout: 10_000 });
      const link = page.getByRole('link', { name: /All addresses/ });
      assert.equal(await link.getAttribute('href'), '#/settings?section=connect');
      await link.click();
      await page.getByRole('heading', { name: 'Connect CPEs' }).waitFor();
      assert.deepEqual(errors, []);
      await context.close();
    } finally {
      await empty.close();
    }
  });

  test('Connect CPEs gives a network URL first, each with a copy button, and the CPE password masked', async () => {
    const { context, page, errors } = await openApp(browser, h.apiUrl, h.acs.info.apiToken, '/settings');
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: h.apiUrl });
    const rows = page.locator('.endpoints tbody tr');
    await rows.first().waitFor({ timeout: 10_000 });
    const info = await h.acs.api.serverInfo({});
    const reachable = info.cwmpEndpoints.filter((e) => !e.loopback);
    const firstRow = await rows.first().innerText();
    if (reachable.length > 0) {
      assert.ok(
        reachable.some((e) => firstRow.includes(e.url)),
        `first row should be a network URL: ${firstRow}`,
      );
      assert.doesNotMatch(firstRow, /127\.0\.0\.1|\[::1\]/);
    } else {
      assert.match(firstRow, /this computer only/);
    }
    // Loopback addresses, when listed, say so.
    for (const row of await rows.all()) {
      const text = await row.innerText();
      if (/http:\/\/(127\.|\[::1\])/.test(text)) assert.match(text, /this computer only/);
    }
    for (const e of info.cwmpEndpoints) assert.equal(await page.getByRole('button', { name: `Copy URL ${e.url}` }).count(), 1);
    const firstUrl = (await rows.first().locator('code').innerText()).trim();
    await page.getByRole('button', { name: `Copy URL ${firstUrl}` }).click();
    await page.getByRole('button', { name: `Copied URL ${firstUrl}` }).waitFor();
    assert.equal(await page.evaluate<string>('navigator.clipboard.readText()'), firstUrl);

    // The credentials to type into the CPE: the password only when asked for.
    const connect = page.locator('#settings-connect');
    assert.match(await connect.innerText(), new RegExp(cpeUser));
    assert.doesNotMatch(await connect.innerText(), new RegExp(cpePassword));
    assert.equal(await connect.getByRole('button', { name: 'Copy ACS password' }).count(), 1);
    await connect.getByRole('button', { name: 'Show ACS password' }).click();
    assert.match(await connect.innerText(), new RegExp(cpePassword));
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('CPE authentication: a mode change is confirmed with the device count and saved; a bad username is refused by the field', async () => {
    const { context, page, errors } = await openApp(browser, h.apiUrl, h.acs.info.apiToken, '/settings?section=cpe-auth');
    const section = page.locator('#settings-cpe-auth');
    await section.getByRole('radio', { name: /^Basic/ }).check({ timeout: 10_000 });
    await section.getByRole('button', { name: 'Save', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Change how CPEs authenticate?' });
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /9 devices/);
    await dialog.getByRole('button', { name: 'Save and apply' }).click();
    await section.getByRole('status').filter({ hasText: 'Saved: Basic' }).waitFor({ timeout: 10_000 });
    assert.equal((await h.acs.api.getCpeAuth({})).mode, 'basic');

    // "None" warns before anything is saved.
    await section.getByRole('radio', { name: /^None/ }).check();
    assert.match(await section.locator('.note.warn').innerText(), /anything that can reach this computer/);
    await section.getByRole('button', { name: 'Discard changes' }).click();

    await section.getByLabel('Username', { exact: true }).fill('bad:name');
    await section.getByRole('button', { name: 'Save', exact: true }).click();
    await dialog.getByRole('button', { name: 'Save and apply' }).click();
    const fieldError = section.locator('.field', { has: page.getByLabel('Username', { exact: true }) }).getByRole('alert');
    await fieldError.waitFor({ timeout: 10_000 });
    assert.match(await fieldError.innerText(), /must not contain a colon/);
    assert.equal(await section.getByLabel('Username', { exact: true }).getAttribute('aria-invalid'), 'true');
    assert.equal((await h.acs.api.getCpeAuth({})).username, cpeUser);
    assert.deepEqual(unexpected(errors), []);
    await context.close();
  });

  test('unknown devices: the policy is saved, and a registration is added and removed', async () => {
    const { context, page, errors } = await openApp(browser, h.apiUrl, h.acs.info.apiToken, '/settings?section=unknown-devices');
    const section = page.locator('#settings-unknown-devices');
    await section.getByRole('radio', { name: /^Refuse devices/ }).check({ timeout: 10_000 });
    await section.getByRole('button', { name: 'Save', exact: true }).click();
    await section.getByRole('status').filter({ hasText: 'Saved: unregistered devices are refused.' }).waitFor({ timeout: 10_000 });
    assert.equal((await h.acs.api.getCpeAuth({})).unknownDevices, 'refuse');

    const id = 'A0B1C2-Box-REG0001';
    await section.getByLabel('Device ID').fill(id);
    await section.getByLabel('Note').fill('Shop counter');
    await section.getByRole('button', { name: 'Add registration' }).click();
    await section.getByRole('row', { name: new RegExp(id) }).waitFor({ timeout: 10_000 });
    assert.deepEqual(
      (await h.acs.api.listRegistrations({})).map((r) => [r.deviceId, r.note]),
      [[id, 'Shop counter']],
    );
    await section.getByRole('button', { name: `Remove ${id}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Remove this registration?' });
    await dialog.getByRole('button', { name: 'Remove' }).click();
    await section.getByRole('row', { name: new RegExp(id) }).waitFor({ state: 'detached', timeout: 10_000 });
    assert.deepEqual(await h.acs.api.listRegistrations({}), []);
    await h.acs.api.setCpeAuth({ unknownDevices: 'register' });
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('connection requests: the default credentials are saved, then removed behind a dialog', async () => {
    const { context, page, errors } = await openApp(browser, h.apiUrl, h.acs.info.apiToken, '/settings?section=connection-requests');
    const section = page.locator('#settings-connection-requests');
    await section.getByLabel('Default username', { exact: true }).fill('cr-admin', { timeout: 10_000 });
    await section.getByLabel('Default password', { exact: true }).fill('cr-pass-1');
    await section.getByRole('button', { name: 'Save', exact: true }).click();
    await section
      .getByRole('status')
      .filter({ hasText: 'Saved: devices without their own credentials are woken as cr-admin.' })
      .waitFor({ timeout: 10_000 });
    const saved = await h.acs.api.getDefaultCredentials({});
    assert.deepEqual([saved?.username, saved?.password], ['cr-admin', 'cr-pass-1']);

    await section.getByRole('button', { name: 'Remove defaults' }).click();
    await page.getByRole('dialog', { name: 'Remove the default credentials?' }).getByRole('button', { name: 'Remove defaults' }).click();
    await section.getByRole('status').filter({ hasText: 'Defaults removed.' }).waitFor({ timeout: 10_000 });
    assert.equal(await h.acs.api.getDefaultCredentials({}), null);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("quirk rules: bad rules show the core's message by the editor and are not saved; good ones are", async () => {
    const { context, page, errors } = await openApp(browser, h.apiUrl, h.acs.info.apiToken, '/settings?section=quirks');
    const section = page.locator('#settings-quirks');
    const editor = section.getByLabel('Rules (JSON)');
    const save = section.getByRole('button', { name: 'Save rules' });
    await editor.fill('[{"match": {"manufacturer": "acme"}, "quirks": {"bogus": true}, "note": "test"}]', { timeout: 10_000 });
    await save.click();
    const alert = section.locator('.field', { has: page.getByLabel('Rules (JSON)') }).getByRole('alert');
    await alert.waitFor({ timeout: 10_000 });
    assert.match(await alert.innerText(), /rules\[0\]\.quirks\.bogus is not a known setting/);
    assert.deepEqual(await h.acs.api.getQuirkRules({}), []);

    await editor.fill('[{"match": ');
    await save.click();
    await alert.filter({ hasText: 'not valid JSON' }).waitFor();

    await editor.fill('[{"match": {"manufacturer": "acme"}, "quirks": {"gpvBatchSize": 8}, "note": "Acme times out on big batches"}]');
    await save.click();
    await section.getByRole('status').filter({ hasText: 'Saved: 1 rule' }).waitFor({ timeout: 10_000 });
    assert.equal((await h.acs.api.getQuirkRules({})).length, 1);
    assert.deepEqual(unexpected(errors), []);
    await context.close();
  });

  test('history: the retention is saved, a bad value is refused with the reason, and pruning reports', async () => {
    const { context, page, errors } = await openApp(browser, h.apiUrl, h.acs.info.apiToken, '/settings?section=history');
    const section = page.locator('#settings-history');
    const days = section.getByLabel('Keep history for (days)');
    await days.waitFor({ timeout: 10_000 });
    // The link scrolled the page column to the section, and only the column: the top bar stays in view.
    await page.waitForFunction("document.activeElement?.id === 'settings-history-title'");
    assert.equal(await page.evaluate<number>('document.scrollingElement.scrollTop'), 0);
    await days.fill('15');
    await section.getByRole('button', { name: 'Save', exact: true }).click();
    await section.getByRole('status').filter({ hasText: 'Saved: 15 days' }).waitFor({ timeout: 10_000 });
    assert.equal((await h.acs.api.getHistorySettings({})).days, 15);

    await days.fill('0');
    await section.getByRole('button', { name: 'Save', exact: true }).click();
    const alert = section.locator('.field', { has: page.getByLabel('Keep history for (days)') }).getByRole('alert');
    await alert.waitFor({ timeout: 10_000 });
    assert.match(await alert.innerText(), /'days' must be a whole number from 1 to 3650/);
    assert.equal((await h.acs.api.getHistorySettings({})).days, 15);

    await section.getByRole('button', { name: 'Prune now' }).click();
    await section.getByRole('status').filter({ hasText: 'Pruned:' }).waitFor({ timeout: 10_000 });
    await section.locator('.last-prune', { hasText: /checked|removed/ }).waitFor({ timeout: 10_000 });
    assert.deepEqual(unexpected(errors), []);
    await context.close();
  });

  test('both pages at 1440x900 and 1024x700, light and dark: no sideways scroll (screenshots saved)', async () => {
    for (const look of looks) {
      for (const [name, path, ready] of [
        ['overview', '/overview', 'Devices by firmware'],
        ['settings', '/settings', 'API token'],
      ] as const) {
        const { context, page, errors } = await openApp(browser, h.apiUrl, h.acs.info.apiToken, path, look);
        await page.getByRole('heading', { name: ready, exact: true }).waitFor({ timeout: 10_000 });
        await page
          .locator(name === 'overview' ? '.chart canvas' : '.endpoints tbody tr')
          .first()
          .waitFor({ timeout: 10_000 });
        assert.equal(await scrollsSideways(page), false, `${name} ${look.viewport} ${look.colorScheme} scrolls sideways`);
        // No box inside the page is wider than the page column either.
        const overflow = await page.evaluate<boolean>(
          "(() => { const p = document.querySelector('main.page'); return p.scrollWidth > p.clientWidth + 1; })()",
        );
        assert.equal(overflow, false, `${name} ${look.viewport} ${look.colorScheme}: the page column scrolls sideways`);
        await screenshot(page, name, look);
        assert.deepEqual(errors, []);
        await context.close();
      }
    }
  });

  // Last: it replaces the token every other test signs in with.
  test('API token: regenerated behind a dialog; the new token works, the old one is refused, and this tab keeps working', async () => {
    const old = h.acs.info.apiToken;
    const { context, page, errors } = await openApp(browser, h.apiUrl, old, '/settings?section=api-token');
    const section = page.locator('#settings-api-token');
    await section.getByRole('button', { name: 'Show API token' }).click({ timeout: 10_000 });
    assert.match(await section.innerText(), new RegExp(old));
    await section.getByRole('button', { name: 'Regenerate token…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Regenerate the API token?' });
    assert.match(await dialog.innerText(), /every open browser tab must then be given the new one/);
    await dialog.getByRole('button', { name: 'Regenerate token' }).click();
    await section.getByRole('status').filter({ hasText: 'New token in use' }).waitFor({ timeout: 10_000 });
    const next = (await h.acs.api.getApiToken({})).token;
    assert.notEqual(next, old);
    assert.equal(await apiStatus(h, next), 200);
    assert.equal(await apiStatus(h, old), 401);
    assert.match(await section.innerText(), new RegExp(next));

    // The tab goes on with the new token: a save works and no sign-in form appears.
    const days = page.getByLabel('Keep history for (days)');
    await days.fill('21');
    await page.locator('#settings-history').getByRole('button', { name: 'Save', exact: true }).click();
    await page.locator('#settings-history').getByRole('status').filter({ hasText: 'Saved: 21 days' }).waitFor({ timeout: 10_000 });
    assert.equal((await h.acs.api.getHistorySettings({})).days, 21);
    await page.reload();
    await page.getByRole('heading', { name: 'Settings', exact: true }).waitFor({ timeout: 10_000 });
    assert.equal(await page.locator('.login').count(), 0);
    assert.deepEqual(errors, []);
    await context.close();
  });
});

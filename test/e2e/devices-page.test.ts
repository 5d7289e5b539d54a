// The Devices page in Chromium against a real core: 3,000 devices stored straight into the
// store (varied serials, IPs, models, firmware, contact times; a third of them offline) plus
// simulated CPEs that inform, reboot and answer connection requests over loopback.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { deviceStatus } from '../../shared/device-status.ts';
import type { InformRequest, ParameterValue } from '../../electron/core/cwmp/messages.ts';
import { startSimulator, type SimulatorHandle } from '../../electron/simulator/index.ts';
import { deviceIdOf } from '../../electron/core/store/index.ts';
import type { Store } from '../../electron/core/store/index.ts';
import { startHarness, type Harness } from '../helpers/acs-harness.ts';
import { browserSkip, launchChromium, openApp, type OpenOptions, screenshot, scrollsSideways, webRoot } from '../helpers/browser.ts';

const SEEDED = 3000;
const INTERVAL = 300;
const OLDEST = { serial: 'OLD0000001', ip: '172.31.255.254' };
const MODELS = [
  {
    oui: '00259E',
    productClass: 'HG8245Q2',
    manufacturer: 'Huawei Technologies Co., Ltd',
    modelName: 'HG8245Q2',
    fw: ['V3R017C10S100', 'V3R019C10S120'],
  },
  { oui: '1C61B4', productClass: 'EX220', manufacturer: 'TP-Link', modelName: 'EX220', fw: ['1.1.0 Build 230213', '1.2.1 Build 240101'] },
  { oui: 'C0B101', productClass: 'H199A', manufacturer: 'ZTE', modelName: 'ZXHN H199A', fw: ['V9.0.11P1N3'] },
  { oui: '00A0C5', productClass: 'FRITZBox', manufacturer: 'AVM', modelName: 'FRITZ!Box 7590', fw: ['7.57', '7.58', '7.29'] },
] as const;

interface Seeded {
  id: string;
  serial: string;
  ip: string;
  modelName: string;
  lastInform: number;
}

/** Devices written through the store's Inform path in one transaction (~0.5 s for 3,000). */
function seedFleet(store: Store, now: number): Seeded[] {
  const out: Seeded[] = [];
  store.transaction(() => {
    for (let i = 0; i < SEEDED; i++) {
      const m = MODELS[i % MODELS.length] ?? MODELS[0];
      const oldest = i === 1234;
      const serial = oldest
        ? OLDEST.serial
        : `${m.oui.slice(0, 2)}${String((i * 7919) % 100_000).padStart(5, '0')}${String.fromCharCode(65 + (i % 26))}`;
      const ip = oldest ? OLDEST.ip : `10.${20 + (i % 4)}.${(i >> 8) & 255}.${i & 255}`;
      // Thirds, far from the thresholds (online < 375 s, offline > 900 s at a 300 s interval):
      // seconds ago, ten minutes ago (late), hours to weeks ago (offline); one 400 days ago.
      const age = oldest
        ? 400 * 86_400_000
        : i % 3 === 0
          ? (i % 50) * 1000
          : i % 3 === 1
            ? 600_000 + (i % 60) * 1000
            : 3_600_000 * (2 + (i % 500));
      const at = new Date(now - age - (i % 997));
      const p = (name: string, value: string, type = 'xsd:string'): ParameterValue => ({ name: `Device.${name}`, value, type });
      const inform: InformRequest = {
        name: 'Inform',
        deviceId: { manufacturer: m.manufacturer, oui: m.oui, productClass: m.productClass, serialNumber: serial },
        events: [{ code: '2 PERIODIC', commandKey: '' }],
        maxEnvelopes: 1,
        currentTime: at.toISOString(),
        retryCount: 0,
        parameterList: [
          p('DeviceInfo.Manufacturer', m.manufacturer),
          p('DeviceInfo.ModelName', m.modelName),
          p('DeviceInfo.ProductClass', m.productClass),
          p('DeviceInfo.SerialNumber', serial),
          p('DeviceInfo.SoftwareVersion', m.fw[i % m.fw.length] ?? ''),
          p('ManagementServer.PeriodicInformInterval', String(INTERVAL), 'xsd:unsignedInt'),
          p('IP.Interface.1.IPv4Address.1.IPAddress', ip),
        ],
      };
      const r = store.informs.record({ inform, remoteAddress: ip, cwmpVersion: '1.0', at, warnings: [] });
      store.sessions.end(r.sessionId, 'ok', { messages: 2, warnings: [] }, at);
      out.push({ id: deviceIdOf(inform.deviceId), serial, ip, modelName: m.modelName, lastInform: at.getTime() });
    }
  });
  return out;
}

/** Polls `check` until it holds (a wait for the page, not a timing assertion). */
async function eventually(what: string, check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Serials of the rendered rows, top to bottom. */
function shownSerials(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(`[...document.querySelectorAll('.dev-body [role=row]')]
    .map((r) => [Number(r.getAttribute('aria-rowindex')), r.querySelector('.col-serial')?.textContent ?? ''])
    .filter((x) => x[1] !== '').sort((a, b) => a[0] - b[0]).map((x) => x[1])`);
}

/** The count line as numbers: "2,314 of 41,002 devices" -> [2314, 41002]; "41,002 devices" -> [41002]. */
async function shownCount(page: Page): Promise<number[]> {
  const text = await page.locator('.dev-count').innerText();
  return [...text.matchAll(/(\d[\d,. \u202f\u00a0]*) (?:of|devices?)/g)].map((m) => Number((m[1] ?? '').replace(/\D/g, '')));
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

describe('Devices page', { skip: browserSkip }, () => {
  let h: Harness;
  let browser: Browser;
  let seeded: Seeded[];
  const sims: SimulatorHandle[] = [];
  const simSerials = ['SIMDEV0001', 'SIMDEV0002'];
  const allSerials = (): string[] => [...seeded.map((d) => d.serial), ...simSerials];
  const open = (hash = '/devices', opts: OpenOptions = {}) => openApp(browser, h.apiUrl, h.acs.info.apiToken, hash, opts);
  const firstRow = (page: Page) => page.locator('.dev-body [role=row][aria-rowindex="2"]').waitFor({ timeout: 15_000 });

  before(async () => {
    h = await startHarness({ webRoot });
    seeded = seedFleet(h.store, Date.now());
    browser = await launchChromium();
  });
  after(async () => {
    for (const s of sims) await s.close();
    await browser?.close();
    await h?.close();
  });

  test('a device that informs after the page opened appears in the list without a reload', async () => {
    const { page, context, errors } = await open();
    await firstRow(page);
    assert.equal(await page.locator('.dev-body [role=row]', { hasText: 'SIMDEV' }).count(), 0);
    for (const serial of simSerials) {
      const sim = await startSimulator({
        acsUrl: h.cwmpUrl,
        model: serial.endsWith('1') ? 'tr181' : 'tr098',
        serial,
        connectionRequest: { username: 'cr', password: 'crpw' },
      });
      sims.push(sim);
      await sim.idle();
      if (sim.sessions.length === 0) await sim.runSession();
    }
    for (const serial of simSerials) {
      await page.locator('.dev-body [role=row]', { hasText: serial }).waitFor({ timeout: 15_000 });
      const device = h.store.devices.search({ q: serial }).items[0];
      assert.ok(device);
      h.store.crCredentials.set(device.id, { username: 'cr', password: 'crpw', source: 'operator' });
    }
    // Newest contact first: the simulators lead the list, each Online in words.
    const top = await shownSerials(page);
    assert.deepEqual(new Set(top.slice(0, 2)), new Set(simSerials));
    assert.equal(await page.locator('.dev-body [role=row]', { hasText: 'SIMDEV0001' }).locator('.col-status').innerText(), 'Online');
    assert.deepEqual(await shownCount(page), [SEEDED + 2]);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('sorting by serial and by last contact, both ways, kept in the URL', async () => {
    const { page, context } = await open();
    await firstRow(page);
    const bySerial = allSerials().sort();
    const serialHeader = page.getByRole('columnheader', { name: 'Serial' });
    await page.getByRole('button', { name: 'Serial', exact: true }).click();
    await eventually('rows sorted by serial A-Z', async () => same((await shownSerials(page)).slice(0, 10), bySerial.slice(0, 10)));
    assert.equal(await serialHeader.getAttribute('aria-sort'), 'ascending');
    await page.getByRole('button', { name: 'Serial', exact: true }).click();
    await eventually('rows sorted by serial Z-A', async () => same((await shownSerials(page)).slice(0, 10), bySerial.slice(-10).reverse()));
    assert.equal(await serialHeader.getAttribute('aria-sort'), 'descending');
    assert.match(page.url(), /sort=serialNumber&order=desc/);

    // Contact times from the store (the simulators' too), newest first, then oldest first.
    const time = new Map(seeded.map((d) => [d.serial, d.lastInform]));
    for (const serial of simSerials) time.set(serial, Date.parse(h.store.devices.search({ q: serial }).items[0]?.lastInform ?? ''));
    const times = [...time.values()].sort((a, b) => b - a);
    const shownTimes = async (): Promise<number[]> => (await shownSerials(page)).slice(0, 10).map((s) => time.get(s) ?? -1);
    await page.getByRole('button', { name: 'Last contact', exact: true }).click();
    await eventually('rows newest contact first', async () => same(await shownTimes(), times.slice(0, 10)));
    assert.equal(await page.getByRole('columnheader', { name: 'Last contact' }).getAttribute('aria-sort'), 'descending');
    assert.equal(await serialHeader.getAttribute('aria-sort'), null);
    await page.getByRole('button', { name: 'Last contact', exact: true }).click();
    await eventually('rows oldest contact first', async () => same(await shownTimes(), times.slice(-10).reverse()));
    assert.equal((await shownSerials(page))[0], OLDEST.serial);
    assert.equal(await page.getByRole('columnheader', { name: 'Last contact' }).getAttribute('aria-sort'), 'ascending');
    await context.close();

    // A pasted link opens the same view.
    const pasted = await open('/devices?sort=serialNumber&order=asc');
    await firstRow(pasted.page);
    await eventually('the pasted sort', async () => same((await shownSerials(pasted.page)).slice(0, 10), bySerial.slice(0, 10)));
    await pasted.context.close();
  });

  test('the offline filter shows only offline devices, as many as the store holds, page after page', async () => {
    const now = Date.now();
    const expected = seeded.filter((d) => deviceStatus(new Date(d.lastInform).toISOString(), INTERVAL, now) === 'offline').length;
    assert.ok(expected > 900 && expected < SEEDED);
    const { page, context } = await open();
    await firstRow(page);
    await page.getByRole('combobox', { name: 'Status', exact: true }).selectOption('offline');
    await eventually('the offline count', async () => same(await shownCount(page), [expected, SEEDED + 2]));
    assert.match(page.url(), /status=offline/);
    await page.getByRole('button', { name: 'Remove filter Status: Offline' }).waitFor();
    // Scroll through more than one page of 200: every row loaded says Offline.
    const grid = page.getByRole('grid', { name: 'Devices' });
    for (let i = 0; i < 12; i++) {
      await grid.evaluate((el) => el.scrollBy(0, 3000));
      const statuses = await page.locator('.dev-body .col-status').allInnerTexts();
      assert.ok(statuses.length > 0);
      assert.deepEqual([...new Set(statuses)], ['Offline']);
    }
    await eventually(
      'a second page loaded',
      async () => Number(await page.locator('.dev-body [role=row]').last().getAttribute('aria-rowindex')) > 202,
    );
    await context.close();
  });

  test('search as you type finds the oldest device by serial and by IP address', async () => {
    const { page, context } = await open();
    await firstRow(page);
    const search = page.getByRole('searchbox', { name: 'Search devices' });
    for (const text of [OLDEST.serial, OLDEST.ip]) {
      // The whole list between the two, so the second answer cannot be the first one's.
      await search.fill('');
      await eventually('the whole list', async () => same(await shownCount(page), [SEEDED + 2]));
      await search.fill(text);
      await eventually(
        `one match for ${text}`,
        async () => same(await shownCount(page), [1, SEEDED + 2]) && same(await shownSerials(page), [OLDEST.serial]),
      );
      const row = page.locator('.dev-body [role=row]').first();
      assert.equal(await row.locator('.col-status').innerText(), 'Offline');
      assert.equal(await row.locator('.col-ip').innerText(), OLDEST.ip);
      assert.match(page.url(), new RegExp(`q=${encodeURIComponent(text).replaceAll('.', '\\.')}`));
    }
    await context.close();
  });

  test('select all matching, then a bulk reboot reaches the simulators; the toast follows it to the end', async () => {
    const { page, context, errors } = await open('/devices?q=SIMDEV');
    await eventually('the two simulators', async () => same(new Set(await shownSerials(page)), new Set(simSerials)));
    const bootsBefore = sims.map((s) => s.sessions.filter((r) => r.events.includes('1 BOOT')).length);
    await page.getByRole('checkbox', { name: 'Select SIMDEV0001' }).click();
    await page.getByText('1 device selected').waitFor();
    await page.getByRole('button', { name: 'Select all 2 matching' }).click();
    await page.getByText('All 2 devices matching selected').waitFor();
    await page.getByRole('group', { name: 'Bulk actions' }).getByRole('button', { name: 'Reboot' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reboot 2 devices?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Reboot 2 devices' }).click();
    const toast = page.locator('.toast', { hasText: 'Reboot of 2 devices finished: 2 done' });
    await toast.waitFor({ timeout: 45_000 });
    const href = await page.locator('.toast', { hasText: 'Reboot' }).getByRole('link', { name: 'Show tasks' }).getAttribute('href');
    const batchId = decodeURIComponent(/batch=([^&]+)/.exec(href ?? '')?.[1] ?? '');
    const tasks = await h.acs.api.listTasks({ batchId });
    assert.equal(tasks.length, 2);
    assert.deepEqual(
      tasks.map((t) => [t.name, t.status]),
      [
        ['reboot', 'done'],
        ['reboot', 'done'],
      ],
    );
    // Each simulator really rebooted: a new session with '1 BOOT' and 'M Reboot'.
    sims.forEach((s, i) => {
      const boots = s.sessions.filter((r) => r.events.includes('1 BOOT'));
      assert.ok(boots.length > (bootsBefore[i] ?? 0), `${s.serial} did not boot again`);
      assert.ok(boots.some((r) => r.events.includes('M Reboot')));
    });
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('set a parameter on the selected: done where the device has it, refused with the reason where not', async () => {
    const path = 'Device.ManagementServer.PeriodicInformInterval';
    const { page, context, errors } = await open('/devices?q=SIMDEV');
    await eventually('the two simulators', async () => same(new Set(await shownSerials(page)), new Set(simSerials)));
    await page.getByRole('checkbox', { name: 'Select all loaded devices' }).check();
    await page.getByText('2 devices selected').waitFor();
    await page.getByRole('group', { name: 'Bulk actions' }).getByRole('button', { name: 'Set parameter…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Set a parameter on 2 devices' });
    await dialog.getByLabel('Parameter path').fill(path);
    await dialog.getByLabel('Value').fill('6OO');
    await dialog.getByLabel('Type').selectOption({ label: 'unsignedInt' });
    // A value that does not fit the type is caught before anything is sent.
    assert.equal(await dialog.getByRole('button', { name: 'Set on 2 devices' }).isDisabled(), true);
    await dialog.getByLabel('Value').fill('600');
    await dialog.getByRole('button', { name: 'Set on 2 devices' }).click();
    // The TR-098 simulator has no Device. tree: refused, and the page says why.
    const refused = page.getByRole('dialog', { name: '1 device refused the task' });
    await refused.waitFor();
    const tr098 = h.store.devices.search({ q: 'SIMDEV0002' }).items[0]?.id ?? '';
    assert.match(await refused.getByRole('listitem').innerText(), new RegExp(`${tr098}[\\s\\S]*no known parameter`));
    await refused.getByRole('button', { name: 'Close' }).click();
    await page.locator('.toast', { hasText: 'Setting PeriodicInformInterval on 1 device finished: 1 done' }).waitFor({ timeout: 30_000 });
    assert.equal(sims[0]?.model.value(path), '600');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('tag every device of a model (beyond the loaded rows), filter by the tag, export the view as CSV', async () => {
    const model = 'HG8245Q2';
    const ofModel = seeded.filter((d) => d.modelName === model);
    const { page, context } = await open(`/devices?model=${model}`);
    await eventually('the model filter', async () => same(await shownCount(page), [ofModel.length, SEEDED + 2]));
    await page.getByRole('checkbox', { name: 'Select all loaded devices' }).check();
    await page.getByRole('button', { name: `Select all ${ofModel.length} matching` }).click();
    await page.getByRole('group', { name: 'Bulk actions' }).getByRole('button', { name: 'Tag…', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: `Tag ${ofModel.length} devices` });
    await dialog.getByLabel('Tags to add').fill('bulk-x');
    await dialog.getByRole('button', { name: `Tag ${ofModel.length} devices` }).click();
    await page.locator('.toast', { hasText: `Tag: bulk-x on ${ofModel.length} devices` }).waitFor();
    // The store holds the tag on every device of the model, loaded on screen or not.
    const tagged = new Set((await h.acs.api.listDevices({ tag: 'bulk-x', limit: 1000 })).items.map((d) => d.id));
    assert.deepEqual(tagged, new Set(ofModel.map((d) => d.id)));

    await page.getByRole('button', { name: `Remove filter Model: ${model}` }).click();
    const tagField = page.getByRole('combobox', { name: 'Tag', exact: true });
    await tagField.fill('bulk-x');
    await tagField.press('Enter');
    await eventually('the tag filter', async () => same(await shownCount(page), [ofModel.length, SEEDED + 2]));
    assert.match(page.url(), /tag=bulk-x/);
    assert.doesNotMatch(page.url(), /model=/);
    assert.match(await page.locator('.dev-body [role=row]').first().locator('.col-tags').innerText(), /bulk-x/);

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const file = await (await download).path();
    const lines = readFileSync(file, 'utf8')
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    assert.equal(lines.pop(), '');
    assert.equal(lines[0], 'Status,Serial,Manufacturer,Model,Firmware,IP address,Last contact,Tags');
    assert.equal(lines.length, ofModel.length + 1);
    const rows = lines.slice(1);
    assert.deepEqual(new Set(rows.map((l) => l.split(',')[1])), new Set(ofModel.map((d) => d.serial)));
    // The manufacturer holds a comma: quoted, so the row keeps its 8 fields.
    for (const row of rows) {
      assert.ok(row.includes(',"Huawei Technologies Co., Ltd",'), row);
      assert.ok(row.endsWith(',bulk-x'), row);
    }
    await context.close();
  });

  test('delete: a dialog with the number, then the devices are gone from the list and the store', async () => {
    const { page, context } = await open('/devices?sort=serialNumber&order=asc');
    await firstRow(page);
    const [a, b] = (await shownSerials(page)).slice(0, 2);
    assert.ok(a !== undefined && b !== undefined);
    const ids = [a, b].map((s) => seeded.find((d) => d.serial === s)?.id ?? '');
    await page.getByRole('checkbox', { name: `Select ${a}` }).click();
    await page.getByRole('checkbox', { name: `Select ${b}` }).click();
    await page.getByRole('group', { name: 'Bulk actions' }).getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete 2 devices?' });
    await dialog.waitFor();
    assert.ok(
      ids.every((id) => h.store.devices.get(id) !== undefined),
      'nothing is deleted before the dialog is confirmed',
    );
    await dialog.getByRole('button', { name: 'Delete 2 devices' }).click();
    await eventually('the rows gone', async () => {
      const shown = await shownSerials(page);
      return !shown.includes(a) && !shown.includes(b);
    });
    assert.deepEqual(
      ids.map((id) => h.store.devices.get(id)),
      [undefined, undefined],
    );
    await eventually('the count', async () => same(await shownCount(page), [SEEDED]));
    await context.close();
  });

  test('keyboard: one Tab stop for the list, arrows move, Space checks, Enter opens the device', async () => {
    const { page, context } = await open('/devices?sort=serialNumber&order=asc');
    await firstRow(page);
    // Rows hold no Tab stop of their own (their checkbox and link are reached with the keys).
    const rowStops = await page.evaluate<number>(
      `[...document.querySelectorAll('.dev-body a, .dev-body input, .dev-body button')].filter((e) => e.tabIndex >= 0).length`,
    );
    assert.equal(rowStops, 0);
    await page.getByRole('combobox', { name: 'Tag', exact: true }).focus();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate<string | null>('document.activeElement?.getAttribute("role") ?? null'), 'grid');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const activeId = await page.getByRole('grid', { name: 'Devices' }).getAttribute('aria-activedescendant');
    const active = page.locator(`[id="${activeId}"]`);
    assert.equal(await active.getAttribute('aria-rowindex'), '4');
    const serial = (await shownSerials(page))[2] ?? '';
    await page.keyboard.press(' ');
    assert.equal(await active.getAttribute('aria-selected'), 'true');
    await page.getByText('1 device selected').waitFor();
    await page.keyboard.press('Escape');
    assert.equal(await active.getAttribute('aria-selected'), 'false');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: new RegExp(serial) }).waitFor();
    const id = seeded.find((d) => d.serial === serial)?.id ?? '';
    assert.ok(page.url().endsWith(`#/devices/${encodeURIComponent(id)}`), page.url());
    await context.close();
  });

  test('an argument the core refuses shows the reason as an alert, with a retry', async () => {
    const { page, context } = await open('/devices?tag=%22quoted%22');
    const alert = page.getByRole('alert');
    await alert.waitFor({ timeout: 20_000 });
    assert.match(await alert.innerText(), /tag/i);
    await alert.getByRole('button', { name: 'Try again' }).waitFor();
    await context.close();
  });

  test('1440x900 and 1024x700, light and dark: nothing scrolls sideways (screenshots saved)', async () => {
    for (const viewport of ['wide', 'narrow'] as const) {
      for (const colorScheme of ['light', 'dark'] as const) {
        const opts = { viewport, colorScheme };
        const { page, context, errors } = await open('/devices?status=offline', opts);
        await firstRow(page);
        await page.getByRole('checkbox', { name: 'Select all loaded devices' }).check();
        await page.getByRole('group', { name: 'Bulk actions' }).waitFor();
        assert.equal(await scrollsSideways(page), false, `${viewport} ${colorScheme} scrolls sideways`);
        // The list fills the window's height and scrolls inside itself.
        const grid = await page.getByRole('grid', { name: 'Devices' }).boundingBox();
        assert.ok(grid !== null && grid.y + grid.height <= (viewport === 'wide' ? 900 : 700));
        await screenshot(page, 'devices', opts);
        assert.deepEqual(errors, []);
        await context.close();
      }
    }
  });
});

describe('Devices page with no devices', { skip: browserSkip }, () => {
  test('says where to point a CPE, with a link to Settings', async () => {
    const h = await startHarness({ webRoot });
    const browser = await launchChromium();
    try {
      const { page } = await openApp(browser, h.apiUrl, h.acs.info.apiToken, '/devices');
      await page.getByText('No devices yet.').waitFor({ timeout: 15_000 });
      assert.match(await page.locator('.dev-empty').innerText(), /Point a CPE at http:\/\/\S+/);
      await page.getByRole('link', { name: 'Settings' }).last().click();
      await page.waitForURL(/#\/settings/);
    } finally {
      await browser.close();
      await h.close();
    }
  });
});

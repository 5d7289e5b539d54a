// The parameter-tree editor in Chromium against a real core with simulated CPEs: a TR-181
// gateway, a TR-098 one and one built from a real 5,000+-parameter dump (or the built-in
// fixture when ../shared/cwmp is absent), all answering connection requests so tasks run at
// once. Opening and expanding (mouse and keyboard), search, edits applied as one task and
// confirmed by the simulator itself, the core's refusal by the field, a device's fault with its
// explanation, instances added and deleted, the empty state, CSV, layout and screenshots.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { loadCsvModel, startSimulator, type SimulatorHandle } from '../../electron/simulator/index.ts';
import { startHarness, type Harness } from '../helpers/acs-harness.ts';
import {
  browserSkip,
  launchChromium,
  openApp,
  type OpenOptions,
  repoRoot,
  screenshot,
  scrollsSideways,
  webRoot,
} from '../helpers/browser.ts';

const DUMP = join(repoRoot, '../shared/cwmp/datamodels/device-1C61B4-XX230v-22275A7000395-2023-04-27T154050686Z.csv');
const FIXTURE = join(repoRoot, 'test/fixtures/models/small-igd.csv');
const SSID = 'Device.WiFi.SSID.1.SSID';
const PASSPHRASE = 'Device.WiFi.AccessPoint.1.Security.KeyPassphrase';
const PERIODIC = 'Device.ManagementServer.PeriodicInformInterval';

interface Sim {
  sim: SimulatorHandle;
  id: string;
}

/** Polls `check` until it holds (a wait for the page, not a timing assertion). */
async function eventually(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function startSim(h: Harness, serial: string, model: Parameters<typeof startSimulator>[0]['model']): Promise<Sim> {
  const sim = await startSimulator({ acsUrl: h.cwmpUrl, model, serial, connectionRequest: { username: 'cr', password: 'crpw' } });
  await sim.idle();
  if (sim.sessions.length === 0) await sim.runSession();
  const device = h.store.devices.search({ q: serial }).items[0];
  assert.ok(device, `${serial} informed`);
  await h.acs.api.setDeviceCredentials({ id: device.id, username: 'cr', password: 'crpw' });
  return { sim, id: device.id };
}

async function readTree(h: Harness, id: string): Promise<void> {
  const r = await h.acs.api.createTask({ id, task: { name: 'refresh', path: '' }, connectionRequest: true, waitSeconds: 90 });
  assert.equal(r.task.status, 'done', `the tree of ${id} was read`);
}

/** The row of a path (its name cell carries the full path). */
function row(page: Page, path: string): Locator {
  return page.locator('.ptree-row', { has: page.locator(`.ptree-name[title="${path}"]`) });
}

function searchBox(page: Page): Locator {
  return page.getByRole('searchbox', { name: 'Search parameters' });
}

/** Enter in the search box until the current match is `path` (or ends with it); returns its full path. */
async function jumpTo(page: Page, path: string | RegExp): Promise<string> {
  const current = page.locator('.ptree-row.current .ptree-name');
  for (let i = 0; i < 300; i++) {
    const title = (await current.count()) === 1 ? ((await current.getAttribute('title')) ?? '') : '';
    if (typeof path === 'string' ? title === path : path.test(title)) return title;
    await searchBox(page).press('Enter');
  }
  throw new Error(`no match ${String(path)}`);
}

/** A task line of the tree whose text matches. */
function opLine(page: Page, text: RegExp): Locator {
  return page.locator('.ptree-op').filter({ hasText: text });
}

describe('Parameter tree', { skip: browserSkip }, () => {
  let h: Harness;
  let browser: Browser;
  let tr181: Sim;
  let tr098: Sim;
  let dump: Sim;
  let dumpRows = 0;
  const open = async (id: string, opts: OpenOptions = {}) => {
    const app = await openApp(browser, h.apiUrl, h.acs.info.apiToken, `/devices/${encodeURIComponent(id)}?tab=parameters`, opts);
    await app.page.getByRole('tree', { name: 'Parameters' }).locator('.ptree-row').first().waitFor({ timeout: 20_000 });
    return app;
  };

  before(async () => {
    h = await startHarness({ webRoot });
    tr181 = await startSim(h, 'PT-181-0001', 'tr181');
    // The TR-098 gateway's tree is read from the page (the empty state's button).
    tr098 = await startSim(h, 'PT-098-0001', 'tr098');
    const dumpModel = loadCsvModel(readFileSync(existsSync(DUMP) ? DUMP : FIXTURE, 'utf8'));
    dumpRows = dumpModel.size;
    dump = await startSim(h, 'PT-DUMP-0001', dumpModel);
    await readTree(h, tr181.id);
    await readTree(h, dump.id);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    for (const s of [tr181, tr098, dump]) await s?.sim.close();
    await h?.close();
  });

  test('opens with the root expanded; objects open and close by mouse and keyboard (arrows, Right, Left, Enter, Escape)', async () => {
    const { page, context, errors } = await open(tr181.id);
    const tree = page.getByRole('tree', { name: 'Parameters' });
    const wifi = row(page, 'Device.WiFi.');
    await wifi.waitFor();
    assert.equal(await row(page, 'Device.').getAttribute('aria-expanded'), 'true');
    assert.equal(await wifi.getAttribute('aria-expanded'), 'false');
    assert.equal(await wifi.getAttribute('aria-level'), '2');
    // Short names, the full path on hover.
    assert.equal(await wifi.locator('.ptree-label').innerText(), 'WiFi');
    // Mouse: the twisty opens WiFi; its tables show with their entries.
    await wifi.locator('.ptree-twisty').click();
    await row(page, 'Device.WiFi.SSID.').waitFor();
    assert.equal(await wifi.getAttribute('aria-expanded'), 'true');
    // Keyboard: the tree is one Tab stop pointing at its active row.
    await row(page, 'Device.WiFi.SSID.').click();
    assert.equal(await page.evaluate<boolean>('document.activeElement?.getAttribute("role") === "tree"'), true);
    const active = async (): Promise<string> => {
      const id = (await tree.getAttribute('aria-activedescendant')) ?? '';
      return (await page.locator(`[id="${id}"] .ptree-name`).getAttribute('title')) ?? '';
    };
    assert.equal(await active(), 'Device.WiFi.SSID.');
    await page.keyboard.press('ArrowRight');
    await row(page, 'Device.WiFi.SSID.1.').waitFor();
    assert.equal(await row(page, 'Device.WiFi.SSID.').getAttribute('aria-expanded'), 'true');
    await page.keyboard.press('ArrowRight');
    assert.equal(await active(), 'Device.WiFi.SSID.1.');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    // The first parameter of the instance, then down to the SSID (parameters sorted by name).
    for (let i = 0; i < 12 && (await active()) !== SSID; i++) await page.keyboard.press('ArrowDown');
    assert.equal(await active(), SSID);
    // Enter edits a writable parameter; Escape cancels, focus back on the tree.
    await page.keyboard.press('Enter');
    const editor = page.getByRole('textbox', { name: 'New value of SSID' });
    await editor.waitFor();
    assert.equal(await page.evaluate<string | null>('document.activeElement?.getAttribute("aria-label") ?? null'), 'New value of SSID');
    await page.keyboard.type('-changed');
    await page.getByRole('region', { name: 'Pending changes' }).waitFor();
    await page.keyboard.press('Escape');
    await editor.waitFor({ state: 'detached' });
    assert.equal(await page.getByRole('region', { name: 'Pending changes' }).count(), 0);
    assert.equal(await page.evaluate<boolean>('document.activeElement?.getAttribute("role") === "tree"'), true);
    // Left goes to the parent, then closes it.
    await page.keyboard.press('ArrowLeft');
    assert.equal(await active(), 'Device.WiFi.SSID.1.');
    await page.keyboard.press('ArrowLeft');
    await row(page, SSID).waitFor({ state: 'detached' });
    assert.equal(await row(page, 'Device.WiFi.SSID.1.').getAttribute('aria-expanded'), 'false');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('search reveals SSID; two edits (SSID and the passphrase) applied as one task, confirmed by the device', async () => {
    const { page, context, errors } = await open(tr181.id);
    await searchBox(page).fill('ssid');
    assert.match(await page.locator('.ptree-count').innerText(), /^1 of \d+ matches$/);
    // Enter jumps from match to match; each is revealed (its objects opened) and highlighted.
    await jumpTo(page, SSID);
    await row(page, SSID).waitFor();
    assert.equal(await row(page, SSID).locator('mark').first().innerText(), 'SSID');
    // Click 1: the value; type the new name.
    const old = tr181.sim.model.value(SSID);
    await row(page, SSID).locator('.ptree-val').click();
    const editor = page.getByRole('textbox', { name: 'New value of SSID' });
    await editor.fill('Customer-WiFi');
    await page.locator('.ptree-msg', { hasText: 'Accepted.' }).waitFor();
    await editor.press('Enter');
    // The passphrase too: secrets are edited masked.
    await searchBox(page).fill('KeyPassphrase');
    await row(page, PASSPHRASE).waitFor();
    await row(page, PASSPHRASE).dblclick();
    const secret = page.getByLabel('New value of KeyPassphrase');
    assert.equal(await secret.getAttribute('type'), 'password');
    await secret.fill('correct-horse-battery');
    await page.locator('.ptree-msg', { hasText: 'Accepted.' }).waitFor();
    await secret.press('Enter');
    const diff = page.getByRole('region', { name: 'Pending changes' });
    const summary = await diff.locator('.ptree-diff-summary').innerText();
    assert.match(summary, /^2 changes: SSID/);
    assert.ok(summary.includes(`${old}`) && summary.includes('Customer-WiFi'), summary);
    assert.ok(!summary.includes('correct-horse'), 'the secret is masked in the diff');
    await diff.getByRole('button', { name: 'Review' }).click();
    assert.equal(await diff.locator('.ptree-diff-list li').count(), 2);
    // Click 2: Apply. One task; its progress followed to the device's confirmation.
    const tasksBefore = h.store.tasks.list({ deviceId: tr181.id, limit: 1000 }).length;
    await diff.getByRole('button', { name: 'Apply' }).click();
    await opLine(page, /Done: the device confirmed the 2 changes\./).waitFor({ timeout: 20_000 });
    const tasks = h.store.tasks.list({ deviceId: tr181.id, limit: 1000 });
    assert.equal(tasks.length, tasksBefore + 1, 'one task for both edits');
    assert.equal(tasks.find((t) => t.name === 'setParameterValues')?.status, 'done');
    assert.equal(tr181.sim.model.value(SSID), 'Customer-WiFi');
    assert.equal(tr181.sim.model.value(PASSPHRASE), 'correct-horse-battery');
    await diff.waitFor({ state: 'detached' });
    // The tree shows the stored values; the secret masked, revealed on demand.
    await searchBox(page).fill('Customer-WiFi');
    await eventually('the new SSID in the tree', async () => (await row(page, SSID).locator('.ptree-val').innerText()) === 'Customer-WiFi');
    await searchBox(page).fill('KeyPassphrase');
    await eventually(
      'the stored passphrase, masked',
      async () => (await row(page, PASSPHRASE).locator('.ptree-val').innerText()) === '••••••••',
    );
    // The core sent it masked (the page never had it); Reveal asks for that one value in clear.
    const listed = await h.acs.api.getParameters({ id: tr181.id, prefix: PASSPHRASE });
    assert.deepEqual(
      listed.map((p) => p.value),
      ['••••••'],
    );
    assert.ok(!(await page.content()).includes('correct-horse'), 'no clear secret in the page before Reveal');
    await row(page, PASSPHRASE).getByRole('button', { name: 'Reveal KeyPassphrase' }).click();
    await eventually(
      'the revealed passphrase',
      async () => (await row(page, PASSPHRASE).locator('.ptree-val').innerText()) === 'correct-horse-battery',
    );
    // Hidden again, its editor starts empty, never from the mask; Escape leaves no edit behind.
    await row(page, PASSPHRASE).getByRole('button', { name: 'Hide KeyPassphrase' }).click();
    await row(page, PASSPHRASE).dblclick();
    assert.equal(await page.getByLabel('New value of KeyPassphrase').inputValue(), '', 'a masked secret is never edited from its mask');
    await page.getByLabel('New value of KeyPassphrase').press('Escape');
    assert.equal(await page.getByRole('region', { name: 'Pending changes' }).count(), 0);
    // CSV of the tree: the serial in the file name, the secret masked.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'CSV' }).click()]);
    assert.match(download.suggestedFilename(), /^parameters-PT-181-0001-\d{4}-\d{2}-\d{2}-\d{4}\.csv$/);
    const csv = readFileSync((await download.path()) ?? '', 'utf8');
    assert.ok(csv.startsWith('\uFEFFPath,Value,Type,Writable,Last read\r\n'));
    assert.ok(csv.includes(`${SSID},Customer-WiFi,xsd:string,true,`));
    assert.ok(csv.includes(`${PASSPHRASE},(hidden),`) && !csv.includes('correct-horse'));
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("a value of the wrong type: the core's message by the field, and Apply refused", async () => {
    const { page, context } = await open(tr181.id);
    await searchBox(page).fill('PeriodicInformInterval');
    await row(page, PERIODIC).locator('.ptree-val').click();
    const field = page.getByRole('textbox', { name: 'New value of PeriodicInformInterval' });
    await field.fill('every 5 min');
    const alert = row(page, PERIODIC).getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /'every 5 min' is not a valid xsd:unsignedInt .*expected a whole number 0–4294967295/);
    assert.equal(await field.getAttribute('aria-invalid'), 'true');
    const diff = page.getByRole('region', { name: 'Pending changes' });
    assert.match(await diff.innerText(), /1 refused/);
    assert.equal(await diff.getByRole('button', { name: 'Apply' }).isDisabled(), true);
    // A whole number is accepted; arrows step it within the type's range.
    await field.fill('600');
    await page.locator('.ptree-msg', { hasText: 'Accepted.' }).waitFor();
    await field.press('ArrowUp');
    assert.equal(await field.inputValue(), '601');
    await page.locator('.ptree-msg', { hasText: 'Accepted.' }).waitFor();
    assert.equal(await diff.getByRole('button', { name: 'Apply' }).isDisabled(), false);
    await diff.getByRole('button', { name: 'Discard' }).click();
    await diff.waitFor({ state: 'detached' });
    await context.close();
  });

  test('a value the device refuses: the fault with its explanation and suggested fix, the edit kept', async () => {
    const { page, context } = await open(tr181.id);
    await searchBox(page).fill('SSID.2.SSID');
    const ssid2 = 'Device.WiFi.SSID.2.SSID';
    const before = tr181.sim.model.value(ssid2);
    await row(page, ssid2).locator('.ptree-val').click();
    // 40 characters: text, so the core accepts it; an SSID holds at most 32 bytes, so the device refuses it.
    await page.getByRole('textbox', { name: 'New value of SSID' }).fill('A-very-long-network-name-for-the-garden');
    await page.locator('.ptree-msg', { hasText: 'Accepted.' }).waitFor();
    await page.getByRole('textbox', { name: 'New value of SSID' }).press('Enter');
    await page.getByRole('region', { name: 'Pending changes' }).getByRole('button', { name: 'Apply' }).click();
    const failed = opLine(page, /Applying 1 change: failed\./);
    await failed.waitFor({ timeout: 20_000 });
    await failed.locator('.ptree-fault-why').waitFor();
    const text = await failed.innerText();
    assert.match(text, /Fault 900[37]/);
    assert.match(text, /What happened/);
    assert.match(text, /Suggested fix/);
    assert.match(text, new RegExp(`${ssid2.replaceAll('.', '\\.')}: 9007`));
    assert.equal(tr181.sim.model.value(ssid2), before);
    await screenshot(page, 'tree-fault');
    // The edit stays pending, to be fixed or discarded.
    assert.equal(await page.getByRole('region', { name: 'Pending changes' }).count(), 1);
    await page.getByRole('button', { name: 'Discard' }).click();
    await context.close();
  });

  test('a port mapping added with an initial value, then deleted (TR-181), each followed to the end', async () => {
    const { page, context, errors } = await open(tr181.id);
    await searchBox(page).fill('PortMapping');
    const table = row(page, 'Device.NAT.PortMapping.');
    await table.waitFor();
    assert.match(await table.innerText(), /0 entries/);
    await table.click();
    await page.getByRole('group', { name: 'Selected row' }).getByRole('button', { name: 'Add instance' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add an instance to PortMapping' });
    await dialog.getByRole('textbox', { name: 'Value of Description' }).fill('e2e camera');
    await dialog.getByRole('textbox', { name: 'Value of ExternalPort' }).fill('8080');
    await screenshot(page, 'tree-add-instance');
    await dialog.getByRole('button', { name: 'Add instance' }).click();
    await opLine(page, /Done: the device added Device\.NAT\.PortMapping\.1\./).waitFor({ timeout: 20_000 });
    assert.equal(tr181.sim.model.value('Device.NAT.PortMapping.1.Description'), 'e2e camera');
    assert.equal(tr181.sim.model.value('Device.NAT.PortMapping.1.ExternalPort'), '8080');
    // The new instance shows, opened and selected.
    await row(page, 'Device.NAT.PortMapping.1.Description').waitFor();
    const selected = page.getByRole('group', { name: 'Selected row' });
    await eventually('the new instance selected', async () => (await selected.innerText()).includes('Device.NAT.PortMapping.1'));
    await selected.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog', { name: 'Delete Device.NAT.PortMapping.1.?' }).getByRole('button', { name: 'Delete instance' }).click();
    await opLine(page, /Done: the device deleted Device\.NAT\.PortMapping\.1\./).waitFor({ timeout: 20_000 });
    assert.equal(tr181.sim.model.has('Device.NAT.PortMapping.1.'), false);
    await row(page, 'Device.NAT.PortMapping.1.').waitFor({ state: 'detached' });
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('TR-098: the never-read tree says so and reads it; a port mapping added and deleted from the row', async () => {
    const { page, context, errors } = await open(tr098.id, { viewport: 'narrow' });
    const empty = page.locator('.ptree-empty');
    assert.match(await empty.innerText(), /Only what the device reported when it last informed is known/);
    await page.locator('.ptree-panel').scrollIntoViewIfNeeded();
    await screenshot(page, 'tree-empty', { viewport: 'narrow' });
    await empty.getByRole('button', { name: 'Read the whole tree' }).click();
    await opLine(page, /Done: read [\d,]+ values of the whole device/).waitFor({ timeout: 30_000 });
    await empty.waitFor({ state: 'detached' });
    const wan = 'InternetGatewayDevice.WANDevice.1.WANConnectionDevice.1.WANIPConnection.1.PortMapping.';
    await searchBox(page).fill('WANIPConnection.1.PortMapping');
    await row(page, wan).waitFor();
    await row(page, wan).hover();
    await row(page, wan)
      .getByRole('button', { name: `Add an instance to ${wan}` })
      .click();
    const dialog = page.getByRole('dialog', { name: 'Add an instance to PortMapping' });
    await dialog.getByRole('textbox', { name: 'Value of PortMappingDescription' }).fill('tr098 e2e');
    await dialog.getByRole('button', { name: 'Add instance' }).click();
    await opLine(page, new RegExp(`Done: the device added ${wan.replaceAll('.', '\\.')}1\\.`)).waitFor({ timeout: 20_000 });
    assert.equal(tr098.sim.model.value(`${wan}1.PortMappingDescription`), 'tr098 e2e');
    await row(page, `${wan}1.`).hover();
    await row(page, `${wan}1.`)
      .getByRole('button', { name: `Delete ${wan}1.` })
      .click();
    await page
      .getByRole('dialog', { name: `Delete ${wan}1.?` })
      .getByRole('button', { name: 'Delete instance' })
      .click();
    await opLine(page, /Done: the device deleted/).waitFor({ timeout: 20_000 });
    assert.equal(tr098.sim.model.has(`${wan}1.`), false);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a device that cannot be woken: the refresh says it waits for the next contact, and why', async () => {
    const quiet = await startSimulator({ acsUrl: h.cwmpUrl, model: 'tr181', serial: 'PT-NOCR-0001', connectionRequest: false });
    try {
      await quiet.idle();
      if (quiet.sessions.length === 0) await quiet.runSession();
      const id = h.store.devices.search({ q: 'PT-NOCR-0001' }).items[0]?.id ?? '';
      const { page, context, errors } = await open(id);
      await page.locator('.ptree-empty').getByRole('button', { name: 'Read the whole tree' }).click();
      const line = opLine(page, /waiting for the device's next contact/);
      await line.waitFor({ timeout: 20_000 });
      assert.match(
        await line.innerText(),
        /Waiting for device[\s\S]*next contact \(expected in \d+ (s|min)\): it could not be woken now \(.+\)/,
      );
      assert.equal(h.store.tasks.list({ deviceId: id, limit: 10 })[0]?.status, 'queued');
      assert.deepEqual(errors, []);
      await context.close();
    } finally {
      await quiet.close();
    }
  });

  test('a device from a real dump: thousands of parameters, only the rows in view rendered, search reveals its SSID', async () => {
    const { page, context, errors } = await open(dump.id);
    const count = Number((await page.locator('.ptree-count').innerText()).replace(/\D/g, ''));
    assert.ok(count > dumpRows * 0.5, `${count} parameters of ${dumpRows} rows`);
    await searchBox(page).fill('SSID');
    await page.locator('.ptree-row.current').waitFor();
    assert.match(await page.locator('.ptree-count').innerText(), /^1 of \d+ matches$/);
    // Enter jumps from match to match until a Wi-Fi name.
    const ssid = await jumpTo(page, /\.SSID$/);
    assert.ok(dump.sim.model.has(ssid), ssid);
    assert.match(await page.locator('.ptree-count').innerText(), /^\d+ of \d+ matches$/);
    // Virtualized: a few dozen rows in the page, however many are open.
    assert.ok((await page.locator('.ptree-row').count()) < 120);
    // A refresh of the Wi-Fi name's object (Left from the name goes to it), followed to the end.
    await row(page, ssid).locator('.ptree-label').click();
    await page.keyboard.press('ArrowLeft');
    const parent = ssid.slice(0, ssid.lastIndexOf('.') + 1);
    const selected = page.getByRole('group', { name: 'Selected row' });
    await eventually('the object selected', async () => (await selected.innerText()).replace(/\s/g, '').startsWith(parent));
    await selected.getByRole('button', { name: 'Refresh subtree' }).click();
    await opLine(page, new RegExp(`Done: read [\\d,]+ values of ${parent.replaceAll('.', '\\.')} from the device`)).waitFor({
      timeout: 20_000,
    });
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('no sideways scroll at 1024x700; screenshots (expanded, searching, editing with the diff, an error by a field), light and dark', async () => {
    for (const viewport of ['wide', 'narrow'] as const) {
      for (const colorScheme of ['light', 'dark'] as const) {
        const opts = { viewport, colorScheme };
        const { page, context, errors } = await open(tr181.id, opts);
        const tree = page.getByRole('tree', { name: 'Parameters' });
        await row(page, 'Device.WiFi.').locator('.ptree-twisty').click();
        await row(page, 'Device.WiFi.AccessPoint.').locator('.ptree-twisty').click();
        await row(page, 'Device.WiFi.AccessPoint.1.').locator('.ptree-twisty').click();
        await row(page, 'Device.WiFi.AccessPoint.1.Security.').locator('.ptree-twisty').click();
        await tree.scrollIntoViewIfNeeded();
        assert.equal(await scrollsSideways(page), false, `${viewport} ${colorScheme}: expanded`);
        await screenshot(page, 'tree-expanded', opts);
        await searchBox(page).fill('ssid');
        await jumpTo(page, SSID);
        await screenshot(page, 'tree-search', opts);
        await row(page, SSID).locator('.ptree-val').click();
        await page.getByRole('textbox', { name: 'New value of SSID' }).fill('Garden-Guest');
        await page.locator('.ptree-msg', { hasText: 'Accepted.' }).waitFor();
        await page.getByRole('textbox', { name: 'New value of SSID' }).press('Enter');
        await searchBox(page).fill('PeriodicInformInterval');
        await row(page, PERIODIC).locator('.ptree-val').click();
        await page.getByRole('textbox', { name: 'New value of PeriodicInformInterval' }).fill('soon');
        await row(page, PERIODIC).getByRole('alert').waitFor();
        assert.equal(await scrollsSideways(page), false, `${viewport} ${colorScheme}: editing`);
        await page.locator('.ptree-panel').scrollIntoViewIfNeeded();
        await screenshot(page, 'tree-error', opts);
        await page.getByRole('textbox', { name: 'New value of PeriodicInformInterval' }).press('Escape');
        await searchBox(page).fill('SSID.1.SSID');
        await row(page, SSID).waitFor();
        await screenshot(page, 'tree-diff', opts);
        await page.getByRole('button', { name: 'Discard' }).click();
        assert.deepEqual(errors, []);
        await context.close();
      }
    }
  });
});

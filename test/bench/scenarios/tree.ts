// Scenario 'tree': the device page's parameter tree in Chromium against `serve`, for one device
// of 5,000+ parameters (a simulated CPE built from a real dump in ../shared/cwmp/datamodels, or
// a generated model of the same size when the dumps are absent), bootstrapped and refreshed
// the way an installer's first Refresh does. Measured in the page (performance.now(), after the
// frame that shows the rows):
// - open: a click on the Parameters tab (from the Tasks tab, fresh tab each time: nothing
//   cached) -> the tree's first rows painted; it includes fetching every row and building the tree;
// - search: the search box's input event -> the first match revealed (its objects opened, the
//   row painted and marked current). No debounce: the search runs on every keystroke.
// No assertion: figures only (targets: open < 300 ms, search < 100 ms).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { deviceIdOf } from '../../../electron/core/store/index.ts';
import { deviceIdentity, loadCsvModel, startSimulator, type DeviceModel } from '../../../electron/simulator/index.ts';
import { buildTree, searchTree } from '../../../renderer/src/pages/device/tree/tree-model.ts';
import type { ParameterRow } from '../../../shared/models.ts';
import { chromiumPath, launchChromium, viewports, webRoot } from '../../helpers/browser.ts';
import { ApiClient } from '../lib/api-client.ts';
import type { BenchOptions } from '../lib/options.ts';
import { cpeAuthArgs, repoRoot, startServe } from '../lib/processes.ts';
import { round, summarise, type LatencySummary } from '../lib/stats.ts';

const DUMP_FILE = 'device-1C61B4-XX230v-22275A7000395-2023-04-27T154050686Z.csv';
const DUMP = resolve(repoRoot, '../shared/cwmp/datamodels', DUMP_FILE);

export interface TreeResult {
  skipped: string | null;
  /** Where the device's model came from: the dump's file name, or 'generated'. */
  model: string;
  /** Stored rows (objects and parameters) and parameters of the device. */
  rows: number;
  parameters: number;
  /** Click on the Parameters tab -> first tree rows painted (fresh tab each sample). */
  openMs: LatencySummary | null;
  /** Input event in the tree's search box -> the first match revealed and painted. */
  searchMs: LatencySummary | null;
}

/** A TR-181 model of about 5,000 parameters, for machines without the real dumps. */
function generatedModel(): DeviceModel {
  const lines = ['Parameter,Object,Writable,Value,Value type', 'Device,true,false,,'];
  const add = (path: string, value: string, type = 'xsd:string', writable = false): void => {
    lines.push(`${path},false,${writable},${value},${type}`);
  };
  const identity = [
    ['Manufacturer', 'Bench'],
    ['ManufacturerOUI', '0A1B2C'],
    ['ProductClass', 'TREE-5K'],
    ['SerialNumber', 'TREE00001'],
    ['ModelName', 'Tree 5K'],
    ['SoftwareVersion', '1.0'],
  ] as const;
  for (const [name, value] of identity) add(`Device.DeviceInfo.${name}`, value);
  add('Device.ManagementServer.PeriodicInformInterval', '300', 'xsd:unsignedInt', true);
  lines.push('Device.Hosts.Host,true,false,,');
  for (let i = 1; i <= 840; i++) {
    lines.push(`Device.Hosts.Host.${i},true,false,,`);
    add(`Device.Hosts.Host.${i}.HostName`, `host-${i}`);
    add(`Device.Hosts.Host.${i}.IPAddress`, `192.168.${i >> 8}.${i & 255}`);
    add(
      `Device.Hosts.Host.${i}.PhysAddress`,
      `02:00:00:00:${((i >> 8) & 255).toString(16).padStart(2, '0')}:${(i & 255).toString(16).padStart(2, '0')}`,
    );
    add(`Device.Hosts.Host.${i}.Active`, String(i % 3 !== 0), 'xsd:boolean');
    add(`Device.Hosts.Host.${i}.LeaseTimeRemaining`, String(i * 60), 'xsd:int');
    add(`Device.Hosts.Host.${i}.Layer2Interface`, `Device.Ethernet.Interface.${(i % 4) + 1}.`);
  }
  return loadCsvModel(`${lines.join('\n')}\n`);
}

// In the page from its first script on (a string: tsx's helpers must not leak into the page).
const probe = `
window.__tree = {
  inputAt: 0,
  /** Resolves with the time after the frame in which check() first holds (checked on DOM changes). */
  when(check) {
    return new Promise((resolve) => {
      const done = () => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0));
      if (check()) return done();
      const mo = new MutationObserver(() => { if (check()) { mo.disconnect(); done(); } });
      mo.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['class'] });
    });
  },
};
document.addEventListener('input', (e) => {
  if (e.target instanceof Element && e.target.matches('.ptree-search-input')) window.__tree.inputAt = performance.now();
}, true);
`;

/** A fresh tab on the device's Tasks tab; then the click on Parameters -> first rows painted. */
async function openOnce(
  browser: Browser,
  apiUrl: string,
  token: string,
  deviceId: string,
): Promise<{ page: Page; ms: number; close(): Promise<void> }> {
  const context = await browser.newContext({ viewport: viewports.wide });
  await context.addInitScript(probe);
  const page = await context.newPage();
  await page.goto(`${apiUrl}/#token=${token}`);
  for (let i = 0; i < 400 && page.url().includes('token='); i++) await page.waitForTimeout(25);
  await page.evaluate(`location.hash = ${JSON.stringify(`#/devices/${encodeURIComponent(deviceId)}?tab=tasks`)}`);
  const tab = page.getByRole('tab', { name: 'Parameters' });
  await tab.waitFor();
  await page.getByRole('tabpanel').waitFor();
  const ms = await page.evaluate<number>(`(() => {
    const tab = [...document.querySelectorAll('[role=tab]')].find((t) => t.textContent === 'Parameters');
    const t0 = performance.now();
    const shown = window.__tree.when(() => document.querySelector('.ptree-row') !== null);
    tab.click();
    return shown.then((t) => t - t0);
  })()`);
  return { page, ms, close: () => context.close() };
}

/** Types a query into the tree's search box: input event -> the expected first match current and painted. */
async function searchOnce(page: Page, query: string, expected: string): Promise<number> {
  const shown = page.evaluate<number>(`window.__tree.when(() =>
    document.querySelector('.ptree-row.current .ptree-name')?.getAttribute('title') === ${JSON.stringify(expected)})`);
  await page.getByRole('searchbox', { name: 'Search parameters' }).fill(query);
  const end = await shown;
  return end - (await page.evaluate<number>('window.__tree.inputAt'));
}

/** Queries of varied breadth (names that match once to hundreds of times), each with a new first match. */
function queries(rows: ParameterRow[], count: number): { query: string; expected: string }[] {
  const model = buildTree(rows);
  const names = [...new Set(model.order.filter((n) => !n.object).map((n) => n.name))];
  const out: { query: string; expected: string }[] = [];
  let last = '';
  for (let k = 0; out.length < count && k < names.length * 2; k++) {
    const name = names[(k * 7919 + 11) % names.length] ?? '';
    const query = k % 3 === 0 ? name.slice(0, Math.max(3, name.length - 3)) : name;
    const first = searchTree(model, query).matches[0]?.path ?? '';
    if (first === '' || first === last) continue;
    out.push({ query, expected: first });
    last = first;
  }
  return out;
}

export async function runTree(o: BenchOptions, log: (line: string) => void): Promise<TreeResult> {
  const skip = (why: string): TreeResult => {
    log(`  skipped: ${why}`);
    return { skipped: why, model: '', rows: 0, parameters: 0, openMs: null, searchMs: null };
  };
  if (!existsSync(join(webRoot, 'index.html'))) return skip(`the web UI is not built (${webRoot}): npm run build`);
  if (!existsSync(chromiumPath)) return skip(`Chromium not found at ${chromiumPath}`);
  const fromDump = existsSync(DUMP);
  const model = fromDump ? loadCsvModel(readFileSync(DUMP, 'utf8')) : generatedModel();
  const dataDir = mkdtempSync(join(tmpdir(), 'deskacs-bench-tree-'));
  const serve = await startServe(dataDir, cpeAuthArgs('none'));
  const api = new ApiClient(serve.apiUrl, serve.token);
  let browser: Browser | undefined;
  try {
    // The device informs, then its whole tree is read (GetParameterNames + GetParameterValues).
    const sim = await startSimulator({
      acsUrl: serve.cwmpUrl,
      model,
      serial: 'TREE5K0001',
      autoSessions: false,
      connectionRequest: false,
      timeoutMs: 120_000,
    });
    const deviceId = deviceIdOf(deviceIdentity(sim.model));
    try {
      const boot = await sim.runSession();
      if (!boot.ok) throw new Error(`bootstrap failed: ${boot.error ?? '?'}`);
      const queued = await api.post(`/api/devices/${encodeURIComponent(deviceId)}/tasks`, { task: { name: 'refresh', path: '' } });
      if (queued.status !== 200) throw new Error(`queueing the refresh failed: HTTP ${queued.status}`);
      const report = await sim.runSession(['6 CONNECTION REQUEST']);
      if (!report.ok) throw new Error(`the refresh session failed: ${report.error ?? '?'}`);
    } finally {
      await sim.close();
    }
    const stored = await api.get(`/api/devices/${encodeURIComponent(deviceId)}/parameters`);
    const rows = Array.isArray(stored.json) ? (stored.json as ParameterRow[]) : [];
    const parameters = rows.filter((r) => !r.object).length;
    log(`  ${fromDump ? DUMP_FILE : 'generated model'}: ${rows.length} rows stored, ${parameters} parameters`);

    browser = await launchChromium();
    const samples = o.quick ? 3 : 10;
    const opens: number[] = [];
    let last: Awaited<ReturnType<typeof openOnce>> | undefined;
    // One warm-up tab (the browser's first page load compiles the bundle), then the samples.
    for (let i = 0; i <= samples; i++) {
      await last?.close();
      last = await openOnce(browser, serve.apiUrl, serve.token, deviceId);
      if (i > 0) opens.push(last.ms);
    }
    if (last === undefined) throw new Error('no tab');
    const page = last.page;
    const searches: number[] = [];
    const warmup = 3;
    const list = queries(rows, warmup + (o.quick ? 6 : 20));
    for (const [k, q] of list.entries()) {
      const ms = await searchOnce(page, q.query, q.expected);
      if (k >= warmup) searches.push(ms);
    }
    await last.close();
    const result: TreeResult = {
      skipped: null,
      model: fromDump ? DUMP_FILE : 'generated',
      rows: rows.length,
      parameters,
      openMs: summarise(opens),
      searchMs: summarise(searches),
    };
    const line = (label: string, s: LatencySummary): void =>
      log(`    ${label}: p50 ${round(s.p50Ms)} ms, p99 ${round(s.p99Ms)} ms, max ${round(s.maxMs)} ms (${s.count} samples)`);
    line('open, Parameters tab click -> first rows', summarise(opens));
    line('search, input -> first match revealed', summarise(searches));
    return result;
  } finally {
    await browser?.close();
    api.close();
    await serve.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

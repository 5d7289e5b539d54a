// Scenario 'ui': the built web UI in Chromium against `serve` with the fleet's 100,000 devices.
// Measured in the page (performance.now(), after the frame that shows the rows):
// - first render from navigation start (fresh tab: bundle, sign-in, first page of rows);
// - first render after a route change (another page -> the Devices page, a list not cached);
// - search to rows: from the search box's input event to the matching rows shown, typing a
//   serial prefix; the 60 ms debounce of the box is part of it, as the user waits for it too.
// No assertion: figures only (targets: first render < 300 ms, search p99 < 150 ms).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { chromiumPath, launchChromium, viewports, webRoot } from '../../helpers/browser.ts';
import { fleetDatabase, fleetSerial } from '../lib/fleet-data.ts';
import type { BenchOptions } from '../lib/options.ts';
import { cpeAuthArgs, startServe } from '../lib/processes.ts';
import { round, summarise, type LatencySummary } from '../lib/stats.ts';
import { countStored } from '../lib/stored.ts';

export interface UiResult {
  skipped: string | null;
  devices: number;
  /** Navigation start -> first rows painted, one fresh tab per sample. */
  firstRenderMs: LatencySummary | null;
  /** Route change (from another page) -> first rows painted. */
  routeChangeMs: LatencySummary | null;
  /** Input event in the search box -> only matching rows painted. */
  searchMs: LatencySummary | null;
  searches: number;
}

const TABS = 5;
const ROUTE_CHANGES = 10;
const SEARCH_WARMUP = 3;

// In the page from its first script on (a string: tsx's helpers must not leak into the page).
const probe = `
window.__bench = {
  inputAt: 0,
  /** Resolves with the time after the frame in which check() first holds (checked on DOM changes). */
  when(check, characterData = false) {
    return new Promise((resolve) => {
      const done = () => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0));
      if (check()) return done();
      const mo = new MutationObserver(() => { if (check()) { mo.disconnect(); done(); } });
      mo.observe(document, { subtree: true, childList: true, characterData });
    });
  },
  rows() { return [...document.querySelectorAll('.dev-body .col-serial')].map((e) => e.textContent || ''); },
};
// Cheap on every DOM change of the boot, so the probe does not slow what it measures.
window.__bench.firstRows = window.__bench.when(() => document.querySelector('.dev-body .col-serial') !== null);
document.addEventListener('input', (e) => {
  if (e.target instanceof Element && e.target.matches('.dev-search')) window.__bench.inputAt = performance.now();
}, true);
`;

async function freshTab(
  browser: Browser,
  apiUrl: string,
  token: string,
): Promise<{ page: Page; firstRows: number; close(): Promise<void> }> {
  const context = await browser.newContext({ viewport: viewports.wide });
  await context.addInitScript(probe);
  const page = await context.newPage();
  // The token link signs in; the app then opens its home page, the device list.
  await page.goto(`${apiUrl}/#token=${token}`);
  const firstRows = await page.evaluate<number>('window.__bench.firstRows');
  return { page, firstRows, close: () => context.close() };
}

/** Another page, then the device list in an order not cached yet: the time to its first rows. */
async function routeChange(page: Page, hash: string): Promise<number> {
  await page.evaluate(`location.hash = '#/bench-elsewhere'`);
  await page.locator('.dev-body').waitFor({ state: 'detached' });
  return page.evaluate<number>(`(() => {
    const t0 = performance.now();
    const shown = window.__bench.when(() => document.querySelector('.dev-body .col-serial') !== null);
    location.hash = ${JSON.stringify(hash)};
    return shown.then((t) => t - t0);
  })()`);
}

/** Types a serial prefix into the search box: input event -> only rows starting with it. */
async function search(page: Page, prefix: string): Promise<number> {
  const shown = page.evaluate<number>(`window.__bench.when(() => {
    const rows = window.__bench.rows();
    return rows.length > 0 && rows.every((s) => s.startsWith(${JSON.stringify(prefix)}));
  }, true)`);
  await page.getByRole('searchbox', { name: 'Search devices' }).fill(prefix);
  const end = await shown;
  return end - (await page.evaluate<number>('window.__bench.inputAt'));
}

export async function runUi(o: BenchOptions, log: (line: string) => void): Promise<UiResult> {
  const searches = o.quick ? 5 : 20;
  const skip = (why: string): UiResult => {
    log(`  skipped: ${why}`);
    return { skipped: why, devices: 0, firstRenderMs: null, routeChangeMs: null, searchMs: null, searches: 0 };
  };
  if (!existsSync(join(webRoot, 'index.html'))) return skip(`the web UI is not built (${webRoot}): npm run build`);
  if (!existsSync(chromiumPath)) return skip(`Chromium not found at ${chromiumPath}`);
  const db = fleetDatabase(o.fleetDevices, log);
  const devices = countStored(db.dbPath).devices;
  log(`  ${devices} devices (${db.cached ? 'cached database' : 'populated'})`);
  const serve = await startServe(db.dataDir, cpeAuthArgs('none'));
  const browser = await launchChromium();
  try {
    const first: number[] = [];
    let tab: Awaited<ReturnType<typeof freshTab>> | undefined;
    for (let i = 0; i < TABS; i++) {
      await tab?.close();
      tab = await freshTab(browser, serve.apiUrl, serve.token);
      first.push(tab.firstRows);
    }
    if (tab === undefined) throw new Error('no tab');
    const page = tab.page;
    const orders = ['serialNumber', 'ipAddress', 'modelName', 'softwareVersion', 'manufacturer'].flatMap((sort) => [
      `${sort}&order=asc`,
      `${sort}&order=desc`,
    ]);
    const routes: number[] = [];
    for (const order of orders.slice(0, ROUTE_CHANGES)) routes.push(await routeChange(page, `#/devices?sort=${order}`));

    await page.evaluate(`location.hash = '#/devices'`);
    await page.locator('.dev-body [role=row]').first().waitFor();
    const samples: number[] = [];
    for (let k = 0; k < SEARCH_WARMUP + searches; k++) {
      // 10 of a serial's 11 characters: ten devices (FLT0001234x), a new set each time.
      const i = (k * 7919 + 13) % Math.max(1, devices);
      const ms = await search(page, fleetSerial(i).slice(0, 10));
      if (k >= SEARCH_WARMUP) samples.push(ms);
    }
    await tab.close();
    const result: UiResult = {
      skipped: null,
      devices,
      firstRenderMs: summarise(first),
      routeChangeMs: summarise(routes),
      searchMs: summarise(samples),
      searches: samples.length,
    };
    const line = (label: string, s: LatencySummary): void =>
      log(`    ${label}: p50 ${round(s.p50Ms)} ms, p99 ${round(s.p99Ms)} ms, max ${round(s.maxMs)} ms (${s.count} samples)`);
    line('first render, navigation start -> rows', summarise(first));
    line('first render, route change -> rows', summarise(routes));
    line('search as you type -> matching rows (incl. 60 ms debounce)', summarise(samples));
    return result;
  } finally {
    await browser.close();
    await serve.stop();
  }
}

// Chromium for end-to-end tests: Debian's browser through playwright-core, pages opened on a
// harness's web UI with its token, and screenshots at the sizes and themes the app is designed
// for (saved under DESKACS_SCREENSHOTS, default test-results/screenshots).
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const repoRoot = resolve(new URL('../..', import.meta.url).pathname);
export const webRoot = join(repoRoot, 'dist', 'renderer');
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const screenshotDir = process.env.DESKACS_SCREENSHOTS ?? join(repoRoot, 'test-results', 'screenshots');

/** Why browser tests cannot run here, or false when they can. */
export const browserSkip: string | false = !existsSync(join(webRoot, 'index.html'))
  ? `the web UI is not built (${webRoot}); run npm run build`
  : !existsSync(chromiumPath)
    ? `Chromium not found at ${chromiumPath} (apt-get install chromium)`
    : false;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const viewports = {
  wide: { width: 1440, height: 900 },
  narrow: { width: 1024, height: 700 },
} as const;

export interface OpenOptions {
  viewport?: keyof typeof viewports;
  colorScheme?: 'light' | 'dark';
  /** Runs on the new context before the app is opened (grant permissions, add init scripts). */
  beforeOpen?: (context: BrowserContext) => Promise<void>;
}

/** A fresh context (own storage) and page signed in with the token link, errors collected. */
export async function openApp(
  browser: Browser,
  apiUrl: string,
  token: string,
  hashPath = '/devices',
  opts: OpenOptions = {},
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: viewports[opts.viewport ?? 'wide'], colorScheme: opts.colorScheme ?? 'light' });
  await opts.beforeOpen?.(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  // The token link signs in; the app then drops the token from the address bar.
  await page.goto(`${apiUrl}/#token=${token}`);
  // Waits from Node: a polling waitForFunction is an eval, which the app's CSP refuses.
  for (let i = 0; i < 1200 && page.url().includes('token='); i++) await page.waitForTimeout(25);
  if (page.url().includes('token=')) throw new Error('the app did not take the token from the address');
  await page.evaluate(`location.hash = ${JSON.stringify(`#${hashPath}`)}`);
  return { context, page, errors };
}

/** Saves `<name>-<viewport>-<scheme>.png`; returns its path. */
export async function screenshot(page: Page, name: string, opts: OpenOptions = {}): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}-${opts.viewport ?? 'wide'}-${opts.colorScheme ?? 'light'}.png`);
  await page.screenshot({ path });
  return path;
}

/** True when the page scrolls sideways (the app must not at 1024 px). */
export function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate<boolean>('document.documentElement.scrollWidth > document.documentElement.clientWidth + 1');
}

/** Every look a screen is checked in: 1440x900 and 1024x700, light and dark. */
export const allLooks: readonly OpenOptions[] = [
  { viewport: 'wide', colorScheme: 'light' },
  { viewport: 'wide', colorScheme: 'dark' },
  { viewport: 'narrow', colorScheme: 'light' },
  { viewport: 'narrow', colorScheme: 'dark' },
];

export interface EachLookOptions {
  /** Runs after each resize and theme change (e.g. to scroll what is shown into view). */
  prepare?: () => Promise<void>;
  /** Assert no sideways page scroll at 1024 px (default true). */
  checkSideways?: boolean;
  /** Wait this long before the screenshot (charts that follow their container's width). */
  settleMs?: number;
}

/** A screenshot of the page in every look; the page is left wide and light. */
export async function screenshotEachLook(page: Page, name: string, opts: EachLookOptions = {}): Promise<void> {
  for (const look of allLooks) {
    await page.setViewportSize(look.viewport === 'narrow' ? { width: 1024, height: 700 } : { width: 1440, height: 900 });
    await page.emulateMedia({ colorScheme: look.colorScheme ?? 'light' });
    await opts.prepare?.();
    if (opts.settleMs !== undefined) await page.waitForTimeout(opts.settleMs);
    await screenshot(page, name, look);
    if (opts.checkSideways !== false && look.viewport === 'narrow') {
      if (await scrollsSideways(page)) throw new Error(`${name}: the page scrolls sideways at 1024 px`);
    }
  }
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.emulateMedia({ colorScheme: 'light' });
}

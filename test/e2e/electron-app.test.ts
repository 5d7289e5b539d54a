// Smoke test of the desktop app itself: the built app in Electron (playwright-core's _electron),
// its own data folder and a free CWMP port, the renderer reaching the core over the preload's IPC
// bridge, and a simulated CPE showing up through that path. Needs an Electron binary, which the
// electron package downloads on first use (`npm start` on a networked machine); where there is
// none the whole suite is skipped, visibly (scripts/test-reporter.mjs counts the skipped suite).
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { electronEnv, installedElectron } from '../../scripts/electron-app.mjs';
import { ensureElectronNative } from '../../scripts/electron-native.mjs';
import { startSimulator, type SimulatorHandle } from '../../electron/simulator/index.ts';
import type { ApiResponse } from '../../shared/bridge.ts';
import type { CpeAuthSettings, DeviceSummary, Page as ResultPage, ServerInfo } from '../../shared/models.ts';

const repoRoot = resolve(new URL('../..', import.meta.url).pathname);
const electronPath = installedElectron(repoRoot);
const builtFiles = ['dist/main/main.cjs', 'dist/preload/preload.cjs', 'dist/renderer/index.html'];
const notBuilt = builtFiles.find((f) => !existsSync(join(repoRoot, f)));
const skip =
  electronPath === null
    ? 'no Electron binary in node_modules/electron/dist (it is downloaded on the first `npm start`, which needs the network)'
    : notBuilt !== undefined
      ? `the app is not built (${notBuilt} is missing); run npm run build`
      : false;

/** Calls a contract method through the preload's window.acs, as the renderer does. */
async function viaIpc<T>(page: Page, method: string, args: object = {}): Promise<T> {
  // A string, not a function: tsx's helpers do not exist in the page (see stack-notes.md).
  const response = (await page.evaluate(`window.acs[${JSON.stringify(method)}](${JSON.stringify(args)})`)) as ApiResponse<T>;
  if (!response.ok) assert.fail(`${method} over IPC failed: ${response.error.code}: ${response.error.message}`);
  return response.value;
}

describe('desktop app in Electron (IPC path)', { skip }, () => {
  let app: ElectronApplication;
  let page: Page;
  let dataDir: string;
  let sim: SimulatorHandle | undefined;
  const pageErrors: string[] = [];

  before(async () => {
    assert.ok(electronPath !== null);
    const nativeBinding = ensureElectronNative({ root: repoRoot, electronPath, log: () => {} });
    dataDir = mkdtempSync(join(tmpdir(), 'deskacs-electron-'));
    app = await _electron.launch({
      executablePath: electronPath,
      args: [repoRoot],
      cwd: repoRoot,
      env: electronEnv(process.env, {
        DESKACS_DATA: dataDir,
        DESKACS_CWMP_PORT: '0',
        DESKACS_NATIVE_BINDING: nativeBinding,
      }) as Record<string, string>,
      timeout: 60_000,
    });
    page = await app.firstWindow({ timeout: 30_000 });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.waitForLoadState('domcontentloaded');
  });

  after(async () => {
    await sim?.close();
    await app?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  test('the window loads the built renderer and shows the server info it got over IPC', async () => {
    assert.match(page.url(), /^file:.*dist\/renderer\/index\.html/);
    const info = await viaIpc<ServerInfo>(page, 'serverInfo');
    const port = new URL(info.cwmpUrl).port;
    assert.notEqual(port, '7547', 'DESKACS_CWMP_PORT=0 picks a free port');
    assert.equal(resolve(info.dataDir), resolve(dataDir), 'DESKACS_DATA is the data folder');
    // The renderer asked for the same serverInfo at start; what it shows carries the port.
    await page.waitForFunction(`document.body.innerText.includes(':${port}')`, undefined, { timeout: 15_000 });
    assert.deepEqual(pageErrors, []);
  });

  test('a CPE that informs the app is listed over IPC and shown in the window', async () => {
    const info = await viaIpc<ServerInfo>(page, 'serverInfo');
    const auth = await viaIpc<CpeAuthSettings>(page, 'getCpeAuth');
    const acsUrl = `http://127.0.0.1:${new URL(info.cwmpUrl).port}/`;
    sim = await startSimulator({ acsUrl, model: 'tr181', serial: 'ELECTRON-0001', username: auth.username, password: auth.password });
    await sim.idle();
    if (sim.sessions.length === 0) await sim.runSession();
    const devices = await viaIpc<ResultPage<DeviceSummary>>(page, 'listDevices');
    assert.ok(
      devices.items.some((d) => JSON.stringify(d).includes('ELECTRON-0001')),
      JSON.stringify(devices.items),
    );
    await page.getByText('ELECTRON-0001').first().waitFor({ timeout: 15_000 });
    assert.deepEqual(pageErrors, []);
  });
});

// Electron main process: lifecycle only. Starts the core (CWMP listener + SQLite store) with
// desktop defaults, wires the contract to IPC, opens the window and closes the core on quit.
import { app, BrowserWindow, dialog, ipcMain, session } from 'electron';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ipcEventChannel } from '../../shared/bridge.ts';
import { createAcs } from '../core/acs.ts';
import type { Acs, Logger } from '../core/acs-types.ts';
import { openLogFiles } from '../core/logs.ts';
import type { AccessLogSink } from '../core/cwmp/access-log.ts';
import { dataDirOverride, defaultCwmpPort, desktopConfig, startFailureHint } from './desktop-config.ts';
import { forwardEvents, registerIpcHandlers } from './ipc.ts';
import { isTrustedRendererUrl } from './security.ts';
import { createMainWindow, hardenSession, hardenWebContents } from './window.ts';

/** How long quitting waits for the core to close (end sessions, checkpoint SQLite). */
const closeTimeoutMs = 5_000;

async function main(): Promise<void> {
  // DESKACS_DATA moves everything (store, logs, Chromium's profile, the single-instance lock):
  // a second, separate instance for tests or a portable setup. Must precede the lock.
  const dataOverride = dataDirOverride(process.env);
  if (dataOverride !== null) app.setPath('userData', resolve(dataOverride));
  if (!app.requestSingleInstanceLock()) {
    // Another DeskACS owns port 7547 and the data folder: hand over to it (second-instance).
    app.quit();
    return;
  }
  app.setAppUserModelId('com.deskacs.app');
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  await app.whenReady();

  const appPath = app.getAppPath();
  const rendererIndexPath = join(appPath, 'dist/renderer/index.html');
  const devServerUrl = !app.isPackaged ? (process.env['DESKACS_DEV_SERVER_URL'] ?? null) : null;
  const where = { rendererFileUrl: pathToFileURL(rendererIndexPath).href, devServerUrl };
  hardenSession(session.defaultSession, where);

  const dataDir = app.getPath('userData');
  const { log, accessLog, flush } = openLogFiles(dataDir, { console: (line) => console.log(line) });
  const acs = await startCore(dataDir, log, accessLog);
  if (acs === null) return;

  const disposeIpc = registerIpcHandlers({
    ipcMain,
    api: acs.api,
    isTrustedSender: (url) => isTrustedRendererUrl(url, where),
  });
  const stopEvents = forwardEvents(acs.events, (name, payload) => {
    // The preload checks the shape of this AcsEventMessage before handing the payload on.
    for (const win of BrowserWindow.getAllWindows()) win.webContents.send(ipcEventChannel, { name, payload });
  });
  manageWindows(() => createMainWindow({ preloadPath: join(appPath, 'dist/preload/preload.cjs'), rendererIndexPath, devServerUrl }));
  closeOnQuit(async () => {
    stopEvents();
    disposeIpc();
    await withTimeout(acs.close(), closeTimeoutMs);
    log.info('core closed');
    await withTimeout(flush(), closeTimeoutMs);
  }, log);
}

/** Starts the core; on failure tells the user why and exits (returns null). */
async function startCore(dataDir: string, log: Logger, accessLog: AccessLogSink): Promise<Acs | null> {
  let cwmpPort = defaultCwmpPort;
  try {
    const config = desktopConfig({ dataDir, log, accessLog, env: process.env, isPackaged: app.isPackaged });
    cwmpPort = config.cwmpPort;
    const acs = await createAcs(config);
    log.info('core started', {
      cwmpUrl: acs.info.cwmpUrl,
      dataDir: acs.info.dataDir,
      nativeBinding: config.nativeBinding ?? 'node_modules',
    });
    return acs;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    log.error('core failed to start', { error: message });
    const hint = startFailureHint(err, cwmpPort);
    dialog.showErrorBox('DeskACS could not start', hint === '' ? message : `${message}\n\n${hint}`);
    app.exit(1);
    return null;
  }
}

/** Opens the main window now, again on macOS dock activation, and focuses it for a 2nd launch. */
function manageWindows(openWindow: () => BrowserWindow): void {
  let mainWindow = openWindow();
  app.on('second-instance', () => {
    if (mainWindow.isDestroyed()) mainWindow = openWindow();
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  // macOS keeps apps alive without windows; the ACS keeps serving CPEs meanwhile.
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = openWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}

/** Holds the quit until `shutdown` finished (or failed), then quits for real. */
function closeOnQuit(shutdown: () => Promise<void>, log: Logger): void {
  let state: 'running' | 'closing' | 'closed' = 'running';
  app.on('before-quit', (event) => {
    if (state === 'closed') return;
    event.preventDefault();
    if (state === 'closing') return;
    state = 'closing';
    shutdown()
      .catch((err: unknown) => log.error('shutdown failed', { error: String(err) }))
      .finally(() => {
        state = 'closed';
        app.quit();
      });
  });
  // Ctrl-C or a service manager stopping `electron .`: same clean path as the Quit menu.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());
}

function withTimeout(work: Promise<void>, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    work.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

main().catch((err: unknown) => {
  console.error('DeskACS failed:', err);
  app.exit(1);
});

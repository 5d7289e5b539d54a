// The main window and the hardening applied to every web contents: isolated, sandboxed preload,
// navigation and window.open denied, external links only to allow-listed https hosts.
import type { BrowserWindowConstructorOptions, Session, WebContents } from 'electron';
import { BrowserWindow, shell } from 'electron';
import { isPermissionAllowed } from './permissions.ts';
import { devServerCsp, isAllowedExternalUrl, type RendererLocation } from './security.ts';

export interface WindowOptions {
  preloadPath: string;
  rendererIndexPath: string;
  devServerUrl: string | null;
}

export function createMainWindow(options: WindowOptions): BrowserWindow {
  const webPreferences = {
    preload: options.preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
  } satisfies BrowserWindowConstructorOptions['webPreferences'];
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 800,
    minHeight: 500,
    title: 'DeskACS',
    show: false,
    webPreferences,
  });
  win.once('ready-to-show', () => win.show());
  if (options.devServerUrl !== null) void win.loadURL(options.devServerUrl);
  else void win.loadFile(options.rendererIndexPath);
  return win;
}

/** Applied from app 'web-contents-created', so it covers every window and frame host. */
export function hardenWebContents(contents: WebContents): void {
  // The UI is a single page: any navigation is a bug or an attack (e.g. a dropped file or link).
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

/**
 * Session-wide policy: every permission denied (camera, geolocation, ...) but notifications for
 * the app's own renderer (permissions.ts), dev CSP if needed.
 */
export function hardenSession(session: Session, where: RendererLocation): void {
  session.setPermissionRequestHandler((contents, permission, callback, details) => {
    const url = details.requestingUrl === '' ? contents.getURL() : details.requestingUrl;
    callback(isPermissionAllowed({ permission, url, isMainFrame: details.isMainFrame }, where));
  });
  session.setPermissionCheckHandler((contents, permission, _origin, details) => {
    const url = details.requestingUrl === undefined || details.requestingUrl === '' ? contents?.getURL() : details.requestingUrl;
    return isPermissionAllowed({ permission, url, isMainFrame: details.isMainFrame }, where);
  });
  if (where.devServerUrl === null) return;
  const csp = devServerCsp(where.devServerUrl);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });
}

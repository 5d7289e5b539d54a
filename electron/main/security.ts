// URL policies of the desktop shell, pure so they are tested without Electron: which frames may
// call the API, which links may open in the user's browser, and the dev-server CSP.

/** https hosts `shell.openExternal` may open (docs and specs linked from the UI). */
export const externalHostAllowList: readonly string[] = ['github.com', 'www.broadband-forum.org', 'cwmp-data-models.broadband-forum.org'];

export interface RendererLocation {
  /** file:// URL of dist/renderer/index.html inside the app. */
  rendererFileUrl: string;
  /** Origin of the Vite dev server when running in development, else null. */
  devServerUrl: string | null;
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * True only for the app's own renderer: the exact index.html file (any hash/query), or a page of
 * the dev server's origin. Any other file://, http(s) or about: URL is refused.
 */
export function isTrustedRendererUrl(url: string, where: RendererLocation): boolean {
  const u = parse(url);
  if (!u) return false;
  if (u.protocol === 'file:') {
    const own = parse(where.rendererFileUrl);
    return own !== null && own.protocol === 'file:' && u.host === own.host && u.pathname === own.pathname;
  }
  if (where.devServerUrl === null) return false;
  const dev = parse(where.devServerUrl);
  return dev !== null && (u.protocol === 'http:' || u.protocol === 'https:') && u.origin === dev.origin;
}

/** True for https URLs on an allow-listed host, without credentials or an explicit odd port. */
export function isAllowedExternalUrl(url: string, allow: readonly string[] = externalHostAllowList): boolean {
  const u = parse(url);
  if (u?.protocol !== 'https:') return false;
  if (u.username !== '' || u.password !== '' || u.port !== '') return false;
  return allow.includes(u.hostname);
}

/**
 * CSP for the Vite dev server only: React refresh needs an inline preamble and a websocket.
 * The built renderer carries its strict CSP in a meta tag (see vite.config.ts).
 */
export function devServerCsp(devServerUrl: string): string {
  const dev = new URL(devServerUrl);
  const ws = `ws://${dev.host}`;
  return [
    "default-src 'none'",
    `script-src 'self' 'unsafe-inline'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src 'self' ${ws}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

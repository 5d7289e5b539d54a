// Which web permissions the desktop shell grants, pure so it is tested without Electron: only
// 'notifications' (desktop alerts, renderer/src/pages/alerts/use-alert-notifications.ts), and only
// to the app's own renderer page in its main frame. Everything else (camera, geolocation,
// clipboard, ...) and every other origin is denied, for requests and checks alike.
import { isTrustedRendererUrl, type RendererLocation } from './security.ts';

export const allowedPermissions: readonly string[] = ['notifications'];

export interface PermissionAsk {
  permission: string;
  /** The requesting frame's URL (Electron's details.requestingUrl, else the web contents' URL). */
  url: string | undefined;
  isMainFrame: boolean;
}

export function isPermissionAllowed(ask: PermissionAsk, where: RendererLocation): boolean {
  if (!allowedPermissions.includes(ask.permission)) return false;
  if (!ask.isMainFrame || ask.url === undefined) return false;
  return isTrustedRendererUrl(ask.url, where);
}

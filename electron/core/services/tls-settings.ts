// CWMP over TLS saved in Settings, for the desktop app (which has no command line) and serve
// alike: read when the ACS starts (serve's --tls-port takes precedence). A saved setting that
// cannot start (port taken, files gone) leaves DeskACS running on plain HTTP and says why.
import { AcsError } from '../../../shared/errors.ts';
import type { CwmpTlsSettings } from '../../../shared/models-reach.ts';
import type { AcsConfig } from '../acs-types.ts';
import type { Store } from '../store/index.ts';
import { type CwmpTls, loadPair, prepareCwmpTls } from '../tls/cwmp-tls.ts';

export const CWMP_TLS_SETTING = 'cwmpTls';

export interface SavedCwmpTls {
  port: number | null;
  certPath: string | null;
  keyPath: string | null;
}

/** What the ACS started with: the TLS config it used, from where, and why saved settings failed. */
export interface RunningCwmpTls {
  config: AcsConfig['tls'];
  source: CwmpTlsSettings['source'];
  url: string | null;
  startError: string | null;
}

const none: SavedCwmpTls = { port: null, certPath: null, keyPath: null };

function isSaved(v: unknown): v is SavedCwmpTls {
  if (typeof v !== 'object' || v === null) return false;
  const s = v as Record<string, unknown>;
  const path = (x: unknown): boolean => x === null || typeof x === 'string';
  return (s.port === null || (typeof s.port === 'number' && Number.isInteger(s.port))) && path(s.certPath) && path(s.keyPath);
}

export function savedCwmpTls(store: Store): SavedCwmpTls {
  return store.settings.get(CWMP_TLS_SETTING, isSaved) ?? none;
}

/** The TLS config the ACS starts with: the command line's, else the saved one, else none. */
export function startupTls(config: AcsConfig, store: Store): { config: AcsConfig['tls']; source: CwmpTlsSettings['source'] } {
  if (config.tls !== undefined) return { config: config.tls, source: 'command-line' };
  const saved = savedCwmpTls(store);
  if (saved.port === null) return { config: undefined, source: null };
  const files = saved.certPath !== null && saved.keyPath !== null ? { certPath: saved.certPath, keyPath: saved.keyPath } : {};
  return { config: { port: saved.port, ...files }, source: 'settings' };
}

/** Checks and saves new settings (they apply at the next start). */
export function saveCwmpTls(store: Store, next: SavedCwmpTls, cwmpPort: number): SavedCwmpTls {
  if (next.port !== null && next.port === cwmpPort) {
    throw new AcsError('bad_request', `port ${next.port} is the plain CWMP port; HTTPS needs a port of its own (e.g. 7548)`);
  }
  if (next.certPath !== null && next.keyPath !== null) {
    try {
      loadPair(next.certPath, next.keyPath);
    } catch (err) {
      throw new AcsError(
        'bad_request',
        `the certificate and key do not load as a PEM pair: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }
  store.settings.set(CWMP_TLS_SETTING, next);
  return next;
}

export function cwmpTlsView(saved: SavedCwmpTls, running: RunningCwmpTls): CwmpTlsSettings {
  const runs = running.config;
  const runningSaved: SavedCwmpTls =
    runs === undefined || running.url === null ? none : { port: runs.port, certPath: runs.certPath ?? null, keyPath: runs.keyPath ?? null };
  const differs =
    running.source === 'command-line'
      ? false
      : saved.port !== runningSaved.port || saved.certPath !== runningSaved.certPath || saved.keyPath !== runningSaved.keyPath;
  return {
    ...saved,
    runningUrl: running.url,
    source: running.url === null ? null : running.source,
    restartNeeded: differs,
    startError: running.startError,
  };
}

/** The startup TLS pair: the command line's must load (else the start fails); saved settings that do not load only turn TLS off. */
export function prepareStartupTls(config: AcsConfig, start: ReturnType<typeof startupTls>, failed: (why: string) => void): CwmpTls | null {
  if (start.source !== 'settings') return prepareCwmpTls(config);
  try {
    return prepareCwmpTls({ ...config, tls: start.config });
  } catch (err) {
    const why = `the certificate and key could not be loaded: ${err instanceof Error ? err.message : String(err)}`;
    config.log.warn('CWMP over TLS not started (saved settings)', { error: why });
    failed(why);
    return null;
  }
}

// The desktop app's AcsConfig and the environment variables it honours, pure (no 'electron'
// import) so they are tested without Electron. main.ts reads process.env and passes it here.
import type { AcsConfig, Logger } from '../core/acs-types.ts';
import type { AccessLogSink } from '../core/cwmp/access-log.ts';
import { defaultServeOptions } from '../core/config.ts';
import type { Env } from '../core/store/data-dir.ts';

/** CPEs on the LAN/WAN reach the ACS on the standard CWMP port (IANA registered 7547). */
export const defaultCwmpPort = 7547;

export interface DesktopConfigInput {
  dataDir: string;
  log: Logger;
  /** The CWMP access log (logs.ts). */
  accessLog?: AccessLogSink;
  env: Env;
  /** app.isPackaged: a packaged app loads the better-sqlite3 electron-builder rebuilt. */
  isPackaged: boolean;
}

/** The headless server's defaults, except that the desktop UI talks over IPC, not HTTP. */
export function desktopConfig(input: DesktopConfigInput): AcsConfig {
  return {
    dataDir: input.dataDir,
    cwmpHost: '0.0.0.0',
    cwmpPort: cwmpPortFrom(input.env),
    // The JSON API is for browser mode (`npm run serve`); the desktop window uses IPC.
    httpHost: defaultServeOptions.httpHost,
    httpPort: null,
    webRoot: null,
    sessionTimeoutMs: defaultServeOptions.sessionTimeoutMs,
    maxConcurrentSessions: defaultServeOptions.maxConcurrentSessions,
    // Devices behind NAT (TR-069 Annex G); a port already taken only turns STUN off.
    ...(defaultServeOptions.stunPort === null ? {} : { stun: { port: defaultServeOptions.stunPort } }),
    log: input.log,
    ...(input.accessLog === undefined ? {} : { accessLog: input.accessLog }),
    nativeBinding: input.isPackaged ? undefined : nonEmpty(input.env.DESKACS_NATIVE_BINDING),
    ...databaseRepairs(input.env),
  };
}

/** serve's --restore-db and --recover-db for the desktop app: DESKACS_RESTORE_DB=<file>, DESKACS_RECOVER_DB=1. */
function databaseRepairs(env: DesktopConfigInput['env']): Pick<AcsConfig, 'database'> {
  const restoreFrom = nonEmpty(env.DESKACS_RESTORE_DB);
  const recover = env.DESKACS_RECOVER_DB === '1';
  if (restoreFrom === undefined && !recover) return {};
  return { database: { ...(restoreFrom === undefined ? {} : { restoreFrom }), recover } };
}

/** DESKACS_CWMP_PORT overrides 7547 (0: any free port, for tests); anything else is refused. */
export function cwmpPortFrom(env: Env): number {
  const raw = nonEmpty(env.DESKACS_CWMP_PORT);
  if (raw === undefined) return defaultCwmpPort;
  const port = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || port > 65_535) {
    throw new Error(`DESKACS_CWMP_PORT must be a port number from 0 to 65535, not "${raw}"`);
  }
  return port;
}

/** DESKACS_DATA: the data folder, as for `npm run serve`; the desktop app makes it its userData. */
export function dataDirOverride(env: Env): string | null {
  return nonEmpty(env.DESKACS_DATA) ?? null;
}

/** Why the core failed to start, in words a user can act on (the error dialog's text). */
export function startFailureHint(err: unknown, cwmpPort: number): string {
  const code = err instanceof Error && 'code' in err ? err.code : undefined;
  if (code === 'EADDRINUSE') return `Another program (or another ACS) is using the CWMP port ${cwmpPort}.`;
  const text = err instanceof Error ? `${err.message} ${String(err.cause ?? '')}` : String(err);
  if (/NODE_MODULE_VERSION|did not self-register|invalid ELF header|not a valid Win32 application/.test(text)) {
    return 'better-sqlite3 was built for Node.js, not for Electron. Start the app with `npm start` or `npm run dev`, which build it for Electron into .electron-native/.';
  }
  return '';
}

function nonEmpty(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' ? value : undefined;
}

// Where the headless server keeps its data. The Electron app uses app.getPath('userData'),
// which resolves to the same folders; this is the same rule without Electron, kept pure.
import { posix, win32 } from 'node:path';

export type Env = Readonly<Record<string, string | undefined>>;

function set(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== '';
}

/** The per-user default: %APPDATA%\DeskACS, ~/Library/Application Support/DeskACS, $XDG_CONFIG_HOME/deskacs. */
export function defaultDataDir(platform: string, env: Env, homedir: string): string {
  if (platform === 'win32') {
    const appData = set(env.APPDATA) ? env.APPDATA : win32.join(homedir, 'AppData', 'Roaming');
    return win32.join(appData, 'DeskACS');
  }
  if (platform === 'darwin') return posix.join(homedir, 'Library', 'Application Support', 'DeskACS');
  // XDG Base Directory spec: a relative XDG_CONFIG_HOME is invalid and must be ignored.
  const xdg = env.XDG_CONFIG_HOME;
  const config = set(xdg) && xdg.startsWith('/') ? xdg : posix.join(homedir, '.config');
  return posix.join(config, 'deskacs');
}

export interface DataDirSources {
  /** The --data command line flag. */
  flag?: string | undefined;
  env: Env;
  platform: string;
  homedir: string;
}

/** --data beats DESKACS_DATA beats the platform default. */
export function resolveDataDir(sources: DataDirSources): string {
  if (set(sources.flag)) return sources.flag;
  const fromEnv = sources.env.DESKACS_DATA;
  if (set(fromEnv)) return fromEnv;
  return defaultDataDir(sources.platform, sources.env, sources.homedir);
}

/** The database file inside a data directory. */
export function storePath(dataDir: string, platform: string): string {
  return (platform === 'win32' ? win32 : posix).join(dataDir, 'deskacs.sqlite');
}

// Command-line options of the headless server, parsed without side effects.

export interface ServeOptions {
  dataDir: string | null;
  cwmpHost: string;
  cwmpPort: number;
  httpHost: string;
  httpPort: number;
  sessionTimeoutMs: number;
  maxConcurrentSessions: number;
  cpeAuth: {
    mode?: 'digest' | 'basic' | 'none';
    username?: string;
    password?: string;
    unknownDevices?: 'register' | 'refuse';
  };
  /** Keep the session inspector's log of plain periodic sessions too (costs ~2 WAL pages each). */
  logPeriodicSessions: boolean;
}

export const defaultServeOptions: ServeOptions = {
  dataDir: null,
  cwmpHost: '0.0.0.0',
  cwmpPort: 7547,
  httpHost: '127.0.0.1',
  httpPort: 7557,
  sessionTimeoutMs: 30_000,
  maxConcurrentSessions: 200,
  cpeAuth: {},
  logPeriodicSessions: false,
};

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const serveUsage = `Usage: npm run serve -- [options]
  --data DIR               data folder (default: DESKACS_DATA, else the OS app-data folder)
  --cwmp-port N            CWMP listener port for CPEs (default 7547, on 0.0.0.0)
  --cwmp-host ADDR         CWMP listener address (default 0.0.0.0)
  --http-port M            JSON API and web UI port (default 7557, on 127.0.0.1)
  --http-host ADDR         JSON API address (default 127.0.0.1)
  --session-timeout S      seconds of CPE silence before a session is dropped (default 30)
  --max-sessions N         concurrent CWMP sessions before new CPEs get 503 (default 200)
  --cpe-auth MODE          how CPEs authenticate: digest (default), basic or none
  --cpe-username U         the username CPEs use (saved; default generated on first start)
  --cpe-password P         the password CPEs use (saved; default generated on first start)
  --unknown-devices POLICY register (default) or refuse devices that were not pre-registered
  --log-periodic-sessions  keep the session inspector's log of plain periodic Informs too
                           (default: only sessions that did more than a periodic Inform)
  --help                   this text`;

export function parseServeArgs(argv: readonly string[]): ServeOptions | 'help' {
  const opts: ServeOptions = { ...defaultServeOptions, cpeAuth: {} };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--help' || arg === '-h') return 'help';
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--data':
        opts.dataDir = value();
        break;
      case '--cwmp-port':
        opts.cwmpPort = port(flag, value());
        break;
      case '--cwmp-host':
        opts.cwmpHost = value();
        break;
      case '--http-port':
        opts.httpPort = port(flag, value());
        break;
      case '--http-host':
        opts.httpHost = value();
        break;
      case '--session-timeout':
        opts.sessionTimeoutMs = positive(flag, value()) * 1000;
        break;
      case '--max-sessions':
        opts.maxConcurrentSessions = positive(flag, value());
        break;
      case '--cpe-auth':
        opts.cpeAuth.mode = oneOf(flag, value(), ['digest', 'basic', 'none'] as const);
        break;
      case '--cpe-username':
        opts.cpeAuth.username = value();
        break;
      case '--cpe-password':
        opts.cpeAuth.password = value();
        break;
      case '--log-periodic-sessions':
        opts.logPeriodicSessions = true;
        break;
      case '--unknown-devices':
        opts.cpeAuth.unknownDevices = oneOf(flag, value(), ['register', 'refuse'] as const);
        break;
      default:
        throw new UsageError(`unknown option ${arg}`);
    }
  }
  return opts;
}

function port(flag: string, raw: string): number {
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n > 65535) throw new UsageError(`${flag} must be a port number (0-65535), got '${raw}'`);
  return n;
}

function positive(flag: string, raw: string): number {
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1) throw new UsageError(`${flag} must be a positive whole number, got '${raw}'`);
  return n;
}

function oneOf<T extends string>(flag: string, raw: string, allowed: readonly T[]): T {
  const hit = allowed.find((a) => a === raw);
  if (hit === undefined) throw new UsageError(`${flag} must be one of ${allowed.join(', ')}, got '${raw}'`);
  return hit;
}

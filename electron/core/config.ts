// Command-line options of the headless server, parsed without side effects.

export interface ServeOptions {
  dataDir: string | null;
  cwmpHost: string;
  cwmpPort: number;
  httpHost: string;
  httpPort: number;
  sessionTimeoutMs: number;
  maxConcurrentSessions: number;
  /** Sessions one source address may hold; null: max(16, half of maxConcurrentSessions). */
  maxSessionsPerAddress: number | null;
  cpeAuth: {
    mode?: 'digest' | 'basic' | 'none';
    username?: string;
    password?: string;
    unknownDevices?: 'register' | 'refuse';
  };
  /** Keep the session inspector's log of plain periodic sessions too (costs ~2 WAL pages each). */
  logPeriodicSessions: boolean;
  /** Put this backup file in place of the database before starting (the current one is kept aside). */
  restoreDb: string | null;
  /** Recover a damaged database into a new one instead of refusing to start. */
  recoverDb: boolean;
  /** The STUN server's UDP port for devices behind NAT (TR-069 Annex G); null: off. */
  stunPort: number | null;
  /** CWMP over TLS: its port (null: off), and the operator's PEM certificate and key (else a local CA's). */
  tlsPort: number | null;
  tlsCert: string | null;
  tlsKey: string | null;
}

export const defaultServeOptions: ServeOptions = {
  dataDir: null,
  cwmpHost: '0.0.0.0',
  cwmpPort: 7547,
  httpHost: '127.0.0.1',
  httpPort: 7557,
  sessionTimeoutMs: 30_000,
  maxConcurrentSessions: 200,
  maxSessionsPerAddress: null,
  cpeAuth: {},
  logPeriodicSessions: false,
  restoreDb: null,
  recoverDb: false,
  stunPort: 3478,
  tlsPort: null,
  tlsCert: null,
  tlsKey: null,
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
  --max-sessions-per-address N
                           of those, how many one source address may hold (default: half, at
                           least 16; raise it when many CPEs reach DeskACS through one NAT)
  --cpe-auth MODE          how CPEs authenticate: digest (default), basic or none
  --cpe-username U         the username CPEs use (saved; default generated on first start)
  --cpe-password P         the password CPEs use (saved; default generated on first start)
  --unknown-devices POLICY register (default) or refuse devices that were not pre-registered
  --log-periodic-sessions  keep the session inspector's log of plain periodic Informs too
                           (default: only sessions that did more than a periodic Inform)
  --restore-db FILE        start from a database backup (e.g. <data>/db-backups/deskacs-....sqlite);
                           the current database is kept aside as deskacs.sqlite.before-restore-<time>
  --recover-db             if the database is damaged, keep it aside and copy every readable row
                           into a new one (the counts are logged) instead of refusing to start
  --stun-port N            UDP port of the built-in STUN server for devices behind NAT
                           (default 3478, on the CWMP address)
  --no-stun                no STUN server (and no UDP connection requests)
  --tls-port N             also serve CWMP over TLS (https) on this port (e.g. 7548); Basic CPE
                           authentication is then refused over plain HTTP unless allowed in settings
  --tls-cert FILE          the server certificate (PEM, chain included) for --tls-port; reloaded
  --tls-key FILE           when the files change. Without them a local CA in <data>/tls/ signs one
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
      case '--max-sessions-per-address':
        opts.maxSessionsPerAddress = positive(flag, value());
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
      case '--restore-db':
        opts.restoreDb = value();
        break;
      case '--recover-db':
        opts.recoverDb = true;
        break;
      case '--stun-port':
        opts.stunPort = port(flag, value());
        break;
      case '--no-stun':
        opts.stunPort = null;
        break;
      case '--tls-port':
        opts.tlsPort = port(flag, value());
        break;
      case '--tls-cert':
        opts.tlsCert = value();
        break;
      case '--tls-key':
        opts.tlsKey = value();
        break;
      case '--unknown-devices':
        opts.cpeAuth.unknownDevices = oneOf(flag, value(), ['register', 'refuse'] as const);
        break;
      default:
        throw new UsageError(`unknown option ${arg}`);
    }
  }
  if ((opts.tlsCert === null) !== (opts.tlsKey === null)) throw new UsageError('--tls-cert and --tls-key go together');
  if (opts.tlsCert !== null && opts.tlsPort === null) throw new UsageError('--tls-cert needs --tls-port');
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

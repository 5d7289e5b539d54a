// Command-line options of the headless server, parsed (util.parseArgs) without side effects.
import { type ParseArgsConfig, parseArgs } from 'node:util';

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

/** serve's options for util.parseArgs: every value option is a string, checked below. */
const serveFlags = {
  data: { type: 'string' },
  'cwmp-port': { type: 'string' },
  'cwmp-host': { type: 'string' },
  'http-port': { type: 'string' },
  'http-host': { type: 'string' },
  'session-timeout': { type: 'string' },
  'max-sessions': { type: 'string' },
  'max-sessions-per-address': { type: 'string' },
  'cpe-auth': { type: 'string' },
  'cpe-username': { type: 'string' },
  'cpe-password': { type: 'string' },
  'unknown-devices': { type: 'string' },
  'log-periodic-sessions': { type: 'boolean' },
  'restore-db': { type: 'string' },
  'recover-db': { type: 'boolean' },
  'stun-port': { type: 'string' },
  'no-stun': { type: 'boolean' },
  'tls-port': { type: 'string' },
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

type ServeFlags = ReturnType<typeof parseArgs<{ options: typeof serveFlags; strict: true }>>['values'];

export function parseServeArgs(argv: readonly string[]): ServeOptions | 'help' {
  const values = readFlags(argv);
  if (values.help === true) return 'help';
  const text = (name: keyof typeof serveFlags): string | undefined => {
    const v = values[name];
    if (typeof v !== 'string') return undefined;
    if (v === '') throw new UsageError(`--${name} needs a value`);
    return v;
  };
  const num = <T>(name: keyof typeof serveFlags, read: (flag: string, raw: string) => T, fallback: T): T => {
    const v = text(name);
    return v === undefined ? fallback : read(`--${name}`, v);
  };
  const d = defaultServeOptions;
  const cpeAuth: ServeOptions['cpeAuth'] = {};
  const mode = text('cpe-auth');
  if (mode !== undefined) cpeAuth.mode = oneOf('--cpe-auth', mode, ['digest', 'basic', 'none'] as const);
  const username = text('cpe-username');
  if (username !== undefined) cpeAuth.username = username;
  const password = text('cpe-password');
  if (password !== undefined) cpeAuth.password = password;
  const unknown = text('unknown-devices');
  if (unknown !== undefined) cpeAuth.unknownDevices = oneOf('--unknown-devices', unknown, ['register', 'refuse'] as const);
  const opts: ServeOptions = {
    dataDir: text('data') ?? d.dataDir,
    cwmpHost: text('cwmp-host') ?? d.cwmpHost,
    cwmpPort: num('cwmp-port', port, d.cwmpPort),
    httpHost: text('http-host') ?? d.httpHost,
    httpPort: num('http-port', port, d.httpPort),
    sessionTimeoutMs: num('session-timeout', positive, d.sessionTimeoutMs / 1000) * 1000,
    maxConcurrentSessions: num('max-sessions', positive, d.maxConcurrentSessions),
    maxSessionsPerAddress: num('max-sessions-per-address', positive, d.maxSessionsPerAddress),
    cpeAuth,
    logPeriodicSessions: values['log-periodic-sessions'] ?? d.logPeriodicSessions,
    restoreDb: text('restore-db') ?? d.restoreDb,
    recoverDb: values['recover-db'] ?? d.recoverDb,
    stunPort: values['no-stun'] === true ? null : num('stun-port', port, d.stunPort),
    tlsPort: num('tls-port', port, d.tlsPort),
    tlsCert: text('tls-cert') ?? d.tlsCert,
    tlsKey: text('tls-key') ?? d.tlsKey,
  };
  if ((opts.tlsCert === null) !== (opts.tlsKey === null)) throw new UsageError('--tls-cert and --tls-key go together');
  if (opts.tlsCert !== null && opts.tlsPort === null) throw new UsageError('--tls-cert needs --tls-port');
  return opts;
}

/** util.parseArgs, its errors turned into UsageErrors that name the option. */
function readFlags(argv: readonly string[]): ServeFlags {
  try {
    return parseArgs({ args: [...argv], options: serveFlags, strict: true, allowPositionals: false }).values;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const code = (err as { code?: string }).code;
    const flag = /'(-{1,2}[^' ]+)/.exec(message)?.[1] ?? '';
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(`unknown option ${flag}`);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && /argument missing|ambiguous/.test(message))
      throw new UsageError(`${flag.split(' ')[0]} needs a value`);
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL')
      throw new UsageError(`unexpected argument: ${message.replace(/^.*'(.*)'.*$/, '$1')}`);
    throw new UsageError(message);
  }
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

// A small structured logger: one line per record, human-readable on a terminal, appended to
// <data>/deskacs.log as JSON lines when a file is given (asynchronously, rotated by size:
// log-file.ts). Fields that name a secret are masked before anything is written.
import type { Logger } from './acs-types.ts';
import { createRotatingFile, type RotatingFile } from './log-file.ts';

type Level = 'info' | 'warn' | 'error';

export interface LoggerOptions {
  /** Where human-readable lines go; null for silence (tests). */
  console: ((line: string) => void) | null;
  file: string | null;
  /** Rotation of `file` (defaults: 10 MB, 5 kept). */
  maxFileBytes?: number;
  keepFiles?: number;
  minLevel?: Level;
}

export interface FileLogger extends Logger {
  /** Resolves once every record so far is on disk. */
  flush(): Promise<void>;
  /** Writes what is still queued, synchronously (at process exit). */
  flushSync(): void;
}

/** Field names whose values are never written: passwords, keys, tokens, Authorization headers. */
const SECRET_FIELD = /pass(word|wd|phrase)?$|secret|token|authorization|psk|presharedkey|^key$|wifikey|apikey/i;
export const MASK = '••••••';

/** A copy of `fields` with secret values masked (one level deep, and inside nested objects). */
export function redact(fields: Record<string, unknown>, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    if (SECRET_FIELD.test(k) && v !== null && v !== undefined && v !== '') out[k] = MASK;
    else if (depth < 3 && typeof v === 'object' && v !== null && !Array.isArray(v))
      out[k] = redact(v as Record<string, unknown>, depth + 1);
    else out[k] = v;
  }
  return out;
}

const rank: Record<Level, number> = { info: 0, warn: 1, error: 2 };

export function createLogger(opts: LoggerOptions): FileLogger {
  const min = rank[opts.minLevel ?? 'info'];
  const file: RotatingFile | null =
    opts.file === null ? null : createRotatingFile({ path: opts.file, maxBytes: opts.maxFileBytes, keep: opts.keepFiles });
  const write = (level: Level, msg: string, raw?: Record<string, unknown>): void => {
    if (rank[level] < min) return;
    const fields = raw === undefined ? undefined : redact(raw);
    const at = new Date().toISOString();
    if (opts.console !== null) {
      const extra =
        fields === undefined
          ? ''
          : ' ' +
            Object.entries(fields)
              .map(([k, v]) => `${k}=${format(v)}`)
              .join(' ');
      opts.console(`${at} ${level.toUpperCase().padEnd(5)} ${msg}${extra}`);
    }
    // A log that cannot be written must never take the ACS down: the file drops, never throws.
    file?.write(JSON.stringify({ at, level, msg, ...fields }));
  };
  return {
    info: (msg, fields) => write('info', msg, fields),
    warn: (msg, fields) => write('warn', msg, fields),
    error: (msg, fields) => write('error', msg, fields),
    flush: async () => file?.flush(),
    flushSync: () => file?.flushSync(),
  };
}

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };

function format(v: unknown): string {
  if (typeof v === 'string') return /\s/.test(v) ? JSON.stringify(v) : v;
  return JSON.stringify(v) ?? String(v);
}

// A small structured logger: one line per record, human-readable on a terminal, appended to
// <data>/deskacs.log as JSON lines when a file is given.
import { appendFileSync } from 'node:fs';
import type { Logger } from './acs-types.ts';

type Level = 'info' | 'warn' | 'error';

export interface LoggerOptions {
  /** Where human-readable lines go; null for silence (tests). */
  console: ((line: string) => void) | null;
  file: string | null;
  minLevel?: Level;
}

const rank: Record<Level, number> = { info: 0, warn: 1, error: 2 };

export function createLogger(opts: LoggerOptions): Logger {
  const min = rank[opts.minLevel ?? 'info'];
  const write = (level: Level, msg: string, fields?: Record<string, unknown>): void => {
    if (rank[level] < min) return;
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
    if (opts.file !== null) {
      try {
        appendFileSync(opts.file, JSON.stringify({ at, level, msg, ...fields }) + '\n');
      } catch {
        // A log that cannot be written must never take the ACS down.
      }
    }
  };
  return {
    info: (msg, fields) => write('info', msg, fields),
    warn: (msg, fields) => write('warn', msg, fields),
    error: (msg, fields) => write('error', msg, fields),
  };
}

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };

function format(v: unknown): string {
  if (typeof v === 'string') return /\s/.test(v) ? JSON.stringify(v) : v;
  return JSON.stringify(v) ?? String(v);
}

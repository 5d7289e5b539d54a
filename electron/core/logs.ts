// The two log files of a running DeskACS, in its data folder: deskacs.log (the application log,
// JSON lines) and cwmp-access.log (one line per HTTP request on the CWMP listener). Both are
// written asynchronously and rotated by size (log-file.ts); the desktop app and `serve` open them here.
import { join } from 'node:path';
import type { AccessLogSink } from './cwmp/access-log.ts';
import { createLogger, type FileLogger } from './log.ts';
import { createRotatingFile } from './log-file.ts';

export interface LogFiles {
  log: FileLogger;
  accessLog: AccessLogSink;
  /** Resolves once both files have everything written so far. */
  flush(): Promise<void>;
}

export interface LogFileOptions {
  /** Where human-readable lines of the application log also go (null: nowhere). */
  console: ((line: string) => void) | null;
  /** Per file, before it is rotated (default 10 MB), and rotated files kept (default 5). */
  maxFileBytes?: number;
  keepFiles?: number;
}

export const APP_LOG_FILE = 'deskacs.log';
export const ACCESS_LOG_FILE = 'cwmp-access.log';

export function openLogFiles(dataDir: string, opts: LogFileOptions): LogFiles {
  const rotation = { maxBytes: opts.maxFileBytes, keep: opts.keepFiles };
  const log = createLogger({
    console: opts.console,
    file: join(dataDir, APP_LOG_FILE),
    maxFileBytes: rotation.maxBytes,
    keepFiles: rotation.keep,
  });
  const access = createRotatingFile({ path: join(dataDir, ACCESS_LOG_FILE), ...rotation });
  process.once('exit', () => {
    log.flushSync();
    access.flushSync();
  });
  return {
    log,
    accessLog: (entry) => access.write(JSON.stringify(entry)),
    flush: async () => {
      await Promise.all([log.flush(), access.flush()]);
    },
  };
}

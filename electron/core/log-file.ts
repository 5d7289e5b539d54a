// An append-only log file written asynchronously and rotated by size: deskacs.log grows to
// `maxBytes`, then becomes deskacs.log.1 (the older ones shift to .2 ... .keep, the oldest is
// removed) and a new file starts. Lines are queued and written in batches, so a busy ACS never
// waits on the disk; a write that fails (disk full) is dropped, never thrown.
import { appendFileSync, statSync } from 'node:fs';
import { appendFile, rename, rm } from 'node:fs/promises';

export interface RotatingFileOptions {
  path: string;
  /** Rotate when the file would pass this size (default 10 MB). */
  maxBytes?: number;
  /** Rotated files kept beside the current one (default 5). */
  keep?: number;
  /** Lines queued beyond this are dropped (and counted) while the disk is slow (default 10,000). */
  maxQueued?: number;
}

export interface RotatingFile {
  write(line: string): void;
  /** Resolves once every line queued so far is on disk. */
  flush(): Promise<void>;
  /** Writes what is still queued synchronously (process exit). */
  flushSync(): void;
  /** Lines dropped because the queue was full or the disk refused them. */
  readonly dropped: number;
}

export function createRotatingFile(opts: RotatingFileOptions): RotatingFile {
  const maxBytes = opts.maxBytes ?? 10 * 1024 * 1024;
  const keep = Math.max(1, opts.keep ?? 5);
  const maxQueued = opts.maxQueued ?? 10_000;
  let size = currentSize(opts.path);
  let queue: string[] = [];
  let running: Promise<void> | null = null;
  let dropped = 0;

  const rotate = async (): Promise<void> => {
    await rm(`${opts.path}.${keep}`, { force: true });
    for (let i = keep - 1; i >= 1; i -= 1) await rename(`${opts.path}.${i}`, `${opts.path}.${i + 1}`).catch(() => undefined);
    await rename(opts.path, `${opts.path}.1`).catch(() => undefined);
    size = 0;
  };

  const drain = async (): Promise<void> => {
    while (queue.length > 0) {
      const batch = queue;
      queue = [];
      // Write in chunks that each fit the current file, rotating between them.
      let chunk = '';
      for (const line of batch) {
        const bytes = Buffer.byteLength(line);
        if (size + Buffer.byteLength(chunk) + bytes > maxBytes && size + chunk.length > 0) {
          await append(chunk);
          chunk = '';
          await rotate().catch(() => undefined);
        }
        chunk += line;
      }
      await append(chunk);
    }
  };

  const append = async (chunk: string): Promise<void> => {
    if (chunk === '') return;
    try {
      await appendFile(opts.path, chunk);
      size += Buffer.byteLength(chunk);
    } catch {
      dropped += chunk.split('\n').length - 1;
    }
  };

  const kick = (): Promise<void> => {
    if (running === null) {
      running = drain().finally(() => {
        running = null;
      });
    }
    return running;
  };

  return {
    write(line) {
      if (queue.length >= maxQueued) {
        dropped += 1;
        return;
      }
      queue.push(line.endsWith('\n') ? line : `${line}\n`);
      void kick();
    },
    async flush() {
      while (running !== null || queue.length > 0) await kick();
    },
    flushSync() {
      if (queue.length === 0) return;
      try {
        appendFileSync(opts.path, queue.join(''));
      } catch {
        dropped += queue.length;
      }
      queue = [];
    },
    get dropped() {
      return dropped;
    },
  };
}

function currentSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

// Durability without blocking the event loop. A commit with synchronous=NORMAL writes its WAL
// frames (into the OS page cache) and returns without an fsync; WalSync then makes them durable
// with fdatasync on the WAL file, on libuv's thread pool, and calls back when they are on disk.
// The event loop parses and stores the next requests meanwhile, and every commit made while one
// fdatasync runs shares the next one: a group commit whose fsync costs the main thread nothing.
//
// fdatasync flushes the file's data whichever descriptor wrote it, so our own descriptor of
// the `-wal` file covers SQLite's writes. SQLite rewrites the WAL from its start after a
// checkpoint but keeps the file (it deletes it only when the last connection closes, and ours
// is open); the inode is still checked after every sync so a replaced file is never trusted.
import { closeSync, fdatasync, fdatasyncSync, fstatSync, openSync, statSync } from 'node:fs';

export type DurableCallback = (err: Error | null) => void;

export class WalSync {
  private fd: number | null = null;
  private inFlight = false;
  private closed = false;
  /** Callbacks of commits made since the running fdatasync started: they need the next one. */
  private waiting: DurableCallback[] = [];
  /** fdatasync calls completed (how many commits shared one is visible in tests). */
  syncs = 0;

  constructor(private readonly walPath: string) {}

  /** Opens the WAL file if needed; false when it cannot be (the caller then commits with FULL). */
  usable(): boolean {
    if (this.closed) return false;
    if (this.fd !== null) return true;
    try {
      this.fd = openSync(this.walPath, 'r+');
      return true;
    } catch {
      return false;
    }
  }

  /** Calls back once everything committed before this call is on disk. */
  request(cb: DurableCallback): void {
    if (this.closed) {
      cb(new Error('the store is closed'));
      return;
    }
    this.waiting.push(cb);
    if (!this.inFlight) this.start();
  }

  /**
   * Stops taking requests. Commits still waiting for a sync get one now (blocking: this is
   * shutdown); the descriptor is closed once the running sync, if any, ends.
   */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    const waiting = this.waiting.splice(0);
    if (waiting.length > 0) {
      let failure: Error | null = null;
      try {
        if (this.fd === null) throw new Error('the WAL file is not open');
        fdatasyncSync(this.fd);
      } catch (err) {
        failure = toError(err);
      }
      for (const cb of waiting) cb(failure);
    }
    if (!this.inFlight) this.release();
  }

  private start(): void {
    const batch = this.waiting;
    this.waiting = [];
    const fd = this.usable() ? this.fd : null;
    if (fd === null) {
      for (const cb of batch) cb(new Error('the WAL file cannot be opened'));
      return;
    }
    this.inFlight = true;
    fdatasync(fd, (err) => {
      this.inFlight = false;
      this.syncs += 1;
      const failure = err ?? this.replaced();
      if (failure !== null) this.release();
      for (const cb of batch) cb(failure);
      if (this.closed) this.release();
      else if (this.waiting.length > 0) this.start();
    });
  }

  /** An error when the path no longer names the file we synced (it must never happen). */
  private replaced(): Error | null {
    if (this.fd === null) return new Error('the WAL file was closed');
    try {
      if (fstatSync(this.fd).ino === statSync(this.walPath).ino) return null;
    } catch (err) {
      return toError(err);
    }
    return new Error('the WAL file was replaced while a sync ran');
  }

  private release(): void {
    if (this.fd === null) return;
    try {
      closeSync(this.fd);
    } catch {
      // Already gone: nothing to release.
    }
    this.fd = null;
  }
}

function toError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}

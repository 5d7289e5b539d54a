// Per-Inform cost of the store's write path, in this process, on a real file: what one Inform
// costs committed on its own (today's listener), what it costs when many share one commit (a
// group commit), and without the disk (CPU only). Also how many WAL pages one Inform's commit
// writes: the size of what each fsync has to flush.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openStore, type Store } from '../../../electron/core/store/index.ts';
import { informFor } from './cpe-bodies.ts';
import { round } from './stats.ts';

export interface StoreMicro {
  /** microseconds per periodic session's writes (Inform record + session end), each its own commit. */
  ownCommitsUs: number;
  /** The same with 32 sessions' writes in one commit. */
  sharedCommitUs: number;
  /** In memory: the CPU cost alone. */
  memoryUs: number;
  /** WAL pages written by one periodic Inform's commit (15 unchanged parameters). */
  walPagesPerInform: number;
}

const DEVICES = 1000;
const informs = Array.from({ length: DEVICES }, (_, i) => informFor(`MICRO${i}`, ['2 PERIODIC']));
const record = (store: Store, i: number): number =>
  store.informs.record({
    inform: informs[i % DEVICES] ?? informFor('X', []),
    remoteAddress: '127.0.0.1',
    cwmpVersion: '1.0',
    at: new Date(),
    warnings: [],
  }).sessionId;
const end = (store: Store, id: number): void => {
  store.sessions.end(id, 'ok', { messages: 2, warnings: [] }, new Date());
};

function seeded(path: string | null): Store {
  const store = openStore(path === null ? { memory: true } : { path });
  store.transaction(() => {
    for (let i = 0; i < DEVICES; i++) end(store, record(store, i));
  });
  return store;
}

/** Microseconds per session; batch 1 = two commits (the Inform step, then the 204 step) as today. */
function perSession(n: number, batch: number, store: Store): number {
  const t0 = performance.now();
  for (let i = 0; i < n; i += batch) {
    if (batch === 1) end(store, record(store, i * 7));
    else
      store.transaction(() => {
        for (let k = i; k < Math.min(n, i + batch); k++) end(store, record(store, k * 7));
      });
  }
  return round(((performance.now() - t0) * 1000) / n, 0);
}

export function measureStore(quick: boolean): StoreMicro {
  const dir = mkdtempSync(join(tmpdir(), 'deskacs-bench-micro-'));
  try {
    const path = join(dir, 'micro.sqlite');
    const disk = seeded(path);
    const n = quick ? 200 : 2000;
    const ownCommitsUs = perSession(n, 1, disk);
    const sharedCommitUs = perSession(n, 32, disk);
    disk.close();
    // WAL pages of one Inform: checkpoint the WAL away, record 20 Informs, measure the WAL.
    const raw = new Database(path);
    raw.pragma('wal_checkpoint(TRUNCATE)');
    raw.close();
    const again = openStore({ path });
    const before = statSync(`${path}-wal`, { throwIfNoEntry: false })?.size ?? 0;
    for (let i = 0; i < 20; i++) record(again, i * 13);
    const after = statSync(`${path}-wal`).size;
    again.close();
    const memory = seeded(null);
    const memoryUs = perSession(n * 5, 1, memory);
    memory.close();
    return { ownCommitsUs, sharedCommitUs, memoryUs, walPagesPerInform: round((after - before) / 20 / (4096 + 24), 1) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Scenario 'history': what history pruning costs at real size. N devices informing hourly for
// 31 days (744 sessions each, the newest now), pruned by the real service with the default
// retention (30 days, 20 per device): the first pass (the oldest day, 24 sessions per device),
// the pass an hour later (one each), and a pass with nothing to remove (the floor per device,
// which must not grow with the 720 sessions inside the window). For each: seconds, rows
// removed per second, CPU per device, and the longest the event loop was held
// (monitorEventLoopDelay), which is what a CPE waiting for an answer would feel. The devices
// are written through the Inform path; their sessions in bulk by SQL, as they would stand
// after a month of service.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { silentLogger } from '../../../electron/core/log.ts';
import { createHistoryRetention, defaultRetention } from '../../../electron/core/services/history-retention.ts';
import { totalRemoved } from '../../../electron/core/store/history.ts';
import { openStore, type Store } from '../../../electron/core/store/index.ts';
import { fleetInform, fleetIp } from '../lib/fleet-data.ts';
import type { BenchOptions } from '../lib/options.ts';
import { mib, round } from '../lib/stats.ts';
import { countStored, databaseBytes } from '../lib/stored.ts';

const HOUR = 3_600_000;
const HISTORY_HOURS = 31 * 24;
const BATCH = 2_000;

export interface PassFigure {
  label: string;
  seconds: number;
  rowsRemoved: number;
  rowsPerSec: number;
  /** CPU of the pass per device visited. */
  usPerDevice: number;
  /** The longest event-loop delay seen during the pass. */
  maxLoopBlockMs: number;
}

export interface HistoryResult {
  devices: number;
  sessionsBefore: number;
  sessionsAfter: number;
  populateSeconds: number;
  databaseMiB: number;
  passes: PassFigure[];
}

function populate(dbPath: string, devices: number, now: Date): void {
  const store = openStore({ path: dbPath });
  try {
    for (let from = 0; from < devices; from += BATCH) {
      store.transaction(() => {
        for (let i = from; i < Math.min(devices, from + BATCH); i++) {
          const r = store.informs.record({
            inform: fleetInform(i, now),
            remoteAddress: fleetIp(i),
            cwmpVersion: '1.0',
            at: now,
            warnings: [],
          });
          store.sessions.end(r.sessionId, 'ok', { messages: 2, warnings: [] }, now);
        }
      });
    }
  } finally {
    store.close();
  }
  // The month before: one periodic session per device per hour, oldest first (ids grow with time).
  const db = new Database(dbPath);
  try {
    db.exec('DELETE FROM sessions');
    const insert = db.prepare(`
      WITH RECURSIVE h(n) AS (SELECT ? UNION ALL SELECT n - 1 FROM h WHERE n > 0)
      INSERT INTO sessions (device_id, started_at, ended_at, outcome, remote_address, cwmp_version, messages, warnings, events)
      SELECT d.id, strftime('%Y-%m-%dT%H:%M:%fZ', ? / 1000.0 - h.n * 3600, 'unixepoch'), strftime('%Y-%m-%dT%H:%M:%fZ', ? / 1000.0 - h.n * 3600, 'unixepoch'),
        'ok', d.ip_address, '1.0', 2, '[]', '[["2 PERIODIC",""]]'
      FROM h JOIN devices d ON d.seq > ? AND d.seq <= ? ORDER BY h.n DESC, d.seq`);
    const seqs = db.prepare('SELECT max(seq) FROM devices').pluck().get() as number;
    for (let from = 0; from < seqs; from += 1_000) {
      db.transaction(() => insert.run(HISTORY_HOURS - 1, now.getTime(), now.getTime() + 1_000, from, from + 1_000))();
    }
  } finally {
    db.close();
  }
}

async function timedPass(store: Store, label: string, now: Date, devices: number): Promise<PassFigure> {
  const svc = createHistoryRetention({ store, log: silentLogger, firstDelayMs: null, now: () => now });
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const report = await svc.pruneNow();
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  loop.disable();
  await svc.close();
  const rows = totalRemoved(report.removed);
  return {
    label,
    seconds: round(seconds, 2),
    rowsRemoved: rows,
    rowsPerSec: Math.round(rows / Math.max(seconds, 1e-6)),
    usPerDevice: round((cpu.user + cpu.system) / Math.max(1, devices), 1),
    maxLoopBlockMs: round(loop.max / 1e6, 1),
  };
}

export async function runHistory(o: BenchOptions, log: (line: string) => void): Promise<HistoryResult> {
  const dir = mkdtempSync(join(tmpdir(), 'deskacs-bench-history-'));
  const dbPath = join(dir, 'deskacs.sqlite');
  try {
    const now = new Date();
    log(`  populating ${o.historyDevices} devices x ${HISTORY_HOURS} hourly sessions ...`);
    const t0 = performance.now();
    populate(dbPath, o.historyDevices, now);
    const populateSeconds = round((performance.now() - t0) / 1000, 1);
    const sessionsBefore = countStored(dbPath).sessions;
    const store = openStore({ path: dbPath });
    const { days, keepPerDevice } = defaultRetention;
    let passes: PassFigure[];
    try {
      passes = [
        await timedPass(store, `first pass (${days} days, ${keepPerDevice} kept)`, now, o.historyDevices),
        await timedPass(store, 'an hour later', new Date(now.getTime() + HOUR), o.historyDevices),
        await timedPass(store, 'nothing to remove', new Date(now.getTime() + HOUR), o.historyDevices),
      ];
    } finally {
      store.close();
    }
    const result: HistoryResult = {
      devices: o.historyDevices,
      sessionsBefore,
      sessionsAfter: countStored(dbPath).sessions,
      populateSeconds,
      databaseMiB: mib(databaseBytes(dbPath)),
      passes,
    };
    for (const p of passes) {
      log(
        `    ${p.label}: ${p.seconds} s, ${p.rowsRemoved} rows (${p.rowsPerSec}/s), ${p.usPerDevice} us CPU/device, longest event-loop block ${p.maxLoopBlockMs} ms`,
      );
    }
    log(`  sessions ${sessionsBefore} -> ${result.sessionsAfter}; database ${result.databaseMiB} MiB`);
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

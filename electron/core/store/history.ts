// Pruning of per-device history: sessions (with their Inform events), faults, requests the CPE
// made, and finished tasks. Without it a fleet informing hourly adds a session row per device
// per hour forever. Work is cut into bounded batches walked by device (devices.seq), so the
// caller can commit each batch on its own and let CPE traffic through in between.
//
// A session's inspector log (session-logs.ts) goes with the session: the device's ring holds the
// last ten logged sessions, which are not always its newest sessions (plain periodic sessions
// are not logged), so a pruned session may still have one there.
//
// What is never removed: a session still open, a task still queued or running, and the
// newest `keepPerDevice` (at least one) rows of each kind for each device, however old (a
// device that went quiet a year ago still shows its last contact).
import type { Db } from './db.ts';

export interface HistoryPolicy {
  /** Rows older than this ISO time may go. */
  cutoff: string;
  /**
   * Rows of each kind always kept per device, newest first; at least 1. Keeping each device's
   * newest session also keeps the table's largest id, which a rowid table without
   * AUTOINCREMENT would otherwise hand out again (faults and CPE requests point at sessions).
   */
  keepPerDevice: number;
}

export interface HistoryRemoved {
  sessions: number;
  faults: number;
  cpeRequests: number;
  tasks: number;
}

export interface PruneBatchInput extends HistoryPolicy {
  /** Resume after this device seq (0 to start). */
  afterSeq: number;
  /** Devices visited in this batch at most. */
  maxDevices: number;
  /** Rows deleted in this batch at most, all kinds together. Bounds the batch's time. */
  maxRows: number;
}

export interface PruneBatchResult {
  /** Where the next batch resumes; null when every device has been visited. */
  next: number | null;
  /** Devices finished in this batch. */
  devices: number;
  removed: HistoryRemoved;
}

export interface HistoryRepository {
  /** One batch of a pruning pass; run it in a transaction. */
  pruneBatch(input: PruneBatchInput): PruneBatchResult;
}

export function emptyRemoved(): HistoryRemoved {
  return { sessions: 0, faults: 0, cpeRequests: 0, tasks: 0 };
}

const FINISHED = `status IN ('done', 'fault', 'cancelled', 'expired')`;

// Ids grow with time, so a device's rows older than the cutoff are the start of its index
// range: each statement reads only those, never the rows inside the retention window.
interface Kind {
  key: keyof HistoryRemoved;
  table: string;
  /** The id of the keepPerDevice-th newest row of a device: rows below it may go. */
  keepBound: string;
  /**
   * The device's first row recent enough to stay: rows below it may go. For tasks by creation
   * time (a task ends after it was created, so one created after the cutoff ended after it).
   */
  recentBound: string;
  /** Up to `limit` ids of rows to remove: device, bound, cutoff, limit. */
  victims: string;
}

const kinds: readonly Kind[] = [
  {
    key: 'sessions',
    table: 'sessions',
    keepBound: `SELECT id FROM sessions WHERE device_id = ? ORDER BY id DESC LIMIT 1 OFFSET ?`,
    recentBound: `SELECT id FROM sessions WHERE device_id = ? AND started_at >= ? ORDER BY id LIMIT 1`,
    victims: `SELECT id FROM sessions WHERE device_id = ? AND id < ? AND started_at < ? AND outcome <> 'open' ORDER BY id LIMIT ?`,
  },
  {
    key: 'faults',
    table: 'faults',
    keepBound: `SELECT id FROM faults WHERE device_id = ? ORDER BY id DESC LIMIT 1 OFFSET ?`,
    recentBound: `SELECT id FROM faults WHERE device_id = ? AND at >= ? ORDER BY id LIMIT 1`,
    victims: `SELECT id FROM faults WHERE device_id = ? AND id < ? AND at < ? ORDER BY id LIMIT ?`,
  },
  {
    key: 'cpeRequests',
    table: 'cpe_requests',
    keepBound: `SELECT id FROM cpe_requests WHERE device_id = ? ORDER BY id DESC LIMIT 1 OFFSET ?`,
    recentBound: `SELECT id FROM cpe_requests WHERE device_id = ? AND at >= ? ORDER BY id LIMIT 1`,
    victims: `SELECT id FROM cpe_requests WHERE device_id = ? AND id < ? AND at < ? ORDER BY id LIMIT ?`,
  },
  {
    key: 'tasks',
    table: 'tasks',
    keepBound: `SELECT id FROM tasks WHERE device_id = ? AND ${FINISHED} ORDER BY id DESC LIMIT 1 OFFSET ?`,
    recentBound: `SELECT id FROM tasks WHERE device_id = ? AND created_at >= ? ORDER BY id LIMIT 1`,
    victims: `SELECT id FROM tasks WHERE device_id = ? AND id < ? AND ${FINISHED} AND COALESCE(ended_at, created_at) < ? ORDER BY id LIMIT ?`,
  },
];

interface DeviceRow {
  seq: number;
  id: string;
}

interface IdRow {
  id: number;
}

export function createHistoryRepository(db: Db): HistoryRepository {
  const devices = db.prepare<[number, number], DeviceRow>('SELECT seq, id FROM devices WHERE seq > ? ORDER BY seq LIMIT ?');
  // At most ten rows per device (the ring), each checked against the sessions primary key.
  const orphanLogs = db.prepare<[string]>(
    'DELETE FROM session_logs WHERE device_id = ? AND NOT EXISTS (SELECT 1 FROM sessions AS s WHERE s.id = session_logs.session_id)',
  );
  const prepared = kinds.map((k) => ({
    key: k.key,
    keepBound: db.prepare<[string, number], IdRow>(k.keepBound),
    recentBound: db.prepare<[string, string], IdRow>(k.recentBound),
    remove: db.prepare<[string, number, string, number]>(`DELETE FROM ${k.table} WHERE id IN (${k.victims})`),
  }));

  /**
   * Removes up to `budget` rows (all kinds together) of one device; returns the rows removed
   * and whether the device may have more.
   */
  function pruneDevice(deviceId: string, policy: HistoryPolicy, budget: number, removed: HistoryRemoved): { spent: number; more: boolean } {
    let spent = 0;
    for (const p of prepared) {
      const left = budget - spent;
      if (left <= 0) return { spent, more: true };
      const keep = p.keepBound.get(deviceId, Math.max(1, policy.keepPerDevice) - 1);
      if (keep === undefined) continue; // fewer rows than are kept anyway
      const recent = p.recentBound.get(deviceId, policy.cutoff);
      const bound = recent === undefined ? keep.id : Math.min(keep.id, recent.id);
      const n = p.remove.run(deviceId, bound, policy.cutoff, left).changes;
      if (p.key === 'sessions' && n > 0) orphanLogs.run(deviceId);
      removed[p.key] += n;
      spent += n;
      if (n >= left) return { spent, more: true };
    }
    return { spent, more: false };
  }

  return {
    pruneBatch: (input) => {
      const removed = emptyRemoved();
      const maxRows = Math.max(1, Math.floor(input.maxRows));
      const maxDevices = Math.max(1, Math.floor(input.maxDevices));
      const rows = devices.all(input.afterSeq, maxDevices);
      let next = input.afterSeq;
      let done = 0;
      let spent = 0;
      for (const d of rows) {
        const r = pruneDevice(d.id, input, maxRows - spent, removed);
        spent += r.spent;
        // A device with more to remove than this batch may take is resumed by the next batch.
        if (r.more) return { next, devices: done, removed };
        next = d.seq;
        done += 1;
        if (spent >= maxRows) break;
      }
      const visitedAll = rows.length < maxDevices && done === rows.length;
      return { next: visitedAll ? null : next, devices: done, removed };
    },
  };
}

export function totalRemoved(r: HistoryRemoved): number {
  return r.sessions + r.faults + r.cpeRequests + r.tasks;
}

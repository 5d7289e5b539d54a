// Faults a device returned (SOAP Fault / cwmp:Fault, TR-069 A.5) or that a task ran into:
// kept as data and shown to the user, never thrown.
import type { Db } from './db.ts';
import { fromJson, iso, toJson } from './json.ts';

export interface FaultInput {
  deviceId: string;
  taskId?: number | null;
  sessionId?: number | null;
  code: number;
  faultString: string;
  detail?: unknown;
  at: Date;
}

export interface FaultRecord {
  id: number;
  deviceId: string;
  taskId: number | null;
  sessionId: number | null;
  code: number;
  faultString: string;
  detail: unknown;
  at: string;
}

export interface FaultRepository {
  record(input: FaultInput): FaultRecord;
  /** Newest first. */
  listForDevice(deviceId: string, limit?: number): FaultRecord[];
}

interface FaultDbRow {
  id: number;
  device_id: string;
  task_id: number | null;
  session_id: number | null;
  code: number;
  fault_string: string;
  detail: string | null;
  at: string;
}

const COLS = 'id, device_id, task_id, session_id, code, fault_string, detail, at';

function toFault(r: FaultDbRow): FaultRecord {
  return {
    id: r.id,
    deviceId: r.device_id,
    taskId: r.task_id,
    sessionId: r.session_id,
    code: r.code,
    faultString: r.fault_string,
    detail: fromJson(r.detail),
    at: r.at,
  };
}

export function createFaultRepository(db: Db): FaultRepository {
  const insert = db.prepare<[string, number | null, number | null, number, string, string | null, string], FaultDbRow>(
    `INSERT INTO faults (device_id, task_id, session_id, code, fault_string, detail, at)
     VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING ${COLS}`,
  );
  const list = db.prepare<[string, number], FaultDbRow>(`SELECT ${COLS} FROM faults WHERE device_id = ? ORDER BY id DESC LIMIT ?`);
  return {
    record: (f) => {
      const detail = f.detail === undefined ? null : toJson(f.detail);
      const row = insert.get(f.deviceId, f.taskId ?? null, f.sessionId ?? null, Math.trunc(f.code), f.faultString, detail, iso(f.at));
      if (row === undefined) throw new Error('INSERT ... RETURNING returned no row');
      return toFault(row);
    },
    listForDevice: (deviceId, limit = -1) => list.all(deviceId, limit).map(toFault),
  };
}

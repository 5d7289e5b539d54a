// Requests a CPE made of the ACS (TR-069 A.3.2): recorded as data, newest first when listed.
import type { CpeRequestRecord } from '../../../shared/models.ts';
import type { Db } from './db.ts';
import { fromJson, toJson } from './json.ts';

export interface CpeRequestInput {
  deviceId: string;
  sessionId: number | null;
  method: string;
  detail: unknown;
  at: Date;
}

export interface CpeRequestRepository {
  record(input: CpeRequestInput): void;
  listForDevice(deviceId: string, limit: number): CpeRequestRecord[];
}

interface Row {
  id: number;
  session_id: number | null;
  method: string;
  detail: string;
  at: string;
}

export function createCpeRequestRepository(db: Db): CpeRequestRepository {
  const insert = db.prepare<[string, number | null, string, string, string]>(
    'INSERT INTO cpe_requests (device_id, session_id, method, detail, at) VALUES (?, ?, ?, ?, ?)',
  );
  const list = db.prepare<[string, number], Row>(
    'SELECT id, session_id, method, detail, at FROM cpe_requests WHERE device_id = ? ORDER BY id DESC LIMIT ?',
  );
  return {
    record: (i) => {
      insert.run(i.deviceId, i.sessionId, i.method, toJson(i.detail), i.at.toISOString());
    },
    listForDevice: (deviceId, limit) =>
      list.all(deviceId, limit).map((r) => ({ id: r.id, sessionId: r.session_id, method: r.method, detail: fromJson(r.detail), at: r.at })),
  };
}

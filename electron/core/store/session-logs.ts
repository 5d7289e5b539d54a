// The session inspector's logs (migration 010): per device a ring of RING_SIZE rows, each one
// session's messages, the oldest overwritten in place once the ring is full. A session's
// messages are one JSON array, deflated when large (XML compresses ~5-10x; a small log is kept
// as text: deflating a periodic session's 4 KB costs more CPU than its store write).
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { SessionMessage } from '../../../shared/models-device.ts';
import type { Db } from './db.ts';

/** Sessions per device whose messages are kept. */
export const SESSION_LOG_RING = 10;
/** Logs longer than this (JSON bytes) are stored deflated. */
const DEFLATE_ABOVE = 16 * 1024;

export interface SessionLogRepository {
  /** Keeps the session's messages in the device's ring, over its oldest entry once it is full. */
  write(deviceId: string, sessionId: number, messages: readonly SessionMessage[]): void;
  /** The session's messages, or undefined when the ring no longer (or never) held them. */
  get(deviceId: string, sessionId: number): SessionMessage[] | undefined;
  /** Session ids whose logs the device's ring holds, newest first. */
  sessionIds(deviceId: string): number[];
}

interface SlotRow {
  id: number;
  slot: number;
  session_id: number;
}

/** [direction, rpc, at, soap, truncated]: the stored form of one message (seq is its position). */
type StoredMessage = [string, string, string, string, number];

function encode(messages: readonly SessionMessage[]): { format: 0 | 1; data: Buffer } {
  const json = JSON.stringify(messages.map((m): StoredMessage => [m.direction, m.rpc, m.at, m.soap, m.truncated ? 1 : 0]));
  const data = Buffer.from(json, 'utf8');
  return data.length > DEFLATE_ABOVE ? { format: 1, data: deflateRawSync(data) } : { format: 0, data };
}

function decode(format: number, data: Buffer): SessionMessage[] {
  try {
    const list: unknown = JSON.parse((format === 1 ? inflateRawSync(data) : data).toString('utf8'));
    if (!Array.isArray(list)) return [];
    return list.flatMap((m: unknown, i): SessionMessage[] => {
      if (!Array.isArray(m)) return [];
      const [direction, rpc, at, soap, truncated] = m as unknown[];
      if (typeof rpc !== 'string' || typeof at !== 'string' || typeof soap !== 'string') return [];
      return [{ seq: i + 1, direction: direction === 'acs' ? 'acs' : 'cpe', rpc, at, soap, truncated: truncated === 1 }];
    });
  } catch {
    // A damaged row reads as no log rather than breaking the inspector.
    return [];
  }
}

export function createSessionLogRepository(db: Db): SessionLogRepository {
  const slots = db.prepare<[string], SlotRow>('SELECT id, slot, session_id FROM session_logs WHERE device_id = ?');
  const insert = db.prepare<[string, number, number, number, Buffer]>(
    'INSERT INTO session_logs (device_id, slot, session_id, format, messages) VALUES (?, ?, ?, ?, ?)',
  );
  const overwrite = db.prepare<[number, number, Buffer, number]>(
    'UPDATE session_logs SET session_id = ?, format = ?, messages = ? WHERE id = ?',
  );
  const read = db.prepare<[string, number], { format: number; messages: Buffer }>(
    'SELECT format, messages FROM session_logs WHERE device_id = ? AND session_id = ?',
  );
  return {
    write: (deviceId, sessionId, messages) => {
      const { format, data } = encode(messages);
      const ring = slots.all(deviceId);
      if (ring.length < SESSION_LOG_RING) {
        const used = new Set(ring.map((r) => r.slot));
        let slot = 0;
        while (used.has(slot)) slot++;
        insert.run(deviceId, slot, sessionId, format, data);
        return;
      }
      const oldest = ring.reduce((a, b) => (b.session_id < a.session_id ? b : a));
      overwrite.run(sessionId, format, data, oldest.id);
    },
    get: (deviceId, sessionId) => {
      const row = read.get(deviceId, sessionId);
      return row === undefined ? undefined : decode(row.format, row.messages);
    },
    sessionIds: (deviceId) =>
      slots
        .all(deviceId)
        .map((r) => r.session_id)
        .sort((a, b) => b - a),
  };
}

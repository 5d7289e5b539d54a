// The session inspector's use cases: a device's recent sessions (listSessions) and one session
// with its messages in order (getSession), read from the device's ring of logs (session-logs.ts).
import { AcsError } from '../../../shared/errors.ts';
import type { SessionDetail } from '../../../shared/models-device.ts';
import type { SessionRecord } from '../../../shared/models.ts';
import type { Store } from '../store/index.ts';

const DEFAULT_LIMIT = 50;

export function listDeviceSessions(store: Store, id: string, limit: number | undefined): SessionRecord[] {
  if (!store.devices.exists(id)) throw new AcsError('not_found', `no device with id '${id}'`);
  return store.sessions.listForDevice(id, limit ?? DEFAULT_LIMIT);
}

/** The session, with its messages while its device's ring still holds them (else an empty log). */
export function sessionDetail(store: Store, sessionId: number): SessionDetail {
  const session = store.sessions.get(sessionId);
  if (session === undefined) throw new AcsError('not_found', `no session ${sessionId}`);
  return { ...session, messageLog: store.sessionLogs.get(session.deviceId, sessionId) ?? [] };
}

// Which sessions the session inspector keeps, and in what form. A plain periodic session (an
// Inform carrying only '2 PERIODIC', its InformResponse, the empty POST and the 204, nothing
// else, no warning) is the fleet-rate case and holds nothing the stored tree does not: by
// default its messages are not written at all, so a periodic session costs the store nothing
// more than before (docs/performance.md). Every other session's messages are kept, masked and
// cut (cwmp/message-log.ts), in the device's ring of the last ten.
import type { SessionMessage } from '../../../shared/models-device.ts';
import { reduceMessage, type CapturedMessage } from '../cwmp/message-log.ts';

/** The plain periodic exchange, message by message. */
const PLAIN_PERIODIC: readonly (readonly [CapturedMessage['direction'], string])[] = [
  ['cpe', 'Inform'],
  ['acs', 'InformResponse'],
  ['cpe', 'empty'],
  ['acs', 'empty'],
];

export function isPlainPeriodicSession(messages: readonly CapturedMessage[], session: { outcome: string; warnings: number }): boolean {
  if (session.outcome !== 'ok' || session.warnings > 0 || messages.length !== PLAIN_PERIODIC.length) return false;
  if (messages[0]?.periodicInform !== true) return false;
  return messages.every((m, i) => m.direction === PLAIN_PERIODIC[i]?.[0] && m.rpc === PLAIN_PERIODIC[i]?.[1]);
}

/** Whether a finished session's messages go to the inspector's ring. */
export function keepSessionLog(
  messages: readonly CapturedMessage[],
  session: { outcome: string; warnings: number },
  logPeriodic: boolean,
): boolean {
  if (messages.length === 0) return false;
  return logPeriodic || !isPlainPeriodicSession(messages, session);
}

/** The captured messages as the API shows them: masked, cut, numbered from 1. */
export function toSessionMessages(messages: readonly CapturedMessage[]): SessionMessage[] {
  return messages.map((m, i) => {
    const r = reduceMessage(m);
    return { seq: i + 1, direction: r.direction, rpc: r.rpc, at: new Date(r.at).toISOString(), soap: r.text, truncated: r.truncated };
  });
}

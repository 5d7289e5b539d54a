// The installer's "waiting for a router": devices that first informed in the last hours, or that
// are not bound to a subscriber, newest first, each with the subscriber it is bound to or the
// unbound one whose serial or MAC matches it (a suggestion). The UI keeps it live by asking
// again on deviceInformed and subscribersChanged events.
import { deviceStatus } from '../../../../shared/device-status.ts';
import type { WaitingDevice } from '../../../../shared/models-provisioning.ts';
import type { Store } from '../../store/index.ts';
import type { SubscriberService } from '../subscribers/service.ts';

export interface WaitingQuery {
  hours?: number;
  limit?: number;
}

export const DEFAULT_WAITING_HOURS = 24;
const DEFAULT_LIMIT = 100;

export function listWaitingDevices(store: Store, subscribers: SubscriberService, query: WaitingQuery, now: Date): WaitingDevice[] {
  const since = new Date(now.getTime() - (query.hours ?? DEFAULT_WAITING_HOURS) * 3_600_000).toISOString();
  return store.subscribers.waiting(since, query.limit ?? DEFAULT_LIMIT).map((d) => ({
    deviceId: d.id,
    serialNumber: d.serialNumber,
    manufacturer: d.manufacturer,
    model: d.modelName,
    ip: d.ipAddress,
    firstContactAt: d.firstSeen,
    lastInformAt: d.lastInform ?? d.firstSeen,
    online: deviceStatus(d.lastInform, d.periodicInterval, now.getTime()) === 'online',
    suggested: d.accountId === null ? (subscribers.suggest(d.id)?.accountId ?? null) : null,
    subscriber: d.accountId === null ? null : { accountId: d.accountId, name: d.subscriberName ?? '' },
  }));
}

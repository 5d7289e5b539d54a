// The subscriber use cases that change something: save, delete, import, bind and unbind. Each
// commits first, then tells: the subscribersChanged push event, and the directory's listeners
// (onBindingChanged) for every device whose subscriber changed. Logs name accounts and devices
// only, never a subscriber's values.
import type { ApiArgs } from '../../../../shared/contract.ts';
import { AcsError } from '../../../../shared/errors.ts';
import type { Subscriber, SubscriberImportResult } from '../../../../shared/models-provisioning.ts';
import type { Logger } from '../../acs-types.ts';
import type { EventHub } from '../../events.ts';
import type { Store } from '../../store/index.ts';
import { checkAccountId, checkFields, FieldError, type CheckedFields } from './fields.ts';
import { importSubscribers } from './import.ts';

/** Who hears about changes: the push event and the directory's binding listeners. */
export class SubscriberNotifier {
  private readonly listeners = new Set<(deviceId: string) => void>();
  constructor(
    private readonly events: EventHub,
    private readonly log: Logger,
  ) {}

  listen(listener: (deviceId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  changed(accountId: string | null, deviceId: string | null): void {
    this.events.emit('subscribersChanged', { accountId, deviceId });
  }

  bindingChanged(deviceIds: readonly string[]): void {
    for (const deviceId of new Set(deviceIds)) {
      for (const listener of this.listeners) {
        try {
          listener(deviceId);
        } catch (err) {
          this.log.error('a subscriber binding listener failed', { device: deviceId, error: String(err) });
        }
      }
    }
  }

  clear(): void {
    this.listeners.clear();
  }
}

export interface OpsContext {
  store: Store;
  log: Logger;
  notify: SubscriberNotifier;
}

export function existingSubscriber(store: Store, accountId: string): Subscriber {
  const s = store.subscribers.get(accountId);
  if (s === undefined) throw new AcsError('not_found', `no subscriber with account id '${accountId}'`);
  return s;
}

/** A serial or MAC given to this account must not belong to another one. */
function assertIdentifiersFree(store: Store, accountId: string, values: CheckedFields): void {
  const other = (s: Subscriber | undefined): string | null => (s !== undefined && s.accountId !== accountId ? s.accountId : null);
  const serialOwner = values.serial ? other(store.subscribers.bySerial(values.serial)) : null;
  if (serialOwner !== null) throw new AcsError('conflict', `serial number '${values.serial}' belongs to account '${serialOwner}'`);
  const macOwner = values.mac ? other(store.subscribers.byMac(values.mac)) : null;
  if (macOwner !== null) throw new AcsError('conflict', `MAC '${values.mac}' belongs to account '${macOwner}'`);
}

function checked(args: ApiArgs<'putSubscriber'>): { accountId: string; values: CheckedFields } {
  const { accountId, ...fields } = args;
  try {
    return { accountId: checkAccountId(accountId), values: checkFields(fields) };
  } catch (err) {
    if (err instanceof FieldError) throw new AcsError('bad_request', err.message);
    throw err;
  }
}

/** PUT /api/subscribers/:accountId: creates, or updates the fields given. */
export function saveSubscriber(ctx: OpsContext, args: ApiArgs<'putSubscriber'>): Subscriber {
  const { store, log, notify } = ctx;
  const { accountId, values } = checked(args);
  if (store.subscribers.get(accountId) === undefined && values.name === undefined)
    throw new AcsError('bad_request', `a new subscriber needs a 'name' (account ${accountId})`);
  assertIdentifiersFree(store, accountId, values);
  const saved = store.transaction(() => store.subscribers.save(accountId, values));
  if (saved.changed) {
    log.info(saved.created ? 'subscriber created' : 'subscriber changed', { account: accountId });
    notify.changed(accountId, saved.subscriber.deviceId);
    if (!saved.created && saved.subscriber.deviceId !== null) notify.bindingChanged([saved.subscriber.deviceId]);
  }
  return saved.subscriber;
}

export function deleteSubscriber(ctx: OpsContext, accountId: string): { removed: boolean } {
  const { store, log, notify } = ctx;
  const before = store.subscribers.get(accountId);
  const removed = store.transaction(() => store.subscribers.remove(accountId));
  if (removed) {
    log.info('subscriber deleted', { account: accountId });
    notify.changed(accountId, before?.deviceId ?? null);
    if (before?.deviceId) notify.bindingChanged([before.deviceId]);
  }
  return { removed };
}

export function importCsv(ctx: OpsContext, args: ApiArgs<'importSubscribers'>): SubscriberImportResult {
  const { result, changedDevices } = importSubscribers(ctx.store, args);
  const { created, updated, unchanged, dryRun } = result;
  ctx.log.info('subscribers imported', { created, updated, unchanged, refused: result.errors.length, dryRun });
  if (!dryRun && created + updated > 0) ctx.notify.changed(null, null);
  ctx.notify.bindingChanged(changedDevices);
  return result;
}

/** Binds (moving the subscriber from its previous device, and the device from its previous subscriber). */
export function bindDevice(ctx: OpsContext, deviceId: string, accountId: string, how: 'installer' | 'serial' | 'MAC'): Subscriber {
  const { store, log, notify } = ctx;
  const moved = store.transaction(() => store.subscribers.bind(accountId, deviceId));
  if (moved.devices.length > 0) {
    log.info('device bound to a subscriber', { device: deviceId, account: accountId, by: how });
    for (const account of moved.accounts) notify.changed(account, account === accountId ? deviceId : null);
    notify.bindingChanged(moved.devices);
  }
  return existingSubscriber(store, accountId);
}

/** Unbinds by the installer's hand: automatic binding will not bind the pair again. */
export function unbindDevice(ctx: OpsContext, deviceId: string): { removed: boolean } {
  const { store, log, notify } = ctx;
  const accountId = store.transaction(() => store.subscribers.unbind(deviceId, true));
  if (accountId === null) return { removed: false };
  log.info('device unbound from its subscriber', { device: deviceId, account: accountId });
  notify.changed(accountId, deviceId);
  notify.bindingChanged([deviceId]);
  return { removed: true };
}

// Subscribers behind the contract, and the SubscriberDirectory the profile engine reads: CRUD,
// the CSV import, bindings by the installer, and automatic binding when a device whose serial
// number or MAC belongs to an unbound subscriber informs (its own MACs read at its first contact:
// mac-read.ts). Results mask secrets unless revealed;
// nothing here logs a subscriber's secrets (only account ids, device ids and counts).
import type { ApiArgs } from '../../../../shared/contract.ts';
import { AcsError } from '../../../../shared/errors.ts';
import type { Page } from '../../../../shared/models.ts';
import type { Subscriber, SubscriberExport, SubscriberImportResult } from '../../../../shared/models-provisioning.ts';
import { exportSubscribers } from './export.ts';
import type { Logger } from '../../acs-types.ts';
import type { EventHub } from '../../events.ts';
import type { Store } from '../../store/index.ts';
import type { TaskService } from '../tasks/service.ts';
import { AutoBinder } from './auto-bind.ts';
import type { SubscriberDirectory } from './directory.ts';
import { masked } from './fields.ts';
import { FirstContactMacReader } from './mac-read.ts';
import {
  bindDevice,
  deleteSubscriber,
  existingSubscriber,
  importCsv,
  type OpsContext,
  saveSubscriber,
  SubscriberNotifier,
  unbindDevice,
} from './operations.ts';

export interface SubscriberServiceDeps {
  store: Store;
  events: EventHub;
  log: Logger;
  /** Queues the MAC read of a new unbound device (mac-read.ts); absent: MACs are bound on refreshes only. */
  tasks?: Pick<TaskService, 'create'> | undefined;
}

export interface SubscriberService extends SubscriberDirectory {
  list(args: ApiArgs<'listSubscribers'>): Page<Subscriber>;
  get(accountId: string, reveal?: boolean): Subscriber;
  put(args: ApiArgs<'putSubscriber'>): Subscriber;
  remove(accountId: string): { removed: boolean };
  import(args: ApiArgs<'importSubscribers'>): SubscriberImportResult;
  /** As CSV in the import's columns; secrets masked unless `reveal`. */
  export(query: { q?: string | undefined; bound?: boolean | undefined }, reveal: boolean): SubscriberExport;
  bind(deviceId: string, accountId: string): Subscriber;
  unbind(deviceId: string): { removed: boolean };
  ofDevice(deviceId: string, reveal?: boolean): Subscriber | null;
  /** Binds the device if its serial or MAC belongs to an unbound subscriber; the subscriber bound, or null. */
  autoBind(deviceId: string): Subscriber | null;
  /** The unbound subscriber automatic binding would bind the unbound device to (clear secrets), or null. */
  suggest(deviceId: string): Subscriber | null;
  /** Stops listening to device events. */
  close(): void;
}

const DEFAULT_LIMIT = 100;

export function createSubscriberService(deps: SubscriberServiceDeps): SubscriberService {
  const { store, events, log } = deps;
  const notify = new SubscriberNotifier(events, log);
  const ctx: OpsContext = { store, log, notify };
  const requireDevice = (deviceId: string): void => {
    if (!store.devices.exists(deviceId)) throw new AcsError('not_found', `no device with id '${deviceId}'`);
  };
  const binder = new AutoBinder(store, (deviceId, s, how) => bindDevice(ctx, deviceId, s.accountId, how));
  const tasks = deps.tasks;
  const macs =
    tasks === undefined
      ? null
      : new FirstContactMacReader(
          store,
          binder,
          (deviceId, names) => tasks.create(deviceId, { name: 'getParameterValues', names }, {}).then(() => true),
          log,
        );
  const offs = [
    events.on('deviceInformed', (e) => {
      // Not bound by serial or stored MACs: its own MACs are read in this session (once).
      if (binder.check(e.deviceId, log) === null) macs?.informed(e.deviceId);
    }),
    events.on('taskUpdated', (e) => {
      if (e.status !== 'queued' && e.status !== 'running') macs?.taskFinished(e.deviceId);
    }),
    // A refresh in the session may have read the device's MACs.
    events.on('sessionEnded', (e) => {
      binder.check(e.deviceId, log);
      macs?.sessionEnded(e.deviceId);
    }),
    // Deleted devices took their bindings with them (ON DELETE SET NULL): lists must refresh.
    events.on('devicesChanged', (e) => {
      if (e.change !== 'deleted') return;
      for (const id of e.deviceIds) macs?.forget(id);
      notify.changed(null, null);
    }),
  ];
  return {
    forDevice: (deviceId) => store.subscribers.byDevice(deviceId) ?? null,
    onBindingChanged: (listener) => notify.listen(listener),
    list: (args) => {
      const page = store.subscribers.list({ ...args, limit: args.limit ?? DEFAULT_LIMIT });
      return { ...page, items: page.items.map((s) => masked(s)) };
    },
    get: (accountId, reveal = false) => masked(existingSubscriber(store, accountId), reveal),
    put: (args) => masked(saveSubscriber(ctx, args)),
    remove: (accountId) => deleteSubscriber(ctx, accountId),
    import: (args) => importCsv(ctx, args),
    export: (query, reveal) => {
      const out = exportSubscribers(store, query, reveal);
      log.info('subscribers exported', { count: out.count, revealed: reveal });
      return out;
    },
    bind: (deviceId, accountId) => {
      requireDevice(deviceId);
      existingSubscriber(store, accountId);
      return masked(bindDevice(ctx, deviceId, accountId, 'installer'));
    },
    unbind: (deviceId) => {
      requireDevice(deviceId);
      return unbindDevice(ctx, deviceId);
    },
    ofDevice: (deviceId, reveal = false) => {
      requireDevice(deviceId);
      const s = store.subscribers.byDevice(deviceId);
      return s === undefined ? null : masked(s, reveal);
    },
    autoBind: (deviceId) => binder.check(deviceId, log),
    suggest: (deviceId) => binder.match(deviceId),
    close: () => {
      for (const off of offs) off();
      notify.clear();
    },
  };
}

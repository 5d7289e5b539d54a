// Tagging and deleting devices, one or a whole selection (selection.ts walks it in batches).
// Both announce `devicesChanged` once done, listing at most 1,000 of the devices.
//
// A device in a CWMP session right now is not deleted: its session would go on writing the
// parameters, tasks and session row of a device that no longer exists (every such write would
// fail its foreign key and end the session with an error), and its next Inform would create it
// again anyway. deleteDevice refuses it with 'conflict' (try again in a moment); a bulk delete
// leaves it out and its result counts only the devices removed.
import type { ApiArgs } from '../../../shared/contract.ts';
import { AcsError } from '../../../shared/errors.ts';
import type { DeleteResult, TagResult } from '../../../shared/models-fleet.ts';
import type { EventHub } from '../events.ts';
import type { Store } from '../store/index.ts';
import type { SelectionWalker } from './selection.ts';

/** Devices tagged per transaction: two statements over json_each, ~1 ms per 1,000. */
const TAG_BATCH = 1000;
/** Devices deleted per transaction: each cascades to its parameters (thousands on a fully read device) and history. */
const DELETE_BATCH = 100;
/** devicesChanged lists at most this many ids. */
const MAX_LISTED = 1000;

export interface DeviceBulkDeps {
  store: Store;
  events: EventHub;
  walker: SelectionWalker;
  /** Whether the device has a CWMP session open now (the listener's registry). */
  inSession: (deviceId: string) => boolean;
  now: () => Date;
}

export interface DeviceBulkService {
  tag(args: ApiArgs<'tagDevices'>): Promise<TagResult>;
  deleteOne(id: string): { removed: boolean };
  deleteMany(args: ApiArgs<'deleteDevices'>): Promise<DeleteResult>;
}

function unique(tags: readonly string[] | undefined): string[] {
  return [...new Set(tags ?? [])];
}

export function createDeviceBulkService(deps: DeviceBulkDeps): DeviceBulkService {
  const { store, events, walker } = deps;
  const listed = (into: string[], ids: readonly string[]): void => {
    for (const id of ids) {
      if (into.length >= MAX_LISTED) return;
      into.push(id);
    }
  };
  return {
    async tag({ selection, add, remove }) {
      const adding = unique(add);
      const removing = unique(remove);
      const both = adding.filter((t) => removing.includes(t));
      if (both.length > 0) throw new AcsError('bad_request', `'${both[0]}' is both added and removed`);
      let added = 0;
      let removed = 0;
      const changed: string[] = [];
      const devices = await walker.walk(selection, deps.now(), TAG_BATCH, (ids) => {
        const r = store.tags.apply(ids, adding, removing);
        added += r.added;
        removed += r.removed;
        listed(changed, ids);
      });
      if (added + removed > 0) events.emit('devicesChanged', { change: 'tagged', count: devices, deviceIds: changed });
      return { devices, added, removed };
    },
    deleteOne(id) {
      if (deps.inSession(id))
        throw new AcsError('conflict', `device '${id}' is in a CWMP session right now; delete it once the session has ended`);
      const removed = store.devices.remove(id);
      if (removed) events.emit('devicesChanged', { change: 'deleted', count: 1, deviceIds: [id] });
      return { removed };
    },
    async deleteMany({ selection }) {
      let removed = 0;
      const gone: string[] = [];
      await walker.walk(selection, deps.now(), DELETE_BATCH, (ids) => {
        for (const id of ids) {
          if (deps.inSession(id) || !store.devices.remove(id)) continue;
          removed += 1;
          listed(gone, [id]);
        }
      });
      if (removed > 0) events.emit('devicesChanged', { change: 'deleted', count: removed, deviceIds: gone });
      return { removed };
    },
  };
}

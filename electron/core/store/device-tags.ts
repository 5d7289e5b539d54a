// Tags: an operator's labels on devices (migration 009). A tag exists while a device carries
// it; deleting a device drops its tags by cascade.
import type { TagCount } from '../../../shared/models-fleet.ts';
import type { Db } from './db.ts';

export interface TagRepository {
  /** The tags of each of these devices, sorted; devices without tags are absent. One query. */
  forDevices(deviceIds: readonly string[]): Map<string, string[]>;
  /** Every tag with how many devices carry it, most used first. */
  counts(): TagCount[];
  /**
   * Adds then removes tags on these (existing) devices; returns the device-tag pairs really
   * added and removed. Runs in the caller's transaction.
   */
  apply(deviceIds: readonly string[], add: readonly string[], remove: readonly string[]): { added: number; removed: number };
}

export function createTagRepository(db: Db): TagRepository {
  const forDevices = db.prepare<[string], { device_id: string; tag: string }>(
    'SELECT device_id, tag FROM device_tags WHERE device_id IN (SELECT value FROM json_each(?)) ORDER BY device_id, tag',
  );
  const counts = db.prepare<[], TagCount>('SELECT tag, count(*) AS count FROM device_tags GROUP BY tag ORDER BY count DESC, tag');
  const add = db.prepare<[string, string]>(
    'INSERT OR IGNORE INTO device_tags (device_id, tag) SELECT d.value, t.value FROM json_each(?) AS d, json_each(?) AS t',
  );
  const remove = db.prepare<[string, string]>(
    'DELETE FROM device_tags WHERE device_id IN (SELECT value FROM json_each(?)) AND tag IN (SELECT value FROM json_each(?))',
  );
  return {
    forDevices(deviceIds) {
      const out = new Map<string, string[]>();
      if (deviceIds.length === 0) return out;
      for (const row of forDevices.iterate(JSON.stringify(deviceIds))) {
        const list = out.get(row.device_id);
        if (list === undefined) out.set(row.device_id, [row.tag]);
        else list.push(row.tag);
      }
      return out;
    },
    counts: () => counts.all(),
    apply(deviceIds, tagsToAdd, tagsToRemove) {
      if (deviceIds.length === 0) return { added: 0, removed: 0 };
      const ids = JSON.stringify(deviceIds);
      const added = tagsToAdd.length === 0 ? 0 : add.run(ids, JSON.stringify(tagsToAdd)).changes;
      const removed = tagsToRemove.length === 0 ? 0 : remove.run(ids, JSON.stringify(tagsToRemove)).changes;
      return { added, removed };
    },
  };
}

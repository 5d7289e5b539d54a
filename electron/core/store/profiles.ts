// Provisioning profiles (migration 015): the documents, every application of one to a device,
// the {{random:N}} values kept per device, and per device the state of each profile item.
// Secrets never reach these rows in clear except inside a profile's own document (what the
// operator wrote) and profile_random (what the device must be given again if asked).
import type { PlannedRpc, ProfileApplication, ProfileInput, ProfileTrigger } from '../../../shared/models-provisioning.ts';
import type { Db } from './db.ts';
import { StoreError } from './errors.ts';
import { fromJson, iso, toJson } from './json.ts';

/** The name is taken by another profile. */
export class DuplicateProfileError extends StoreError {
  override name = 'DuplicateProfileError';
  constructor(profile: string) {
    super(`a profile named '${profile}' already exists`);
  }
}

export interface StoredProfile {
  name: string;
  /** The document as the operator wrote it (normalised by the service). */
  document: ProfileInput;
  priority: number;
  enabled: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export type ItemState = 'done' | 'failed' | 'pending';

export interface StoredItem {
  deviceId: string;
  profile: string;
  item: string;
  path: string | null;
  valueHash: string;
  state: ItemState;
  taskId: number | null;
  message: string | null;
  version: number;
  at: string;
}

export type ApplicationInput = Omit<ProfileApplication, 'id' | 'at'> & { at: Date };

export interface ProfileRepository {
  list(): StoredProfile[];
  /** Whether any profile is enabled (asked at every Inform). */
  anyEnabled(): boolean;
  get(name: string): StoredProfile | undefined;
  /** Throws StoreError('duplicate') when the name is taken. */
  create(document: ProfileInput, at: Date): StoredProfile;
  /** Replaces the document (renaming when document.name differs); version + 1. Undefined when absent. */
  update(name: string, document: ProfileInput, at: Date): StoredProfile | undefined;
  remove(name: string): boolean;
  recordApplication(input: ApplicationInput): ProfileApplication;
  applications(deviceId: string, limit: number): ProfileApplication[];
  /** The highest version of the profile ever recorded for the device, or 0. */
  lastAppliedVersion(deviceId: string, profile: string): number;
  /** The kept {{random}} value, or `make()` stored now. */
  randomValue(deviceId: string, profile: string, item: string, make: () => string): string;
  items(deviceId: string): StoredItem[];
  putItem(item: Omit<StoredItem, 'at'>, at: Date): void;
  /** Items carried by this task (any device). */
  itemsOfTask(taskId: number): StoredItem[];
  /** Keeps (null: drops) the progress of the profile's application in waves in its document's JSON, as `apply` (no new version). */
  setApply(name: string, progress: unknown): void;
}

interface ProfileRow {
  name: string;
  document: string;
  priority: number;
  enabled: number;
  version: number;
  created_at: string;
  updated_at: string;
}

interface ApplicationRow {
  id: number;
  device_id: string;
  profile: string;
  version: number;
  trigger: string;
  rpcs: string;
  result: string;
  message: string | null;
  task_ids: string;
  at: string;
}

interface ItemRow {
  device_id: string;
  profile: string;
  item: string;
  path: string | null;
  value_hash: string;
  state: string;
  task_id: number | null;
  message: string | null;
  version: number;
  at: string;
}

function toProfile(r: ProfileRow): StoredProfile {
  const doc = fromJson(r.document);
  return {
    name: r.name,
    document: (typeof doc === 'object' && doc !== null ? doc : { name: r.name }) as ProfileInput,
    priority: r.priority,
    enabled: r.enabled === 1,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function toApplication(r: ApplicationRow): ProfileApplication {
  const rpcs = fromJson(r.rpcs);
  const taskIds = fromJson(r.task_ids);
  return {
    id: r.id,
    deviceId: r.device_id,
    profile: r.profile,
    version: r.version,
    trigger: r.trigger as ProfileTrigger | 'manual',
    rpcs: Array.isArray(rpcs) ? (rpcs as PlannedRpc[]) : [],
    result: r.result as ProfileApplication['result'],
    message: r.message,
    taskIds: Array.isArray(taskIds) ? taskIds.filter((t): t is number => typeof t === 'number') : [],
    at: r.at,
  };
}

function toItem(r: ItemRow): StoredItem {
  return {
    deviceId: r.device_id,
    profile: r.profile,
    item: r.item,
    path: r.path,
    valueHash: r.value_hash,
    state: r.state as ItemState,
    taskId: r.task_id,
    message: r.message,
    version: r.version,
    at: r.at,
  };
}

export function createProfileRepository(db: Db): ProfileRepository {
  const byName = db.prepare<[string], ProfileRow>('SELECT * FROM profiles WHERE name = ?');
  const all = db.prepare<[], ProfileRow>('SELECT * FROM profiles ORDER BY priority DESC, name');
  const enabled = db.prepare<[], number>('SELECT 1 FROM profiles WHERE enabled = 1 LIMIT 1').pluck();
  const insert = db.prepare(
    'INSERT INTO profiles (name, document, priority, enabled, version, created_at, updated_at) VALUES (?, ?, ?, ?, 1, ?, ?)',
  );
  const replace = db.prepare(
    'UPDATE profiles SET name = ?, document = ?, priority = ?, enabled = ?, version = version + 1, updated_at = ? WHERE name = ?',
  );
  const del = db.prepare('DELETE FROM profiles WHERE name = ?');
  const insertApp = db.prepare(
    `INSERT INTO profile_applications (device_id, profile, version, trigger, rpcs, result, message, task_ids, at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
  );
  const appsOf = db.prepare<[string, number], ApplicationRow>(
    'SELECT * FROM profile_applications WHERE device_id = ? ORDER BY id DESC LIMIT ?',
  );
  const lastVersion = db.prepare<[string, string], { v: number | null }>(
    'SELECT MAX(version) AS v FROM profile_applications WHERE device_id = ? AND profile = ?',
  );
  const getRandom = db.prepare<[string, string, string], { value: string }>(
    'SELECT value FROM profile_random WHERE device_id = ? AND profile = ? AND item = ?',
  );
  const putRandom = db.prepare('INSERT INTO profile_random (device_id, profile, item, value) VALUES (?, ?, ?, ?)');
  const itemsOf = db.prepare<[string], ItemRow>('SELECT * FROM profile_items WHERE device_id = ? ORDER BY profile, item');
  const itemsByTask = db.prepare<[number], ItemRow>('SELECT * FROM profile_items WHERE task_id = ?');
  const upsertItem = db.prepare(
    `INSERT INTO profile_items (device_id, profile, item, path, value_hash, state, task_id, message, version, at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (device_id, profile, item) DO UPDATE SET path = excluded.path, value_hash = excluded.value_hash,
       state = excluded.state, task_id = excluded.task_id, message = excluded.message, version = excluded.version, at = excluded.at`,
  );

  const putApply = db.prepare("UPDATE profiles SET document = json_set(document, '$.apply', json(?)) WHERE name = ?");
  const dropApply = db.prepare("UPDATE profiles SET document = json_remove(document, '$.apply') WHERE name = ?");

  const isDuplicate = (err: unknown): boolean => err instanceof Error && /UNIQUE|PRIMARY KEY/.test(err.message);

  return {
    list: () => all.all().map(toProfile),
    anyEnabled: () => enabled.get() !== undefined,
    get: (name) => {
      const r = byName.get(name);
      return r === undefined ? undefined : toProfile(r);
    },
    create(document, at) {
      try {
        insert.run(document.name, toJson(document), document.priority ?? 0, document.enabled === false ? 0 : 1, iso(at), iso(at));
      } catch (err) {
        if (isDuplicate(err)) throw new DuplicateProfileError(document.name);
        throw err;
      }
      return toProfile(byName.get(document.name) as ProfileRow);
    },
    update(name, document, at) {
      try {
        const r = replace.run(document.name, toJson(document), document.priority ?? 0, document.enabled === false ? 0 : 1, iso(at), name);
        if (r.changes === 0) return undefined;
      } catch (err) {
        if (isDuplicate(err)) throw new DuplicateProfileError(document.name);
        throw err;
      }
      return toProfile(byName.get(document.name) as ProfileRow);
    },
    remove: (name) => del.run(name).changes > 0,
    recordApplication(a) {
      const row = insertApp.get(
        a.deviceId,
        a.profile,
        a.version,
        a.trigger,
        toJson(a.rpcs),
        a.result,
        a.message,
        toJson(a.taskIds),
        iso(a.at),
      ) as ApplicationRow;
      return toApplication(row);
    },
    applications: (deviceId, limit) => appsOf.all(deviceId, limit).map(toApplication),
    lastAppliedVersion: (deviceId, profile) => lastVersion.get(deviceId, profile)?.v ?? 0,
    randomValue(deviceId, profile, item, make) {
      const kept = getRandom.get(deviceId, profile, item);
      if (kept !== undefined) return kept.value;
      const value = make();
      putRandom.run(deviceId, profile, item, value);
      return value;
    },
    items: (deviceId) => itemsOf.all(deviceId).map(toItem),
    putItem(i, at) {
      upsertItem.run(i.deviceId, i.profile, i.item, i.path, i.valueHash, i.state, i.taskId, i.message, i.version, iso(at));
    },
    itemsOfTask: (taskId) => itemsByTask.all(taskId).map(toItem),
    setApply(name, progress) {
      if (progress === null) dropApply.run(name);
      else putApply.run(toJson(progress), name);
    },
  };
}

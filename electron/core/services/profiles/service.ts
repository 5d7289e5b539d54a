// The profile use cases of the API: CRUD with validation, the dry run (the engine's own planner),
// applying a profile to the devices it matches in waves of connection requests, a device's
// applications, its provisioning checklist and a retry of its failed steps.
import { AcsError } from '../../../../shared/errors.ts';
import type { ApplyProfileResult, DeviceProvisioning, DryRun, Profile } from '../../../../shared/models-provisioning.ts';
import type { DeviceSummary } from '../../../../shared/models.ts';
import type { Logger } from '../../acs-types.ts';
import type { Store } from '../../store/index.ts';
import { DuplicateProfileError, type StoredProfile } from '../../store/profiles.ts';
import type { Quirks } from '../quirks.ts';
import type { ProfileEngine } from './engine.ts';
import { mismatch } from './match.ts';
import { dryRunOf } from './dry-run.ts';
import type { StunEnvironment } from './plan-stun.ts';
import { planDevice } from './planner.ts';
import { provisioningOf } from './provisioning.ts';
import { applyProgressOf, createWaveRunner } from './waves.ts';
import { settleItems } from './settle.ts';
import { mergeProfile, normalizeProfile, type ProfileDraft, type ProfilePatch } from './validate.ts';
import { buildView, whyNot } from './view.ts';

export interface ProfileServiceDeps {
  store: Store;
  engine: ProfileEngine;
  now: () => Date;
  quirksFor: (deviceId: string) => Quirks;
  /** A connection request to the device (applyProfile's waves, a retry). */
  wake: (deviceId: string) => Promise<unknown>;
  log: Logger;
  /** DeskACS's STUN server for a profile's `stun` item (absent: off). */
  stun?: (() => StunEnvironment) | undefined;
}

export interface ProfileService {
  list(): Profile[];
  get(name: string): Profile;
  create(input: ProfileDraft): Profile;
  /** Merges `input` into the stored document (see mergeProfile); `input.name` renames. */
  update(name: string, input: ProfilePatch): Profile;
  remove(name: string): { removed: boolean };
  dryRun(name: string, deviceId: string): DryRun;
  apply(name: string, options: ApplyOptions): ApplyProfileResult;
  applications(deviceId: string, limit?: number): ReturnType<Store['profiles']['applications']>;
  provisioning(deviceId: string): DeviceProvisioning;
  retry(deviceId: string): DeviceProvisioning;
  close(): void;
}

export interface ApplyOptions {
  waveSizes?: number[] | undefined;
  concurrency?: number | undefined;
  failureThreshold?: number | undefined;
  waveTimeoutSeconds?: number | undefined;
}

const PAGE = 1000;

/** Stored devices the profile matches now (walked by seq, a page at a time). */
export function matchingDevices(store: Store, profile: StoredProfile, now: Date): string[] {
  const out: string[] = [];
  const match = profile.document.match ?? {};
  for (let after = 0; ; ) {
    const page = store.devices.select({}, now, after, PAGE);
    for (const { id } of page) {
      const device = store.devices.get(id);
      if (device !== undefined && mismatch(match, { device, value: (p) => store.parameters.get(id, p)?.value }) === null) out.push(id);
    }
    if (page.length < PAGE) return out;
    after = page[page.length - 1]?.seq ?? after;
  }
}

function toProfile(p: StoredProfile, matched: number): Profile {
  const d = p.document;
  return {
    name: p.name,
    description: d.description ?? '',
    priority: p.priority,
    enabled: p.enabled,
    match: d.match ?? {},
    when: d.when ?? ['firstContact', 'everyInform'],
    set: d.set ?? {},
    objects: d.objects ?? [],
    attributes: d.attributes ?? [],
    connectionRequest: d.connectionRequest ?? null,
    periodicInform: d.periodicInform ?? null,
    firmware: d.firmware ?? null,
    stun: d.stun ?? null,
    version: p.version,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    matchedDevices: matched,
    apply: applyProgressOf(d),
  };
}

/** Waves of the given sizes; the last size repeats. */
export function splitWaves(ids: readonly string[], sizes: readonly number[]): string[][] {
  const waves: string[][] = [];
  let i = 0;
  for (let w = 0; i < ids.length; w++) {
    const size = Math.max(1, sizes[Math.min(w, sizes.length - 1)] ?? 1);
    waves.push(ids.slice(i, i + size));
    i += size;
  }
  return waves;
}

export function createProfileService(deps: ProfileServiceDeps): ProfileService {
  const { store, engine, now } = deps;
  const rollouts = createWaveRunner(deps);
  rollouts.resume();

  const mustProfile = (name: string): StoredProfile => {
    const p = store.profiles.get(name);
    if (p === undefined) throw new AcsError('not_found', `no profile named '${name}'`);
    return p;
  };
  const mustDevice = (id: string): DeviceSummary => {
    const d = store.devices.get(id);
    if (d === undefined) throw new AcsError('not_found', `no device with id '${id}'`);
    return d;
  };
  const saved = (fn: () => StoredProfile | undefined, name: string): StoredProfile => {
    try {
      const p = store.transaction(fn);
      if (p === undefined) throw new AcsError('not_found', `no profile named '${name}'`);
      return p;
    } catch (err) {
      if (err instanceof DuplicateProfileError) throw new AcsError('conflict', err.message);
      throw err;
    }
  };
  const view = (profile: StoredProfile): Profile => toProfile(profile, matchingDevices(store, profile, now()).length);

  const provisioning = (deviceId: string): DeviceProvisioning => {
    const device = mustDevice(deviceId);
    return store.transaction(() => {
      settleItems(store, store.profiles.items(deviceId), now());
      const v = buildView(store, device, engine.subscribers());
      const profiles = store.profiles.list().filter((p) => whyNot(p, v) === null);
      const plan = planDevice(store, v, profiles, { quirks: deps.quirksFor(deviceId), failedSince: '', stun: deps.stun?.() });
      return provisioningOf(store, v, profiles, plan, now());
    });
  };

  return {
    list: () => store.profiles.list().map(view),
    get: (name) => view(mustProfile(name)),
    create(input) {
      const doc = normalizeProfile(input);
      return view(saved(() => store.profiles.create(doc, now()), doc.name));
    },
    update(name, input) {
      const before = mustProfile(name).document;
      const progress = (before as { apply?: unknown }).apply;
      const doc = normalizeProfile(mergeProfile(before, input));
      // The rollout's progress is not part of the document: it is carried over the edit.
      const after = saved(() => {
        const p = store.profiles.update(name, doc, now());
        if (p !== undefined && progress !== undefined) store.profiles.setApply(p.name, progress);
        return p === undefined ? undefined : store.profiles.get(p.name);
      }, name);
      return view(after);
    },
    remove(name) {
      engine.release(name);
      return { removed: store.profiles.remove(name) };
    },
    dryRun(name, deviceId) {
      const profile = mustProfile(name);
      const device = mustDevice(deviceId);
      return store.transaction(() =>
        dryRunOf(store, profile, buildView(store, device, engine.subscribers()), deps.quirksFor(deviceId), deps.stun?.()),
      );
    },
    apply(name, options) {
      const profile = mustProfile(name);
      if (!profile.enabled) throw new AcsError('conflict', `profile '${name}' is disabled: enable it first`);
      const ids = matchingDevices(store, profile, now());
      const waves = splitWaves(ids, options.waveSizes ?? [10, 100]);
      const plan = { profile: name, waves, concurrency: options.concurrency ?? 8, timeoutSeconds: options.waveTimeoutSeconds ?? 600 };
      const apply = rollouts.start(plan, profile.version, options.failureThreshold ?? 0.5);
      return { profile: name, version: profile.version, devices: ids.length, waves, apply };
    },
    applications(deviceId, limit) {
      mustDevice(deviceId);
      return store.profiles.applications(deviceId, limit ?? 100);
    },
    provisioning,
    retry(deviceId) {
      mustDevice(deviceId);
      store.transaction(() => {
        for (const i of store.profiles.items(deviceId))
          if (i.state === 'failed')
            store.profiles.putItem({ ...i, state: 'pending', taskId: null, message: 'retry asked; sent at the next session' }, now());
      });
      engine.request(deviceId, 'all');
      engine.announce(deviceId);
      void deps
        .wake(deviceId)
        .catch((err: unknown) => deps.log.warn('retry connection request failed', { device: deviceId, error: String(err) }));
      return provisioning(deviceId);
    },
    close() {
      rollouts.close();
    },
  };
}

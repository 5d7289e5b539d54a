// The profile engine in CWMP sessions. When a device's task queue runs dry in a session
// (session-backend.ts asks `beforeIdle`), the profiles that apply now are planned over the
// stored tree: the reads they need are queued first (refresh tasks), then only the differences
// (one setParameterValues, addObject, setParameterAttributes, setConnectionRequestCredentials,
// a download for a firmware floor), as ordinary tasks so the runner, verification and retries
// are the same as for any task. Their outcomes settle the items (settle.ts); a value the device
// refused is split out and the rest sent again, within the session. Nothing to do: nothing sent.
// The installer checklist's checks read their values by themselves: a device matched by an
// enabled profile or bound to a subscriber that lacks them gets one bounded read of exactly what
// they need (check-reads.ts), once per device, not at every session.
import type { DeviceSummary } from '../../../../shared/models.ts';
import type { Logger } from '../../acs-types.ts';
import type { EventHub } from '../../events.ts';
import type { Store } from '../../store/index.ts';
import type { Quirks } from '../quirks.ts';
import type { SubscriberDirectory } from '../subscribers/directory.ts';
import { checkReads } from './check-reads.ts';
import type { StunEnvironment } from './plan-stun.ts';
import { planDevice, type Plan } from './planner.ts';
import { queueReads, queueSends } from './queue.ts';
import { chooseActive, finishSession, newSession, type SessionState } from './record.ts';
import { forgetApplied, settleItems } from './settle.ts';
import { buildView, storeMatchView, whyNot } from './view.ts';

export interface ProfileEngineDeps {
  store: Store;
  events: EventHub;
  log: Logger;
  now: () => Date;
  quirksFor: (deviceId: string) => Quirks;
  /** A task changed inside a session's transaction (announced after its commit). */
  changed: (task: { id: number; deviceId: string }) => void;
  subscribers?: SubscriberDirectory | undefined;
  /** Asks the device for a session now (a connection request); absent: at its next Inform. */
  wake?: ((deviceId: string) => void) | undefined;
  /** DeskACS's STUN server for a profile's `stun` item (absent: off). */
  stun?: (() => StunEnvironment) | undefined;
}

export interface ProfileEngine {
  /** Called when the device's queue is empty in a session: true when tasks were queued. */
  beforeIdle(deviceId: string): boolean;
  /** Apply these profiles (or all that match) at the device's next session, whatever their `when`. */
  request(deviceId: string, profiles: string[] | 'all'): void;
  /** Keeps the profile from these devices (a rollout's waves not started yet) until released. */
  hold(profile: string, deviceIds: Iterable<string>): void;
  /** Lets the profile apply to these devices again (all held ones when absent). */
  release(profile: string, deviceIds?: Iterable<string>): void;
  /** Wires the subscriber directory (when it is built after the engine). */
  setSubscribers(directory: SubscriberDirectory): void;
  subscribers(): SubscriberDirectory | undefined;
  /** Emits provisioningChanged for the device once the current transaction is over. */
  announce(deviceId: string): void;
  close(): void;
}

/** Rounds of reads and sends per session (read, send, resend without refused values, confirm). */
const MAX_ROUNDS = 6;
/** A failed firmware download is tried again an hour later at the earliest (a retry asks now). */
const FIRMWARE_RETRY_MS = 3_600_000;

class Engine implements ProfileEngine {
  private readonly sessions = new Map<string, SessionState>();
  private readonly requested = new Map<string, Set<string> | 'all'>();
  /**
   * Devices whose last plan found everything in place, by the fingerprint of the profiles and
   * subscriber it was planned with: a plain periodic session of such a device is not planned
   * again (listing and resolving a large tree costs tens of milliseconds). Forgotten when a task
   * of the device changes, or an Inform carries anything but '2 PERIODIC'.
   */
  private readonly converged = new Map<string, string>();
  /**
   * Per device, the paths read for the installer checklist's checks (never asked twice, so a
   * value that stays unknown costs one read). Forgotten at a bootstrap or a binding change.
   */
  private readonly checked = new Map<string, Set<string>>();
  /** Per profile, the devices a rollout in waves has not reached yet (hold/release). */
  private readonly held = new Map<string, Set<string>>();
  private directory: SubscriberDirectory | undefined;
  private unbind = (): void => {};
  private readonly offs: (() => void)[];

  constructor(private readonly deps: ProfileEngineDeps) {
    const { events } = deps;
    this.offs = [
      events.on('deviceInformed', (e) => this.informed(e.deviceId, e.events, e.isNew)),
      events.on('sessionEnded', (e) => this.sessionEnded(e.deviceId)),
      events.on('taskUpdated', (e) => this.taskUpdated(e.taskId, e.deviceId)),
    ];
    this.setSubscribers(deps.subscribers);
  }

  beforeIdle(deviceId: string): boolean {
    const st = this.sessions.get(deviceId);
    if (st === undefined || st.finished) return false;
    try {
      return this.deps.store.transaction(() => this.step(deviceId, st));
    } catch (err) {
      st.finished = true;
      this.deps.log.error('profile engine failed', { device: deviceId, error: String(err) });
      return false;
    }
  }

  request(deviceId: string, profiles: string[] | 'all'): void {
    const current = this.requested.get(deviceId);
    if (profiles === 'all' || current === 'all') this.requested.set(deviceId, 'all');
    else this.requested.set(deviceId, new Set([...(current ?? []), ...profiles]));
  }

  hold(profile: string, deviceIds: Iterable<string>): void {
    const set = this.held.get(profile) ?? new Set<string>();
    for (const id of deviceIds) set.add(id);
    this.held.set(profile, set);
  }

  release(profile: string, deviceIds?: Iterable<string>): void {
    const set = this.held.get(profile);
    if (set === undefined) return;
    if (deviceIds === undefined) set.clear();
    else for (const id of deviceIds) set.delete(id);
    if (set.size === 0) this.held.delete(profile);
  }

  setSubscribers(dir: SubscriberDirectory | undefined): void {
    this.unbind();
    this.directory = dir;
    this.unbind =
      dir?.onBindingChanged((deviceId) => {
        this.checked.delete(deviceId);
        this.request(deviceId, 'all');
        this.announce(deviceId);
        this.deps.wake?.(deviceId);
      }) ?? ((): void => {});
  }

  subscribers(): SubscriberDirectory | undefined {
    return this.directory;
  }

  announce(deviceId: string): void {
    // After the current transaction commits: listeners read committed rows.
    setImmediate(() => this.deps.events.emit('provisioningChanged', { deviceId }));
  }

  close(): void {
    for (const off of this.offs) off();
    this.unbind();
  }

  /** A session starts: nothing to remember when no profile is enabled (the common case costs one query). */
  private informed(deviceId: string, events: string[], isNew: boolean): void {
    if (isNew || events.some((e) => e.toUpperCase() !== '2 PERIODIC')) this.converged.delete(deviceId);
    const bootstrap = events.some((e) => e.toUpperCase() === '0 BOOTSTRAP');
    if (isNew || bootstrap) this.checked.delete(deviceId);
    if (bootstrap && !isNew) this.factoryReset(deviceId);
    if (this.deps.store.profiles.anyEnabled() || this.requested.has(deviceId) || this.uncheckedBound(deviceId))
      this.sessions.set(deviceId, newSession(events, isNew, this.deps.now()));
    else this.sessions.delete(deviceId);
  }

  /** A known device bootstrapped again (its stored tree was dropped): what was applied is applied again. */
  private factoryReset(deviceId: string): void {
    const { store } = this.deps;
    try {
      if (store.transaction(() => forgetApplied(store, deviceId, this.deps.now()))) this.announce(deviceId);
    } catch (err) {
      this.deps.log.warn('could not reset the profile items of a bootstrapped device', { device: deviceId, error: String(err) });
    }
  }

  /** A device bound to a subscriber whose checks were never looked at in this run (no profile enabled). */
  private uncheckedBound(deviceId: string): boolean {
    if (this.directory === undefined || this.checked.has(deviceId)) return false;
    try {
      return this.directory.forDevice(deviceId) !== null;
    } catch {
      return false;
    }
  }

  /**
   * Refresh tasks for what the checks lack, none asked before for this device (queued reads are
   * added to `st.read`: the plan then knows them read). Returns the paths to queue.
   */
  private checkReadsOf(deviceId: string, st: SessionState, view: ReturnType<typeof buildView>): string[] {
    const done = this.checked.get(deviceId) ?? new Set<string>();
    this.checked.set(deviceId, done);
    const reads = checkReads(view, new Set([...done, ...st.read]));
    for (const r of reads) done.add(r);
    return reads;
  }

  /** No profile is due in this session: the checks' reads only, for a matched or bound device, once per run. */
  private readChecksOnly(deviceId: string, st: SessionState, device: DeviceSummary): boolean {
    st.finished = true;
    if (this.checked.has(deviceId)) return false;
    const { store } = this.deps;
    const mv = storeMatchView(store, device);
    let bound = false;
    try {
      bound = this.directory?.forDevice(deviceId) != null;
    } catch {
      bound = false;
    }
    if (!bound && !store.profiles.list().some((p) => whyNot(p, mv) === null)) {
      this.checked.set(deviceId, new Set());
      return false;
    }
    const reads = this.checkReadsOf(deviceId, st, buildView(store, device, this.directory, st.read));
    return reads.length > 0 && queueReads(store, deviceId, reads, this.deps.quirksFor(deviceId), this.deps.now(), this.deps.changed) > 0;
  }

  private sessionEnded(deviceId: string): void {
    const st = this.sessions.get(deviceId);
    this.sessions.delete(deviceId);
    if (st === undefined || st.finished || st.active === null || st.active.length === 0) return;
    try {
      this.deps.store.transaction(() => this.finish(deviceId, st));
    } catch (err) {
      this.deps.log.warn('could not record a profile application', { device: deviceId, error: String(err) });
    }
  }

  private taskUpdated(taskId: number, deviceId: string): void {
    const { store } = this.deps;
    this.converged.delete(deviceId);
    const items = store.profiles.itemsOfTask(taskId);
    if (items.length === 0) return;
    if (store.transaction(() => settleItems(store, items, this.deps.now()))) this.announce(deviceId);
  }

  /** The plan of the session's profiles, every matching profile competing for its slots. */
  private plan(deviceId: string, st: SessionState, view: ReturnType<typeof buildView>): Plan {
    const { store } = this.deps;
    const matching = store.profiles.list().filter((p) => whyNot(p, view) === null);
    const only = new Set((st.active ?? []).map((p) => p.name));
    const firmwareRetryAfter = new Date(this.deps.now().getTime() - FIRMWARE_RETRY_MS).toISOString();
    return planDevice(store, view, matching, {
      quirks: this.deps.quirksFor(deviceId),
      failedSince: st.startedAt,
      firmwareRetryAfter,
      only,
      stun: this.deps.stun?.(),
      keepStunCredentials: true,
    });
  }

  private finish(deviceId: string, st: SessionState, plan?: Plan): boolean {
    st.finished = true;
    const { store } = this.deps;
    const device = store.devices.get(deviceId);
    if (device === undefined || st.active === null || st.active.length === 0) return false;
    const final = plan ?? this.plan(deviceId, st, buildView(store, device, this.directory, st.read));
    const changed = finishSession(store, deviceId, st, final, this.requested.has(deviceId) ? 'manual' : null, this.deps.now());
    const settled = final.steps.every((x) => x.status === 'satisfied' || x.status === 'unsupported' || x.status === 'overridden');
    if (settled && final.rpcs.length === 0 && final.reads.length === 0) this.converged.set(deviceId, this.fingerprint(deviceId));
    else this.converged.delete(deviceId);
    this.requested.delete(deviceId);
    if (changed) this.announce(deviceId);
    return false;
  }

  /** Profiles (names, versions, on/off, priorities), the device's subscriber and newest task, as one text. */
  private fingerprint(deviceId: string): string {
    const profiles = this.deps.store.profiles.list().map((p) => `${p.name}:${p.version}:${p.enabled}:${p.priority}`);
    let subscriber = '';
    try {
      subscriber = JSON.stringify(this.directory?.forDevice(deviceId) ?? null);
    } catch {
      subscriber = '?';
    }
    // A task of the device queued or finished since (an operator's change) makes it plan again.
    const task = this.deps.store.tasks.list({ deviceId, limit: 1 })[0];
    return `${profiles.join('|')}#${subscriber}#${task?.id ?? 0}:${task?.status ?? ''}`;
  }

  /** A plain periodic session of a device found converged with the same profiles and subscriber. */
  private unchanged(deviceId: string, st: SessionState): boolean {
    if (this.requested.has(deviceId) || st.triggers.size !== 1) return false;
    const kept = this.converged.get(deviceId);
    return kept !== undefined && kept === this.fingerprint(deviceId);
  }

  /** One round: settle, plan, then queue the reads, else the sends, else finish. */
  private step(deviceId: string, st: SessionState): boolean {
    const { store, log } = this.deps;
    const device = store.devices.get(deviceId);
    if (device === undefined) return false;
    const at = this.deps.now();
    if (st.round === 0 && this.unchanged(deviceId, st)) {
      st.finished = true;
      return false;
    }
    settleItems(store, store.profiles.items(deviceId), at);
    if (st.round >= MAX_ROUNDS) return this.finish(deviceId, st);
    st.round += 1;
    st.active ??= chooseActive(store, st, storeMatchView(store, device), this.requested.get(deviceId)).filter(
      (p) => this.held.get(p.name)?.has(deviceId) !== true,
    );
    if (st.active.length === 0) return this.readChecksOnly(deviceId, st, device);
    const view = buildView(store, device, this.directory, st.read);
    const plan = this.plan(deviceId, st, view);
    const quirks = this.deps.quirksFor(deviceId);
    const planned = plan.reads.filter((r) => !st.read.has(r));
    const checks = this.checkReadsOf(deviceId, st, view).filter((r) => !planned.includes(r));
    const reads = [...planned, ...checks];
    if (reads.length > 0) {
      for (const r of reads) st.read.add(r);
      if (queueReads(store, deviceId, reads, quirks, at, this.deps.changed) > 0) return true;
    }
    if (plan.rpcs.length === 0) return this.finish(deviceId, st, plan);
    queueSends(store, deviceId, plan, st, quirks, at, this.deps.changed, log);
    this.announce(deviceId);
    return true;
  }
}

export function createProfileEngine(deps: ProfileEngineDeps): ProfileEngine {
  return new Engine(deps);
}

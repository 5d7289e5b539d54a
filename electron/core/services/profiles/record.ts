// The end of the engine's work in a session: item states the plan proved (done because the
// device already has the value, failed because the value cannot be sent), and one recorded
// application per profile that sent something, changed version, or was asked for.
import type { PlannedRpc, ProfileApplication, ProfileTrigger } from '../../../../shared/models-provisioning.ts';
import type { Store } from '../../store/index.ts';
import type { StoredProfile } from '../../store/profiles.ts';
import type { Plan, PlanStep } from './planner.ts';
import { type MatchView, whyNot } from './view.ts';

/** The engine's memory of one device's session. */
export interface SessionState {
  triggers: Set<ProfileTrigger>;
  startedAt: string;
  /** Paths read (refresh tasks queued) in this session. */
  read: Set<string>;
  round: number;
  /** The profiles applied in this session (chosen at its first idle moment). */
  active: StoredProfile[] | null;
  /** Per profile: the RPCs queued for it and their tasks. */
  sent: Map<string, { rpcs: PlannedRpc[]; taskIds: number[] }>;
  finished: boolean;
}

/** A session's state at its Inform: which triggers it carries. */
export function newSession(events: readonly string[], isNew: boolean, at: Date): SessionState {
  const triggers = new Set<ProfileTrigger>(['everyInform']);
  const codes = events.map((c) => c.toUpperCase());
  if (isNew || codes.includes('0 BOOTSTRAP')) triggers.add('firstContact');
  if (codes.includes('1 BOOT')) triggers.add('boot');
  return { triggers, startedAt: at.toISOString(), read: new Set(), round: 0, active: null, sent: new Map(), finished: false };
}

/** The profiles to apply in this session: enabled, matching, and due (trigger, change, retry, request). */
export function chooseActive(store: Store, st: SessionState, view: MatchView, wanted: Set<string> | 'all' | undefined): StoredProfile[] {
  const deviceId = view.device.id;
  const items = store.profiles.items(deviceId);
  return store.profiles.list().filter((p) => {
    if (whyNot(p, view) !== null) return false;
    const when = p.document.when ?? ['firstContact', 'everyInform'];
    if (when.some((t) => st.triggers.has(t))) return true;
    if (wanted === 'all' || wanted?.has(p.name) === true) return true;
    if (when.includes('profileChange') && store.profiles.lastAppliedVersion(deviceId, p.name) < p.version) return true;
    return items.some((i) => i.profile === p.name && i.state !== 'done');
  });
}

const PENDING: ReadonlySet<PlanStep['status']> = new Set(['inflight', 'waiting', 'read', 'send']);

/** Writes what the final plan proved about items; true when a row changed. */
function storeProvenItems(store: Store, deviceId: string, plan: Plan, at: Date): boolean {
  const stored = new Map(store.profiles.items(deviceId).map((i) => [`${i.profile}\u0000${i.item}`, i]));
  let changed = false;
  for (const s of plan.steps) {
    if (s.status !== 'satisfied' && s.status !== 'invalid') continue;
    const state = s.status === 'satisfied' ? 'done' : 'failed';
    const old = stored.get(`${s.profile}\u0000${s.item}`);
    if (old !== undefined && old.state === state && old.valueHash === s.hash && old.message === s.message) continue;
    if (old?.state === 'done' && state === 'done' && old.valueHash === s.hash) continue;
    store.profiles.putItem(
      {
        deviceId,
        profile: s.profile,
        item: s.item,
        path: s.path,
        valueHash: s.hash,
        state,
        taskId: null,
        message: state === 'done' ? null : s.message,
        version: s.version,
      },
      at,
    );
    changed = true;
  }
  return changed;
}

function resultOf(steps: PlanStep[], sentAnything: boolean): ProfileApplication['result'] {
  const failed = steps.filter((s) => s.status === 'failed' || s.status === 'invalid').length;
  const pending = steps.filter((s) => PENDING.has(s.status)).length;
  if (failed > 0) return steps.some((s) => s.status === 'satisfied') ? 'partial' : 'failed';
  if (pending > 0) return 'pending';
  return sentAnything ? 'applied' : 'nothing-to-do';
}

function messageOf(steps: PlanStep[]): string | null {
  const notes = steps
    .filter((s) => s.status === 'failed' || s.status === 'invalid' || s.status === 'waiting' || s.status === 'unsupported')
    .map((s) => `${s.item}: ${s.message ?? s.status}`);
  return notes.length === 0 ? null : notes.join('; ');
}

export function triggerOf(st: SessionState, manual: 'manual' | null): ProfileTrigger | 'manual' {
  if (manual !== null) return manual;
  if (st.triggers.has('firstContact')) return 'firstContact';
  if (st.triggers.has('boot')) return 'boot';
  return 'everyInform';
}

/** Item states and applications at the end of the session's work; true when anything changed. */
export function finishSession(store: Store, deviceId: string, st: SessionState, plan: Plan, manual: 'manual' | null, at: Date): boolean {
  let changed = storeProvenItems(store, deviceId, plan, at);
  for (const p of st.active ?? []) {
    const steps = plan.steps.filter((s) => s.profile === p.name);
    const sent = st.sent.get(p.name);
    const firstOfVersion = store.profiles.lastAppliedVersion(deviceId, p.name) < p.version;
    if (sent === undefined && !firstOfVersion && manual === null) continue;
    store.profiles.recordApplication({
      deviceId,
      profile: p.name,
      version: p.version,
      trigger:
        firstOfVersion && p.version > 1 && !st.triggers.has('firstContact') && manual === null ? 'profileChange' : triggerOf(st, manual),
      rpcs: sent?.rpcs ?? [],
      result: resultOf(steps, sent !== undefined),
      message: messageOf(steps),
      taskIds: sent?.taskIds ?? [],
      at,
    });
    changed = true;
  }
  return changed;
}

// The one planner behind the engine, the dry run and the checklist: the matching profiles'
// items on a device, merged by priority (conflicts recorded), compared with what the store knows
// (and, for secrets the CPE reports as empty, with what the engine itself applied), and turned
// into the reads needed first and exactly the RPCs that would be sent: only differences.
import type { PlannedRpc, ProfileConflict } from '../../../../shared/models-provisioning.ts';
import type { Store } from '../../store/index.ts';
import type { StoredItem, StoredProfile } from '../../store/profiles.ts';
import type { Quirks } from '../quirks.ts';
import { checkParameterValue } from '../value-check.ts';
import type { DesiredItem, DeviceView } from './items.ts';
import { expandProfile } from './items.ts';
import { compareVersions } from './match.ts';
import { hideSecret, isSecret, masked, valueHash } from './secrets.ts';
import { decideObject, sameValue } from './plan-objects.ts';
import { decideStun, type StunEnvironment, stunReads, stunShown, stunSlot } from './plan-stun.ts';

export type StepStatus = 'satisfied' | 'send' | 'read' | 'unsupported' | 'waiting' | 'inflight' | 'failed' | 'invalid' | 'overridden';

export interface PlanStep {
  profile: string;
  version: number;
  item: string;
  label: string;
  path: string | null;
  /** Masked when secret. */
  value: string | null;
  hash: string;
  status: StepStatus;
  message: string | null;
}

/** Which profile item an RPC entry carries (its step is settled by the RPC's task). */
export interface ItemRef {
  profile: string;
  version: number;
  item: string;
  path: string | null;
  hash: string;
}

export interface Sends {
  values: { path: string; value: string; type: string; secret: boolean; ref: ItemRef }[];
  objects: { table: string; values: [string, string][]; ref: ItemRef }[];
  attributes: { path: string; notification: 0 | 1 | 2; ref: ItemRef }[];
  cr: { username: string; password: string; ref: ItemRef } | null;
  firmware: { fileId: number; ref: ItemRef } | null;
}

export interface Plan {
  reads: string[];
  rpcs: PlannedRpc[];
  sends: Sends;
  steps: PlanStep[];
  unsupported: string[];
  conflicts: ProfileConflict[];
}

export interface PlanOptions {
  quirks: Quirks;
  /** Items that failed at or after this time are not sent again now (a session's start). */
  failedSince: string | null;
  /** A firmware item that failed at or after this time is not sent again yet. */
  firmwareRetryAfter?: string | null | undefined;
  /**
   * Only these profiles' items are planned; the others given still win their slots by priority
   * (a profile not due in this session still keeps a lower one from overriding its values).
   */
  only?: ReadonlySet<string> | undefined;
  /** DeskACS's STUN server (a profile's `stun` item); absent: the server is off. */
  stun?: StunEnvironment | undefined;
  /** New STUN credentials are kept when planned (the engine; a dry run or checklist only shows them). */
  keepStunCredentials?: boolean | undefined;
}

type Decision = { status: StepStatus; message: string | null; path: string | null; value: string | null; hash: string };

export interface PlanContext {
  store: Store;
  view: DeviceView;
  items: Map<string, StoredItem>;
  options: PlanOptions;
  sends: Sends;
}

const itemKey = (profile: string, item: string): string => `${profile}\u0000${item}`;

export function liveTask(store: Store, taskId: number | null): boolean {
  if (taskId === null) return false;
  const s = store.tasks.get(taskId)?.status;
  return s === 'queued' || s === 'running';
}

const earliest = (a: string | null, b: string | null | undefined): string | null =>
  a === null ? (b ?? null) : b === null || b === undefined ? a : a < b ? a : b;

/** In flight (its task is live) or failed in this session: not sent again now. */
export function heldBack(ctx: PlanContext, d: DesiredItem, hash: string): Decision | null {
  const stored = ctx.items.get(itemKey(d.profile.name, d.item));
  if (stored === undefined || stored.valueHash !== hash) return null;
  if (stored.state === 'pending' && liveTask(ctx.store, stored.taskId))
    return { status: 'inflight', message: stored.message ?? `task ${stored.taskId} is under way`, path: stored.path, value: null, hash };
  // A failed firmware download is not tried again at every session: an hour later at the earliest.
  const since = d.kind === 'firmware' ? earliest(ctx.options.failedSince, ctx.options.firmwareRetryAfter) : ctx.options.failedSince;
  if (stored.state === 'failed' && since !== null && stored.at >= since)
    return { status: 'failed', message: stored.message, path: stored.path, value: null, hash };
  return null;
}

export const appliedBefore = (ctx: PlanContext, d: DesiredItem, hash: string): boolean => {
  const stored = ctx.items.get(itemKey(d.profile.name, d.item));
  return stored?.state === 'done' && stored.valueHash === hash;
};

/** The item was reset by a factory reset (settle.ts forgetApplied) and not sent since. */
const forgotten = (ctx: PlanContext, d: DesiredItem): boolean => {
  const stored = ctx.items.get(itemKey(d.profile.name, d.item));
  return stored !== undefined && stored.valueHash === '' && stored.state === 'pending';
};

export const refOf = (d: DesiredItem, path: string | null, hash: string): ItemRef => ({
  profile: d.profile.name,
  version: d.profile.version,
  item: d.item,
  path,
  hash,
});

function decideValue(ctx: PlanContext, d: Extract<DesiredItem, { kind: 'value' }>): Decision {
  const none = { path: null, value: null, hash: '' };
  if (typeof d.value !== 'string') return { status: 'waiting', message: d.value.waiting, ...none };
  if ('read' in d.target) return { status: 'read', message: `reading ${d.target.read.join(', ')} first`, ...none };
  if ('unsupported' in d.target) return { status: 'unsupported', message: d.target.unsupported, ...none };
  const path = d.target.path;
  const hash = valueHash(path, d.value);
  const shown = masked(d.value, d.secret);
  const held = heldBack(ctx, d, hash);
  if (held !== null) return { ...held, path, value: shown };
  const row = ctx.view.rows.get(path);
  if (d.secret ? appliedBefore(ctx, d, hash) : row?.value != null && sameValue(row.value, d.value, row.type))
    return { status: 'satisfied', message: null, path, value: shown, hash };
  if (!d.secret && row?.value == null && !ctx.view.read.has(path))
    return { status: 'read', message: `reading ${path} first`, path, value: shown, hash };
  const verdict = checkParameterValue(ctx.store, ctx.view.device.id, path, d.value, undefined, ctx.options.quirks);
  if (!verdict.ok) {
    const message = d.secret ? hideSecret(verdict.message, d.value) : verdict.message;
    return { status: message.includes('read-only') ? 'unsupported' : 'invalid', message, path, value: shown, hash };
  }
  ctx.sends.values.push({ path, value: verdict.value, type: verdict.type, secret: d.secret, ref: refOf(d, path, hash) });
  return { status: 'send', message: null, path, value: shown, hash };
}

function decideAttribute(ctx: PlanContext, d: Extract<DesiredItem, { kind: 'attribute' }>): Decision {
  const none = { path: null, value: null, hash: '' };
  if ('read' in d.target) return { status: 'read', message: `reading ${d.target.read.join(', ')} first`, ...none };
  if ('unsupported' in d.target) return { status: 'unsupported', message: d.target.unsupported, ...none };
  const path = d.target.path;
  const hash = valueHash(path, `notification=${d.notification}`);
  const value = `notification ${d.notification}`;
  const held = heldBack(ctx, d, hash);
  if (held !== null) return { ...held, path, value };
  if (appliedBefore(ctx, d, hash)) return { status: 'satisfied', message: null, path, value, hash };
  ctx.sends.attributes.push({ path, notification: d.notification, ref: refOf(d, path, hash) });
  return { status: 'send', message: null, path, value, hash };
}

function decideCr(ctx: PlanContext, d: Extract<DesiredItem, { kind: 'cr' }>): Decision {
  if (d.waiting !== null) return { status: 'waiting', message: d.waiting, path: null, value: null, hash: '' };
  const hash = valueHash('connectionRequest', `${d.username}\u0000${d.password}`);
  const value = `${d.username} / ${masked(d.password, true)}`;
  const held = heldBack(ctx, d, hash);
  if (held !== null) return { ...held, value };
  const kept = ctx.store.crCredentials.get(ctx.view.device.id);
  // After a factory reset the kept credentials prove nothing: the device is back on its own.
  if (kept?.username === d.username && kept.password === d.password && !forgotten(ctx, d))
    return { status: 'satisfied', message: null, path: null, value, hash };
  if (ctx.view.device.rootObject === '')
    return { status: 'read', message: 'the data model root is not known yet', path: null, value, hash };
  if (ctx.sends.cr === null) ctx.sends.cr = { username: d.username, password: d.password, ref: refOf(d, null, hash) };
  return { status: 'send', message: null, path: null, value, hash };
}

function decideFirmware(ctx: PlanContext, d: Extract<DesiredItem, { kind: 'firmware' }>): Decision {
  const hash = valueHash('firmware', `${d.fileId}\u0000${d.minVersion}`);
  const file = ctx.store.files.get(d.fileId);
  const current = ctx.view.device.softwareVersion;
  const value = `${current || 'unknown'} -> at least ${d.minVersion}`;
  if (current !== '' && compareVersions(current, d.minVersion) >= 0)
    return { status: 'satisfied', message: `running ${current}`, path: null, value, hash };
  if (file === undefined)
    return { status: 'unsupported', message: `firmware: file ${d.fileId} is not in the library`, path: null, value, hash };
  const held = heldBack(ctx, d, hash);
  if (held !== null) return { ...held, value };
  if (ctx.sends.firmware === null) ctx.sends.firmware = { fileId: d.fileId, ref: refOf(d, null, hash) };
  return { status: 'send', message: `download ${file.name}${file.version ? ` (${file.version})` : ''}`, path: null, value, hash };
}

function decide(ctx: PlanContext, d: DesiredItem): Decision {
  switch (d.kind) {
    case 'value':
      return decideValue(ctx, d);
    case 'object':
      return decideObject(ctx, d);
    case 'attribute':
      return decideAttribute(ctx, d);
    case 'cr':
      return decideCr(ctx, d);
    case 'firmware':
      return decideFirmware(ctx, d);
    case 'stun':
      return decideStun(ctx, d);
  }
}

/** The key two items compete for: a value's path, the CR credentials, the firmware floor. */
function slotOf(d: DesiredItem, view: DeviceView): string | null {
  if (d.kind === 'cr') return 'connectionRequest';
  if (d.kind === 'firmware') return 'firmware';
  if (d.kind === 'stun') return stunSlot(view);
  if (d.kind === 'value' && 'path' in d.target) return d.target.path;
  if (d.kind === 'attribute' && 'path' in d.target) return `attribute:${d.target.path}`;
  return null;
}

/** A value still waiting for its variables: its template (not a secret's), else a note. */
function waitingShown(d: DesiredItem): string {
  const template = d.kind === 'value' && !d.secret ? d.profile.document.set?.[d.item] : undefined;
  return template ?? '(waiting for a subscriber)';
}

function shownValue(d: DesiredItem): string {
  switch (d.kind) {
    case 'value':
      return typeof d.value === 'string' ? masked(d.value, d.secret) : waitingShown(d);
    case 'cr':
      return d.waiting !== null ? waitingShown(d) : `${d.username} / ${masked(d.password, true)}`;
    case 'firmware':
      return `file ${d.fileId}, at least ${d.minVersion}`;
    case 'attribute':
      return `notification ${d.notification}`;
    case 'object':
      return JSON.stringify(d.key);
    case 'stun':
      return stunShown(d);
  }
}

const rawValue = (d: DesiredItem): string =>
  d.kind === 'value' ? (typeof d.value === 'string' ? d.value : '') : d.kind === 'cr' ? `${d.username}\u0000${d.password}` : shownValue(d);

/** Profiles highest priority first; within a slot the first item wins, a different value is a conflict. */
export function planDevice(store: Store, view: DeviceView, profiles: readonly StoredProfile[], options: PlanOptions): Plan {
  const ordered = [...profiles].sort((a, b) => b.priority - a.priority || a.name.localeCompare(b.name));
  const items = new Map(store.profiles.items(view.device.id).map((i) => [itemKey(i.profile, i.item), i]));
  const sends: Sends = { values: [], objects: [], attributes: [], cr: null, firmware: null };
  const ctx: PlanContext = { store, view, items, options, sends };
  const winners = new Map<string, DesiredItem>();
  const conflicts: ProfileConflict[] = [];
  const steps: PlanStep[] = [];
  const reads = new Set<string>();
  for (const d of ordered.flatMap((p) => expandProfile(view, p))) {
    const slot = slotOf(d, view);
    const winner = slot === null ? undefined : winners.get(slot);
    const stepBase = { profile: d.profile.name, version: d.profile.version, item: d.item, label: d.label };
    if (winner !== undefined && slot !== null) {
      if (rawValue(winner) !== rawValue(d))
        conflicts.push({
          path: slot,
          winner: { profile: winner.profile.name, value: shownValue(winner) },
          loser: { profile: d.profile.name, value: shownValue(d) },
        });
      const message = `set by profile '${winner.profile.name}' (priority ${winner.profile.priority})`;
      steps.push({ ...stepBase, path: slot, value: shownValue(d), hash: '', status: 'overridden', message });
      continue;
    }
    if (slot !== null) winners.set(slot, d);
    if (options.only !== undefined && !options.only.has(d.profile.name)) continue;
    const decision = decide(ctx, d);
    if (d.kind === 'value' && 'read' in d.target) for (const r of d.target.read) reads.add(r);
    if ((d.kind === 'attribute' || d.kind === 'object' || d.kind === 'stun') && decision.status === 'read')
      for (const r of readsOf(d, view)) reads.add(r);
    if (d.kind === 'value' && decision.status === 'read' && decision.path !== null) reads.add(decision.path);
    steps.push({ ...stepBase, ...decision });
  }
  const unsupported = steps.filter((s) => s.status === 'unsupported').map((s) => s.message ?? s.item);
  return { reads: [...reads], rpcs: plannedRpcs(store, sends), sends, steps, unsupported, conflicts };
}

function readsOf(d: DesiredItem, view: DeviceView): string[] {
  if (d.kind === 'attribute' && 'read' in d.target) return d.target.read;
  if (d.kind === 'object' && !view.read.has(d.object.table)) return [d.object.table];
  if (d.kind === 'stun') return stunReads(view);
  return [];
}

const reasons = (refs: ItemRef[]): string => [...new Set(refs.map((r) => `${r.profile}: ${r.item}`))].join(', ');

/** The RPCs the sends become, as the engine queues them (secrets masked). */
export function plannedRpcs(store: Store, s: Sends): PlannedRpc[] {
  const out: PlannedRpc[] = [];
  if (s.values.length > 0)
    out.push({
      method: 'SetParameterValues',
      detail: { parameterList: s.values.map((v) => ({ name: v.path, value: masked(v.value, v.secret), type: v.type })) },
      reason: reasons(s.values.map((v) => v.ref)),
    });
  for (const o of s.objects)
    out.push({
      method: 'AddObject',
      detail: { objectName: o.table, values: Object.fromEntries(o.values.map(([k, v]) => [k, masked(v, isSecret(k))])) },
      reason: reasons([o.ref]),
    });
  if (s.attributes.length > 0)
    out.push({
      method: 'SetParameterAttributes',
      detail: { parameterList: s.attributes.map((a) => ({ name: a.path, notificationChange: true, notification: a.notification })) },
      reason: reasons(s.attributes.map((a) => a.ref)),
    });
  if (s.cr !== null)
    out.push({
      method: 'SetParameterValues',
      detail: { connectionRequestUsername: s.cr.username, connectionRequestPassword: masked(s.cr.password, true) },
      reason: reasons([s.cr.ref]),
    });
  if (s.firmware !== null) {
    const f = store.files.get(s.firmware.fileId);
    out.push({
      method: 'Download',
      detail: { fileId: s.firmware.fileId, fileName: f?.name ?? null, version: f?.version ?? null, fileType: f?.fileType ?? null },
      reason: reasons([s.firmware.ref]),
    });
  }
  return out;
}

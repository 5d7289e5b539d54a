// GET /api/devices/:id/provisioning: the installer's checklist. Steps are the matching profiles'
// items as the planner sees them now, with the engine's recorded outcome (done, failed with the
// fault explained, pending with what it waits for, unsupported); checks are read from the stored
// values: firmware floor, WAN address, PPPoE connected, Wi-Fi on with the expected SSID, periodic
// inform on. A check the stored tree cannot answer yet is pending "not read yet" only until the
// engine's one read of what it needs (check-reads.ts); after it, the answer is definite: ok,
// failed, or unsupported with the resolver's reason.
import type { DeviceProvisioning, ProvisioningCheck, ProvisioningStep } from '../../../../shared/models-provisioning.ts';
import type { Store } from '../../store/index.ts';
import type { StoredProfile } from '../../store/profiles.ts';
import type { DeviceView } from './items.ts';
import { pppoeStatusPath } from './check-reads.ts';
import { compareVersions } from './match.ts';
import type { Plan, PlanStep } from './planner.ts';

function stateOf(step: PlanStep): ProvisioningStep['state'] {
  switch (step.status) {
    case 'satisfied':
      return 'done';
    case 'failed':
    case 'invalid':
      return 'failed';
    case 'unsupported':
      return 'unsupported';
    // Its own state: the value was never sent, so it is never "done" (nor waited for).
    case 'overridden':
      return 'overridden';
    default:
      return 'pending';
  }
}

export function stepsOf(store: Store, deviceId: string, plan: Plan): ProvisioningStep[] {
  const items = new Map(store.profiles.items(deviceId).map((i) => [`${i.profile}\u0000${i.item}`, i]));
  return plan.steps.map((s) => {
    const stored = items.get(`${s.profile}\u0000${s.item}`);
    const message = s.status === 'send' ? (stored?.message ?? "to be sent at the device's next session") : s.message;
    return {
      profile: s.profile,
      item: s.item,
      label: s.label,
      value: s.value,
      state: stateOf(s),
      message: s.status === 'overridden' ? `Overridden: ${message ?? 'by a higher-priority profile'}; this value is not sent` : message,
      at: s.status === 'overridden' ? null : (stored?.at ?? null),
    };
  });
}

const setting = (view: DeviceView, key: string): { path: string | null; value: string | null } => {
  const s = view.settings.get(key);
  return { path: s?.path ?? null, value: s?.value ?? null };
};

/** A setting the device's tree was never read for (the resolver's reason says so). */
const unread = (reason: string | null | undefined): boolean => reason == null || /never read|refresh it first/.test(reason);

/** A check whose setting has no path: pending until read, then unsupported with the reason. */
function noPath(key: string, label: string, view: DeviceView, setting: string, what = 'not read yet'): ProvisioningCheck {
  const reason = view.settings.get(setting)?.unsupported;
  return unread(reason)
    ? { key, label, state: 'pending', detail: what }
    : { key, label, state: 'unsupported', detail: reason ?? 'not supported by this model' };
}

const flagOf = (text: string | null): boolean | null => {
  const v = (text ?? '').trim().toLowerCase();
  return v === 'true' || v === '1' ? true : v === 'false' || v === '0' ? false : null;
};

function firmwareCheck(view: DeviceView, profiles: readonly StoredProfile[]): ProvisioningCheck | null {
  const floors = profiles.map((p) => p.document.firmware?.minVersion).filter((v): v is string => v !== undefined);
  if (floors.length === 0) return null;
  const floor = floors.sort(compareVersions)[floors.length - 1] ?? '';
  const current = view.device.softwareVersion;
  const ok = current !== '' && compareVersions(current, floor) >= 0;
  return {
    key: 'firmware',
    label: `Firmware ${floor} or later`,
    state: ok ? 'ok' : 'pending',
    detail: `running ${current || 'an unknown version'}`,
  };
}

function wanCheck(view: DeviceView): ProvisioningCheck {
  const ip = setting(view, 'wan.ip');
  const label = 'WAN up with an address';
  if (ip.path === null) return noPath('wan', label, view, 'wan.ip');
  const up = ip.value !== null && ip.value !== '' && ip.value !== '0.0.0.0';
  return { key: 'wan', label, state: up ? 'ok' : 'failed', detail: up ? `address ${ip.value}` : 'no WAN address' };
}

function pppoeCheck(view: DeviceView, wanted: boolean): ProvisioningCheck | null {
  const user = setting(view, 'wan.pppoe.username');
  if (!wanted && (user.value ?? '') === '') return null;
  const label = 'PPPoE connected';
  if (user.path === null) return noPath('pppoe', label, view, 'wan.pppoe.username', 'no PPPoE connection found yet');
  const row = view.rows.get(pppoeStatusPath(user.path));
  const status = row?.value ?? null;
  if (row === undefined && view.rows.get(user.path)?.writable != null)
    return { key: 'pppoe', label, state: 'unsupported', detail: `login ${user.value ?? ''}; the device reports no connection status` };
  if (status === null) return { key: 'pppoe', label, state: 'pending', detail: `login ${user.value ?? ''}; status not read yet` };
  return { key: 'pppoe', label, state: status === 'Connected' ? 'ok' : 'failed', detail: `${status} as ${user.value ?? ''}` };
}

/** What the Wi-Fi check expects: no SSID step (any name is right), a value, or not known yet (pending). */
type ExpectedSsid = { any: true } | { value: string; applying: boolean } | { unknown: string };

function expectedSsid(plan: Plan): ExpectedSsid {
  const step = plan.steps.find((s) => s.item === 'wifi.ssid' && s.status !== 'overridden');
  if (step === undefined || step.status === 'unsupported') return { any: true };
  if (step.value === null) return { unknown: step.message ?? 'the SSID to expect is not known yet' };
  return { value: step.value, applying: ['send', 'inflight', 'read', 'waiting'].includes(step.status) };
}

function wifiCheck(view: DeviceView, want: ExpectedSsid): ProvisioningCheck {
  const ssid = setting(view, 'wifi.ssid');
  const on = flagOf(setting(view, 'wifi.enabled').value);
  const label = 'Wi-Fi on with the expected SSID';
  if (ssid.path === null) return noPath('wifi', label, view, 'wifi.ssid', 'Wi-Fi not read yet');
  if ('unknown' in want)
    return { key: 'wifi', label, state: 'pending', detail: `SSID ${ssid.value ?? 'unknown'}; expected: ${want.unknown}` };
  const expected = 'value' in want ? want.value : null;
  const right = expected === null || ssid.value === expected;
  // The step is still being applied: a different SSID now is pending, not failed.
  if (!right && 'applying' in want && want.applying && on !== false)
    return { key: 'wifi', label, state: 'pending', detail: `SSID ${ssid.value ?? 'unknown'}; ${expected} is being applied` };
  // A model that has no on/off switch (read, and not found) is judged on its SSID alone.
  const enabled = view.settings.get('wifi.enabled');
  const noSwitch = on === null && enabled?.path == null && !unread(enabled?.unsupported);
  const state = on === false ? 'off' : on === true ? 'on' : noSwitch ? 'no on/off switch' : 'state unknown';
  const detail = `${state}, SSID ${ssid.value ?? 'unknown'}${right ? '' : ` (expected ${expected})`}`;
  return { key: 'wifi', label, state: on !== false && right ? (on === true || noSwitch ? 'ok' : 'pending') : 'failed', detail };
}

function periodicCheck(view: DeviceView): ProvisioningCheck {
  const on = flagOf(setting(view, 'mgmt.periodicInformEnable').value);
  const interval = setting(view, 'mgmt.periodicInformInterval').value;
  const label = 'Periodic inform on';
  if (on === null && setting(view, 'mgmt.periodicInformEnable').path === null)
    return noPath('periodicInform', label, view, 'mgmt.periodicInformEnable');
  if (on === null) return { key: 'periodicInform', label, state: 'pending', detail: 'not read yet' };
  return { key: 'periodicInform', label, state: on ? 'ok' : 'failed', detail: on ? `every ${interval ?? '?'} s` : 'off' };
}

export function checksOf(view: DeviceView, profiles: readonly StoredProfile[], plan: Plan): ProvisioningCheck[] {
  const wantsPppoe = profiles.some((p) => p.document.set?.['wan.pppoe.username'] !== undefined);
  return [
    firmwareCheck(view, profiles),
    wanCheck(view),
    pppoeCheck(view, wantsPppoe),
    wifiCheck(view, expectedSsid(plan)),
    periodicCheck(view),
  ].filter((c): c is ProvisioningCheck => c !== null);
}

export function provisioningOf(
  store: Store,
  view: DeviceView,
  profiles: readonly StoredProfile[],
  plan: Plan,
  at: Date,
): DeviceProvisioning {
  const steps = stepsOf(store, view.device.id, plan);
  const checks = checksOf(view, profiles, plan);
  const failed = steps.some((s) => s.state === 'failed') || checks.some((c) => c.state === 'failed');
  const done =
    steps.every((s) => s.state === 'done' || s.state === 'unsupported' || s.state === 'overridden') &&
    checks.every((c) => c.state === 'ok' || c.state === 'unsupported');
  return {
    deviceId: view.device.id,
    subscriber:
      view.subscriber === null
        ? null
        : { ...view.subscriber, pppoePassword: mask(view.subscriber.pppoePassword), wifiKey: mask(view.subscriber.wifiKey) },
    profiles: profiles.map((p) => ({ name: p.name, version: p.version, priority: p.priority })),
    steps,
    checks,
    state: failed ? 'failed' : done ? 'done' : 'working',
    conflicts: plan.conflicts,
    updatedAt: at.toISOString(),
  };
}

const mask = (v: string | null): string | null => (v === null ? null : '••••••');

// A profile's items on one device: each `set` key, object, attribute, the connection-request
// credentials, periodic inform, the firmware floor and STUN, with its templates rendered and its target
// resolved to the device's real path (common settings through common-settings/), or why not:
// unsupported, waiting (a subscriber), or a read needed first (the tree was never read there).
import type { ProfileObject, Subscriber } from '../../../../shared/models-provisioning.ts';
import type { DeviceSummary, ParameterRow } from '../../../../shared/models.ts';
import type { DeviceSetting, SettingGroup } from '../../../../shared/models-settings.ts';
import type { StoredProfile } from '../../store/profiles.ts';
import { commonSetting } from '../common-settings/catalog.ts';
import { isSecret } from './secrets.ts';
import { render, type TemplateContext } from './templates.ts';

/** What one device looks like to the planner (read once per plan). */
export interface DeviceView {
  device: DeviceSummary;
  /** 'Device.' or 'InternetGatewayDevice.' */
  root: string;
  rows: Map<string, ParameterRow>;
  settings: Map<string, DeviceSetting>;
  subscriber: Subscriber | null;
  macAddress: string | null;
  /** Paths read in this session (a read is not asked twice). */
  read: ReadonlySet<string>;
  random(profile: string, item: string, length: number): string;
}

export type Target = { path: string } | { unsupported: string } | { read: string[] };

interface Base {
  profile: StoredProfile;
  item: string;
  label: string;
  secret: boolean;
}

export type DesiredItem = Base &
  (
    | { kind: 'value'; target: Target; value: string | { waiting: string } }
    | { kind: 'object'; object: ProfileObject; key: Record<string, string>; set: Record<string, string>; waiting: string | null }
    | { kind: 'attribute'; target: Target; notification: 0 | 1 | 2 }
    | { kind: 'cr'; username: string; password: string; waiting: string | null }
    | { kind: 'firmware'; fileId: number; minVersion: string }
    | { kind: 'stun'; enabled: boolean; serverAddress: string | null }
  );

/** The subtrees a group's settings are read from (mirrors common-settings/service.ts). */
const AREAS: Record<SettingGroup, { tr181: string[]; tr098: string[] }> = {
  'Wi-Fi 2.4 GHz': { tr181: ['Device.WiFi.'], tr098: ['InternetGatewayDevice.LANDevice.'] },
  'Wi-Fi 5 GHz': { tr181: ['Device.WiFi.'], tr098: ['InternetGatewayDevice.LANDevice.'] },
  WAN: { tr181: ['Device.IP.', 'Device.PPP.'], tr098: ['InternetGatewayDevice.WANDevice.'] },
  LAN: { tr181: ['Device.IP.', 'Device.DHCPv4.'], tr098: ['InternetGatewayDevice.LANDevice.'] },
  Management: { tr181: ['Device.ManagementServer.'], tr098: ['InternetGatewayDevice.ManagementServer.'] },
  Time: { tr181: ['Device.Time.'], tr098: ['InternetGatewayDevice.Time.'] },
};

/** A common setting key or raw path, on this device. */
export function resolveTarget(view: DeviceView, key: string): Target {
  const catalog = commonSetting(key);
  if (catalog !== undefined) {
    const s = view.settings.get(key);
    if (s?.path != null) return { path: s.path };
    const reason = s?.unsupported ?? 'not resolved';
    const areas = AREAS[catalog.group][view.root === 'Device.' ? 'tr181' : 'tr098'];
    const unread = areas.filter((a) => !view.read.has(a));
    if (/never read/.test(reason) && unread.length > 0) return { read: unread };
    return { unsupported: `${key}: ${/never read/.test(reason) ? 'not found on this device after reading it' : reason}` };
  }
  if (!key.startsWith(view.root)) return { unsupported: `${key}: this device's data model is ${view.root.slice(0, -1)}` };
  const row = view.rows.get(key);
  if (row !== undefined && !row.object) return { path: key };
  if (row?.object === true) return { unsupported: `${key}: an object, not a parameter` };
  if (view.read.has(key)) return { unsupported: `${key}: the device has no such parameter` };
  return { read: [key] };
}

function label(key: string): string {
  return commonSetting(key)?.label ?? key;
}

function renderAll(values: Record<string, string>, ctx: TemplateContext): { values: Record<string, string>; waiting: string | null } {
  const out: Record<string, string> = {};
  let waiting: string | null = null;
  for (const [k, v] of Object.entries(values)) {
    const r = render(v, ctx);
    if (r.ok) out[k] = r.value;
    else waiting ??= r.waiting;
  }
  return { values: out, waiting };
}

type Ctx = (item: string) => TemplateContext;

const base = (profile: StoredProfile, item: string, secret: boolean): Base => ({ profile, item, label: label(item), secret });

/** `set` entries and periodic inform: values at common settings or raw paths. */
function valueItems(view: DeviceView, profile: StoredProfile, ctxFor: Ctx): DesiredItem[] {
  const doc = profile.document;
  const value = (item: string, key: string, text: string): DesiredItem => {
    const r = render(text, ctxFor(item));
    const target = resolveTarget(view, key);
    return {
      ...base(profile, item, isSecret(key)),
      label: label(key),
      kind: 'value',
      target,
      value: r.ok ? r.value : { waiting: r.waiting },
    };
  };
  const out = Object.entries(doc.set ?? {}).map(([key, text]) => value(key, key, text));
  if (doc.periodicInform !== undefined) {
    out.push(value('periodicInform.enabled', 'mgmt.periodicInformEnable', String(doc.periodicInform.enabled)));
    if (doc.periodicInform.intervalSeconds !== undefined)
      out.push(value('periodicInform.interval', 'mgmt.periodicInformInterval', String(doc.periodicInform.intervalSeconds)));
  }
  return out;
}

function objectItems(profile: StoredProfile, ctxFor: Ctx): DesiredItem[] {
  return (profile.document.objects ?? []).map((o, i) => {
    const item = `objects[${i}]`;
    const key = renderAll(o.key, ctxFor(item));
    const set = renderAll(o.set ?? {}, ctxFor(item));
    const l = `${o.table} ${JSON.stringify(o.key)}`;
    return {
      ...base(profile, item, false),
      label: l,
      kind: 'object',
      object: o,
      key: key.values,
      set: set.values,
      waiting: key.waiting ?? set.waiting,
    };
  });
}

function attributeItems(view: DeviceView, profile: StoredProfile): DesiredItem[] {
  return (profile.document.attributes ?? []).map((a, i) => ({
    ...base(profile, `attributes[${i}]`, false),
    label: `Notification of ${label(a.parameter)}`,
    kind: 'attribute',
    target: resolveTarget(view, a.parameter),
    notification: a.notification,
  }));
}

function managementItems(profile: StoredProfile, ctxFor: Ctx): DesiredItem[] {
  const doc = profile.document;
  const out: DesiredItem[] = [];
  if (doc.connectionRequest !== undefined) {
    const u = render(doc.connectionRequest.username, ctxFor('connectionRequest'));
    const p = render(doc.connectionRequest.password, ctxFor('connectionRequest'));
    const waiting = !u.ok ? u.waiting : !p.ok ? p.waiting : null;
    const creds = { username: u.ok ? u.value : '', password: p.ok ? p.value : '' };
    out.push({ ...base(profile, 'connectionRequest', true), label: 'Connection-request credentials', kind: 'cr', ...creds, waiting });
  }
  const f = doc.firmware;
  if (f !== undefined)
    out.push({
      ...base(profile, 'firmware', false),
      label: `Firmware ${f.minVersion} or later`,
      kind: 'firmware',
      fileId: f.fileId,
      minVersion: f.minVersion,
    });
  if (doc.stun !== undefined)
    out.push({
      ...base(profile, 'stun', false),
      label: 'STUN for NAT traversal',
      kind: 'stun',
      enabled: doc.stun.enabled,
      serverAddress: doc.stun.serverAddress ?? null,
    });
  return out;
}

/** Every item of the profile, in the document's order. */
export function expandProfile(view: DeviceView, profile: StoredProfile): DesiredItem[] {
  const ctxFor: Ctx = (item) => ({
    device: view.device,
    macAddress: view.macAddress,
    subscriber: view.subscriber,
    random: (n) => view.random(profile.name, item, n),
  });
  return [
    ...valueItems(view, profile, ctxFor),
    ...objectItems(profile, ctxFor),
    ...attributeItems(view, profile),
    ...managementItems(profile, ctxFor),
  ];
}

// getDeviceSettings and setDeviceSettings: every common setting resolved over the device's stored
// tree (its data model's resolver), and a change of common settings as ONE setParameterValues
// task through the normal task service (which checks the values against the stored tree). The
// API's view masks secret values unless revealed (shownDeviceSettings).
import { AcsError } from '../../../../shared/errors.ts';
import type { CreateTaskResult, ParameterRow } from '../../../../shared/models.ts';
import type { CommonSettingKey, DeviceSetting, SettingGroup } from '../../../../shared/models-settings.ts';
import type { ScalarValue, TaskOptions, ValueTuple } from '../../../../shared/tasks.ts';
import type { Store } from '../../store/index.ts';
import { isSecretName, shownValue } from '../secret-params.ts';
import type { TaskService } from '../tasks/service.ts';
import { COMMON_SETTINGS, commonSetting } from './catalog.ts';
import { resolveTr098 } from './resolve-tr098.ts';
import { resolveTr181 } from './resolve-tr181.ts';
import { SettingsTree, type Resolutions } from './resolution.ts';

const IGD = 'InternetGatewayDevice.';

/** The subtrees each group is read from, per data model (a group none of whose names were read yet was never refreshed). */
const AREAS: Record<SettingGroup, { tr181: string[]; tr098: string[] }> = {
  'Wi-Fi 2.4 GHz': { tr181: ['Device.WiFi.'], tr098: [`${IGD}LANDevice.`] },
  'Wi-Fi 5 GHz': { tr181: ['Device.WiFi.'], tr098: [`${IGD}LANDevice.`] },
  WAN: { tr181: ['Device.IP.', 'Device.PPP.'], tr098: [`${IGD}WANDevice.`] },
  LAN: { tr181: ['Device.IP.', 'Device.DHCPv4.'], tr098: [`${IGD}LANDevice.`] },
  Management: { tr181: ['Device.ManagementServer.'], tr098: [`${IGD}ManagementServer.`] },
  Time: { tr181: ['Device.Time.'], tr098: [`${IGD}Time.`] },
};

export const NEVER_READ = 'the tree was never read: refresh it first';

/**
 * Every common setting over a device's stored parameters. A parameter whose names were never read
 * (only an Inform's values are stored) cannot prove a model lacks something: such settings say so.
 */
export function resolveDeviceSettings(rows: readonly ParameterRow[], rootObject: string): DeviceSetting[] {
  const tr098 = rootObject === 'InternetGatewayDevice';
  const t = new SettingsTree(rows);
  const resolved: Resolutions = tr098 ? resolveTr098(t) : resolveTr181(t);
  const namesRead = (prefix: string): boolean => rows.some((r) => r.path.startsWith(prefix) && (r.object || r.writable !== null));
  const anyRows = (prefix: string): boolean => rows.some((r) => r.path.startsWith(prefix));
  const treeRead = namesRead(tr098 ? IGD : 'Device.');
  return COMMON_SETTINGS.map((s) => {
    const r = resolved[s.key];
    const base = { key: s.key, label: s.label, group: s.group, secret: s.secret };
    if ('path' in r) {
      const row = t.row(r.path);
      return { ...base, path: r.path, value: row?.value ?? null, writable: row?.writable ?? null, unsupported: null };
    }
    const areas = AREAS[s.group][tr098 ? 'tr098' : 'tr181'];
    const areaUnread = areas.every((a) => !namesRead(a)) && areas.some(anyRows);
    const reason = !treeRead ? NEVER_READ : areaUnread ? `${areas.join(', ')} was never read: refresh it first` : r.unsupported;
    return { ...base, path: null, value: null, writable: null, unsupported: reason };
  });
}

/** The settings as the API shows them: a secret's value (a secret setting, or a secret parameter name) masked unless `reveal`. */
export function shownDeviceSettings(store: Store, id: string, reveal = false): DeviceSetting[] {
  const all = deviceSettings(store, id);
  if (reveal) return all;
  return all.map((s) => {
    const secret = s.secret || (s.path !== null && isSecretName(s.path));
    return secret ? { ...s, value: shownValue(true, s.value, false) } : s;
  });
}

/** The settings with their stored values in clear (for the core's own use: handover, reports, tasks). */
export function deviceSettings(store: Store, id: string): DeviceSetting[] {
  const device = store.devices.get(id);
  if (device === undefined) throw new AcsError('not_found', `no device with id '${id}'`);
  const root = device.rootObject === 'InternetGatewayDevice' ? IGD : 'Device.';
  return resolveDeviceSettings(store.parameters.list(id, root), device.rootObject);
}

/** The values' paths on this device; every unknown, unsupported or read-only key named in one bad_request. */
export function settingValues(settings: readonly DeviceSetting[], values: Readonly<Record<string, ScalarValue>>): ValueTuple[] {
  const byKey = new Map<string, DeviceSetting>(settings.map((s) => [s.key, s]));
  const out: ValueTuple[] = [];
  const problems: string[] = [];
  for (const [key, value] of Object.entries(values)) {
    const s = commonSetting(key) === undefined ? undefined : byKey.get(key as CommonSettingKey);
    if (s === undefined) problems.push(`'${key}' is not a common setting (GET /api/common-settings lists them)`);
    else if (s.path === null) problems.push(`'${key}' is not supported by this model: ${s.unsupported ?? 'no path'}`);
    else if (s.writable === false) problems.push(`'${key}' is read-only on this device (${s.path})`);
    else out.push([s.path, value]);
  }
  if (problems.length > 0) throw new AcsError('bad_request', problems.join('; '));
  if (out.length === 0) throw new AcsError('bad_request', "'values' must name at least one common setting");
  return out;
}

/** Queues one setParameterValues task for the given common settings. */
export function setDeviceSettings(
  store: Store,
  tasks: TaskService,
  id: string,
  values: Readonly<Record<string, ScalarValue>>,
  options: TaskOptions,
): Promise<CreateTaskResult> {
  const tuples = settingValues(deviceSettings(store, id), values);
  return tasks.create(id, { name: 'setParameterValues', values: tuples }, options);
}

// What the provisioning report says, gathered once for both its forms (HTML and PDF): the device,
// its subscriber (secrets masked), the profile engine's steps and checks (getProvisioning, when
// the engine is there), and the common settings as the device holds them (secrets masked).
// Every text goes through `scrub`, which masks any occurrence of a known secret: a value the
// engine or the device echoed cannot leak into a printed page.
import { AcsError } from '../../../../shared/errors.ts';
import type { DeviceSummary } from '../../../../shared/models.ts';
import type { DeviceProvisioning, Subscriber } from '../../../../shared/models-provisioning.ts';
import type { Store } from '../../store/index.ts';
import { deviceSettings } from '../common-settings/service.ts';
import { masked, SECRET_MASK } from '../subscribers/fields.ts';

export interface ReportSetting {
  key: string;
  label: string;
  value: string;
  path: string;
}

/** The last handover to another ACS (a setParameterValues of ManagementServer.URL). */
export interface ReportHandover {
  url: string;
  status: string;
  at: string;
}

export interface ReportModel {
  generatedAt: string;
  handover: ReportHandover | null;
  device: DeviceSummary;
  subscriber: Subscriber | null;
  provisioning: DeviceProvisioning | null;
  settings: ReportSetting[];
  /** Masks every known secret in a text. */
  scrub: (text: string) => string;
}

/** The device's provisioning from the profile engine, or null when there is none. */
export type ProvisioningSource = (deviceId: string) => Promise<DeviceProvisioning | null>;

/** Secrets shorter than this are not searched for in free text (they would mask ordinary words). */
const MIN_SCRUB_LENGTH = 4;

export async function reportModel(store: Store, deviceId: string, provisioning: ProvisioningSource, now: Date): Promise<ReportModel> {
  const device = store.devices.get(deviceId);
  if (device === undefined) throw new AcsError('not_found', `no device with id '${deviceId}'`);
  const clear = store.subscribers.byDevice(deviceId) ?? null;
  const all = deviceSettings(store, deviceId);
  const secrets = [clear?.pppoePassword, clear?.wifiKey, ...all.filter((s) => s.secret).map((s) => s.value)].filter(
    (s): s is string => typeof s === 'string' && s.length >= MIN_SCRUB_LENGTH,
  );
  const scrub = (text: string): string => secrets.reduce((t, secret) => t.split(secret).join(SECRET_MASK), text);
  let prov: DeviceProvisioning | null = null;
  try {
    prov = await provisioning(deviceId);
  } catch {
    // No engine, or no checklist for this device: the report shows the settings alone.
    prov = null;
  }
  const settings = all
    .filter((s) => s.path !== null && s.value !== null)
    .map((s) => ({
      key: s.key,
      label: s.label,
      path: s.path ?? '',
      // Devices report secrets as empty: '—' then, the mask when one reported something.
      value: s.value === null || s.value === '' ? '—' : s.secret ? SECRET_MASK : s.value,
    }));
  return {
    generatedAt: now.toISOString(),
    device,
    subscriber: clear === null ? null : masked(clear),
    provisioning: prov === null ? null : { ...prov, subscriber: prov.subscriber === null ? null : masked(prov.subscriber) },
    settings,
    handover: lastHandover(store, device),
    scrub,
  };
}

/** The newest task that set the device's ACS URL (handoverDevice, or by hand), among its last 50 value changes. */
function lastHandover(store: Store, device: DeviceSummary): ReportHandover | null {
  const path = `${device.rootObject}.ManagementServer.URL`;
  for (const t of store.tasks.list({ deviceId: device.id, name: 'setParameterValues', limit: 50 })) {
    const values = (t.args as { values?: { name: string; value: string }[] } | null)?.values ?? [];
    const set = values.find((v) => v.name === path);
    if (set !== undefined) return { url: set.value, status: t.status, at: t.endedAt ?? t.createdAt };
  }
  return null;
}

const HANDOVER_STATE: Record<string, string> = {
  done: 'done',
  queued: 'queued: sent at the device’s next session',
  running: 'being sent',
  fault: 'refused by the device',
  expired: 'expired before the device came back',
  cancelled: 'cancelled',
};

/** The handover line of the report, or null when the device was not handed over. */
export function handoverRows(h: ReportHandover | null): [string, string][] | null {
  if (h === null) return null;
  return [
    ['Production ACS', h.url],
    ['Handover', HANDOVER_STATE[h.status] ?? h.status],
    ['At', h.at],
  ];
}

/** The report's sections as label/value rows, shared by the HTML and the PDF. */
export function deviceRows(m: ReportModel): [string, string][] {
  const d = m.device;
  return [
    ['Device id', d.id],
    ['Manufacturer', d.manufacturer],
    ['Model', d.modelName || d.productClass],
    ['Serial number', d.serialNumber],
    ['Firmware', d.softwareVersion],
    ['Hardware', d.hardwareVersion],
    ['IP address', d.ipAddress],
    ['First contact', d.firstSeen],
    ['Last inform', d.lastInform ?? '—'],
  ];
}

export function subscriberRows(s: Subscriber | null): [string, string][] {
  if (s === null) return [['Subscriber', 'not bound to a subscriber']];
  return [
    ['Account', s.accountId],
    ['Name', s.name],
    ['PPPoE username', s.pppoeUsername ?? '—'],
    ['PPPoE password', s.pppoePassword === null ? '—' : SECRET_MASK],
    ['Wi-Fi name', s.wifiSsid ?? '—'],
    ['Wi-Fi password', s.wifiKey === null ? '—' : SECRET_MASK],
    ['Bound at', s.boundAt ?? '—'],
  ];
}

/** The steps the report lists under "Settings applied": an overridden step's value was never sent. */
export function appliedSteps<T extends { state: string }>(steps: readonly T[]): T[] {
  return steps.filter((s) => s.state !== 'overridden');
}

export const stateLabel: Record<string, string> = {
  done: 'Done',
  ok: 'OK',
  failed: 'Failed',
  pending: 'Pending',
  unsupported: 'Not supported',
  working: 'In progress',
};

/** One sentence for the top of the report. */
export function verdict(m: ReportModel): string {
  const p = m.provisioning;
  if (p === null) return 'No provisioning profile applies to this device: the report lists its settings as read.';
  if (p.state === 'done') return 'Provisioning finished: every step is done and every check passed.';
  if (p.state === 'failed') return 'Provisioning is NOT finished: some steps or checks failed (see below).';
  return 'Provisioning is still in progress: some steps or checks are pending.';
}

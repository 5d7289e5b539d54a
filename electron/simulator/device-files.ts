// What the simulated device does with transferred files. Conventions of the simulator (a real
// CPE's formats are vendor-specific):
// - a downloaded '3 Vendor Configuration File' sets the writable parameters it names: the
//   simulator's configuration file (`# DESKACS-CONFIG ...` then `Path=value` lines) or its CSV format;
// - a downloaded '1 Firmware Upgrade Image' reboots the device; a first line
//   `DESKACS-FW version=<v>` (test/helpers/firmware-image.ts makes such images of any size) or
//   `SoftwareVersion=<v>` becomes DeviceInfo.SoftwareVersion after that reboot;
// - an uploaded configuration file is that configuration file (the writable values, a header line
//   naming the model and version); a log file is a short text log.

import { deviceIdentity } from './identity.ts';
import { loadCsvModel, type DeviceModel } from './model.ts';
import { canonicalValue, isValidValue } from './xsd-types.ts';

/** The first line of the simulator's configuration file. */
export const CONFIG_HEADER = '# DESKACS-CONFIG';

/** The writable values as `Path=value` lines (newlines and backslashes escaped) under a header line. */
export function configFile(model: DeviceModel): string {
  const id = deviceIdentity(model);
  const version = model.value(`${model.root()}DeviceInfo.SoftwareVersion`) ?? '';
  const lines = [`${CONFIG_HEADER} model=${id.productClass} version=${version} serial=${id.serialNumber}`];
  for (const n of model.all()) if (!n.object && n.writable) lines.push(`${n.path}=${escapeValue(n.value)}`);
  return `${lines.join('\n')}\n`;
}

function escapeValue(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

function unescapeValue(v: string): string {
  return v.replace(/\\([\\nr])/g, (_m, c: string) => (c === 'n' ? '\n' : c === 'r' ? '\r' : '\\'));
}

/** [path, value] of a configuration file, or undefined when the file is not one. */
export function parseConfigFile(file: string): [string, string][] | undefined {
  const lines = file.split(/\r?\n/);
  if (!(lines[0] ?? '').startsWith(CONFIG_HEADER)) return undefined;
  const out: [string, string][] = [];
  for (const line of lines.slice(1)) {
    const eq = line.indexOf('=');
    if (line.startsWith('#') || eq <= 0) continue;
    out.push([line.slice(0, eq), unescapeValue(line.slice(eq + 1))]);
  }
  return out;
}

function configEntries(file: string): [string, string][] | undefined {
  const parsed = parseConfigFile(file);
  if (parsed !== undefined) return parsed;
  try {
    return loadCsvModel(file)
      .all()
      .map((e): [string, string] => [e.path, e.value]);
  } catch {
    return undefined;
  }
}

function applyConfig(model: DeviceModel, file: string): void {
  // Not our format: accepted and ignored, as a CPE would with an opaque blob.
  for (const [path, value] of configEntries(file) ?? []) {
    const node = model.get(path);
    if (node && !node.object && node.writable && isValidValue(node.type, value)) node.value = canonicalValue(node.type, value);
  }
}

/**
 * How a simulated device fails a firmware download (per device; fleets give it to a share):
 * 'fault-9010' / 'fault-9016': TransferComplete with that fault and no reboot; 'old-version':
 * downloads, reboots and comes back on the version it had; 'never': accepts the Download and
 * never sends a TransferComplete.
 */
export const firmwareFailures = ['fault-9010', 'fault-9016', 'old-version', 'never'] as const;
export type FirmwareFailure = (typeof firmwareFailures)[number];

/** The header line of a simulated firmware image: `DESKACS-FW version=<v>`. */
export const FIRMWARE_HEADER = 'DESKACS-FW';

/** The version a firmware image installs (its first line), or undefined when it names none. */
export function firmwareVersionOf(file: string): string | undefined {
  const first = file.slice(0, 256).split('\n')[0] ?? '';
  const header = /^DESKACS-FW\s+version=(\S+)/.exec(first)?.[1];
  return header ?? /^SoftwareVersion\s*[=:]\s*(\S+)/.exec(first)?.[1];
}

/**
 * Applies a downloaded file. A configuration file is applied at once; a firmware image is
 * installed by the reboot that follows: the answer says so (`reboot`), with the version it
 * brings, for the runtime to set once the device is back (see installFirmware).
 */
export function applyDownloadedFile(model: DeviceModel, fileType: string, file: string): { reboot: boolean; version?: string } {
  if (fileType.startsWith('3 ')) {
    applyConfig(model, file);
    return { reboot: false };
  }
  if (!fileType.startsWith('1 ')) return { reboot: false };
  const version = firmwareVersionOf(file);
  return version === undefined ? { reboot: true } : { reboot: true, version };
}

/** The firmware's version becomes the device's SoftwareVersion (after its reboot). */
export function installFirmware(model: DeviceModel, version: string): void {
  model.setValue(`${model.root()}DeviceInfo.SoftwareVersion`, version);
}

/** File content for Upload: FileType '1'/'3' configuration, anything else a log. */
export function uploadContent(model: DeviceModel, fileType: string): string {
  if (fileType.startsWith('1 ') || fileType.startsWith('3 ')) return configFile(model);
  const id = deviceIdentity(model);
  // A vendor log file ('2 Vendor Log File'): the device log, as real CPEs upload their syslog.
  const log = model.value(`${model.root()}DeviceInfo.DeviceLog`) ?? '';
  return `${log === '' ? '' : `${log}\n`}${new Date().toISOString()} ${id.productClass} ${id.serialNumber}: simulated device log\n`;
}

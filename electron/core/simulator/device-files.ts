// What the simulated device does with transferred files. Conventions of the simulator (a real
// CPE's formats are vendor-specific):
// - a downloaded '3 Vendor Configuration File' in the simulator's CSV format sets the writable
//   parameters it names;
// - a downloaded '1 Firmware Upgrade Image' reboots the device; a first line
//   `DESKACS-FW version=<v>` (test/helpers/firmware-image.ts makes such images of any size) or
//   `SoftwareVersion=<v>` becomes DeviceInfo.SoftwareVersion after that reboot;
// - an uploaded configuration file is the model as CSV; a log file is a short text log.

import { deviceIdentity } from './identity.ts';
import { loadCsvModel, modelToCsv, type DeviceModel } from './model.ts';
import { canonicalValue, isValidValue } from './xsd-types.ts';

function applyConfig(model: DeviceModel, file: string): void {
  let config: DeviceModel;
  try {
    config = loadCsvModel(file);
  } catch {
    return; // not our format: accepted and ignored, as a CPE would with an opaque blob
  }
  for (const entry of config.all()) {
    const node = model.get(entry.path);
    if (node && !node.object && node.writable && isValidValue(node.type, entry.value)) node.value = canonicalValue(node.type, entry.value);
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
  if (fileType.startsWith('1 ') || fileType.startsWith('3 ')) return modelToCsv(model);
  const id = deviceIdentity(model);
  return `${new Date().toISOString()} ${id.productClass} ${id.serialNumber}: simulated device log\n`;
}

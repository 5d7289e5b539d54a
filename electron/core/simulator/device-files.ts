// What the simulated device does with transferred files. Conventions of the simulator (a real
// CPE's formats are vendor-specific):
// - a downloaded '3 Vendor Configuration File' in the simulator's CSV format sets the writable
//   parameters it names;
// - a downloaded '1 Firmware Upgrade Image' reboots the device; a first line
//   `SoftwareVersion=<v>` becomes DeviceInfo.SoftwareVersion;
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

/** Applies a downloaded file; returns true when the device reboots to apply it. */
export function applyDownloadedFile(model: DeviceModel, fileType: string, file: string): boolean {
  if (fileType.startsWith('3 ')) {
    applyConfig(model, file);
    return false;
  }
  if (!fileType.startsWith('1 ')) return false;
  const version = /^SoftwareVersion\s*[=:]\s*(\S+)/.exec(file.split('\n')[0] ?? '')?.[1];
  if (version) model.setValue(`${model.root()}DeviceInfo.SoftwareVersion`, version);
  return true;
}

/** File content for Upload: FileType '1'/'3' configuration, anything else a log. */
export function uploadContent(model: DeviceModel, fileType: string): string {
  if (fileType.startsWith('1 ') || fileType.startsWith('3 ')) return modelToCsv(model);
  const id = deviceIdentity(model);
  return `${new Date().toISOString()} ${id.productClass} ${id.serialNumber}: simulated device log\n`;
}

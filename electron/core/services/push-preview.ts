// What pushing a library file to a selection would do (previewPush), and the rule shared with
// rollouts for which devices a file is for: a file that names a manufacturer, OUI or product
// class goes only to devices that match every one it names (case-insensitive); a device already
// on the file's version is skipped.
import type { ApiArgs } from '../../../shared/contract.ts';
import { deviceStatus } from '../../../shared/device-status.ts';
import { AcsError } from '../../../shared/errors.ts';
import type { DeviceSummary } from '../../../shared/models.ts';
import type { FileRecord, PushPreview } from '../../../shared/models-files.ts';
import type { Store } from '../store/index.ts';
import type { SelectionWalker } from './selection.ts';

const BATCH = 1000;

/** Why the file is not for this device ('' when it is). */
export function fileMismatch(file: FileRecord, device: DeviceSummary): string {
  const differs = (want: string, have: string): boolean => want !== '' && want.toLowerCase() !== have.toLowerCase();
  if (differs(file.manufacturer, device.manufacturer))
    return `not for this manufacturer (${device.manufacturer}; the file is for ${file.manufacturer})`;
  if (differs(file.oui, device.oui)) return `not for this OUI (${device.oui}; the file is for ${file.oui})`;
  if (differs(file.productClass, device.productClass))
    return `not for this product class (${device.productClass}; the file is for ${file.productClass})`;
  return '';
}

/** True when the device already runs the version the file installs. */
export function alreadyOnVersion(file: FileRecord, device: DeviceSummary): boolean {
  return file.version !== '' && device.softwareVersion === file.version;
}

export function mustGetFile(store: Store, fileId: number): FileRecord {
  const file = store.files.get(fileId);
  if (file === undefined) throw new AcsError('not_found', `no file ${fileId} in the library`);
  return file;
}

function sorted(counts: Map<string, number>): { modelName: string; count: number }[] {
  return [...counts]
    .map(([modelName, count]) => ({ modelName, count }))
    .sort((a, b) => b.count - a.count || a.modelName.localeCompare(b.modelName));
}

export async function previewPush(store: Store, walker: SelectionWalker, args: ApiArgs<'previewPush'>, now: Date): Promise<PushPreview> {
  const file = mustGetFile(store, args.fileId);
  const models = new Map<string, number>();
  const mismatchedModels = new Map<string, number>();
  const p = { matching: 0, mismatched: 0, alreadyCurrent: 0, offline: 0, toUpgrade: 0 };
  const add = (m: Map<string, number>, key: string): void => void m.set(key, (m.get(key) ?? 0) + 1);
  const selected = await walker.walk(args.selection, now, BATCH, (ids) => {
    for (const id of ids) {
      const d = store.devices.get(id);
      if (d === undefined) continue;
      add(models, d.modelName);
      if (fileMismatch(file, d) !== '') {
        p.mismatched += 1;
        add(mismatchedModels, d.modelName);
        continue;
      }
      p.matching += 1;
      if (alreadyOnVersion(file, d)) {
        p.alreadyCurrent += 1;
        continue;
      }
      p.toUpgrade += 1;
      if (deviceStatus(d.lastInform, d.periodicInformInterval, now.getTime()) === 'offline') p.offline += 1;
    }
    return undefined;
  });
  return {
    file,
    selected,
    matching: p.matching,
    mismatched: { count: p.mismatched, models: sorted(mismatchedModels) },
    alreadyCurrent: p.alreadyCurrent,
    offline: p.offline,
    toUpgrade: p.toUpgrade,
    models: sorted(models),
  };
}

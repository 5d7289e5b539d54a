// A device's faults for its page (listFaults): newest first, each with what it means and what to
// do (fault-explanations.ts), and, for a refused SetParameterValues, which parameters the device
// refused and why (the SetParameterValuesFault entries of TR-069 A.3.2.1, kept in the detail).
import { AcsError } from '../../../shared/errors.ts';
import type { DeviceFault } from '../../../shared/models-device.ts';
import type { FaultRecord, Store } from '../store/index.ts';
import { explainFault } from './fault-explanations.ts';

const DEFAULT_LIMIT = 50;

export function listDeviceFaults(store: Store, id: string, limit: number | undefined): DeviceFault[] {
  if (!store.devices.exists(id)) throw new AcsError('not_found', `no device with id '${id}'`);
  return store.faults.listForDevice(id, limit ?? DEFAULT_LIMIT).map(toDeviceFault);
}

export function toDeviceFault(f: FaultRecord): DeviceFault {
  const explained = explainFault(f.code, f.faultString);
  return {
    id: f.id,
    deviceId: f.deviceId,
    taskId: f.taskId,
    sessionId: f.sessionId,
    code: f.code,
    faultString: f.faultString,
    title: explained.title,
    explanation: explained.explanation,
    suggestedFix: explained.suggestedFix,
    parameters: parameterFaults(f.detail),
    at: f.at,
  };
}

/** The detail's SetParameterValuesFault entries ({parameterName, code, string}), as stored by the task runner. */
function parameterFaults(detail: unknown): DeviceFault['parameters'] {
  if (typeof detail !== 'object' || detail === null) return [];
  const entries = (detail as { setParameterValuesFaults?: unknown }).setParameterValuesFaults;
  if (!Array.isArray(entries)) return [];
  return entries.flatMap((e: unknown) => {
    if (typeof e !== 'object' || e === null) return [];
    const { parameterName, code, string } = e as Record<string, unknown>;
    if (typeof parameterName !== 'string') return [];
    const c = typeof code === 'number' ? code : Number(code);
    const text = typeof string === 'string' && string !== '' ? string : explainFault(c).title;
    return [{ name: parameterName, code: Number.isFinite(c) ? c : 0, message: text }];
  });
}

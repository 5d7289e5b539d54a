// Checking values against a device's stored tree before any task (the device page's editor asks
// while the operator types): each value gets the very checks a setParameterValues task gets in
// task-validate.ts (known path, a parameter and not an object, writable, coerced to the stored
// xsd type), one verdict per value instead of the first refusal thrown.
import type { ApiArgs } from '../../../shared/contract.ts';
import { AcsError } from '../../../shared/errors.ts';
import type { ValueCheck } from '../../../shared/models-device.ts';
import type { ScalarValue } from '../../../shared/tasks.ts';
import type { Store } from '../store/index.ts';
import type { Quirks } from './quirks.ts';
import { coerceValue } from './values.ts';

export type ValueVerdict = { ok: true; value: string; type: string } | { ok: false; message: string; type: string | null };

/**
 * One value for SetParameterValues on `path`: refused (with the reason) when the stored tree does
 * not know the path, holds an object there, or knows it read-only, or when the value does not fit
 * the type (the explicit one, else the stored one, else xsd:string).
 */
export function checkParameterValue(
  store: Store,
  deviceId: string,
  path: string,
  raw: ScalarValue,
  explicitType: string | undefined,
  quirks: Quirks,
): ValueVerdict {
  if (path.endsWith('.')) return { ok: false, message: `'${path}' is an object; only parameters take values`, type: null };
  const row = store.parameters.get(deviceId, path);
  if (row === undefined) {
    return {
      ok: false,
      message: `the device has no known parameter '${path}'; refresh the device (or its subtree) first, or check the path`,
      type: null,
    };
  }
  if (row.object) return { ok: false, message: `'${path}' is an object; only parameters take values`, type: null };
  if (row.writable === false) return { ok: false, message: `'${path}' is read-only on this device`, type: row.type };
  const coerced = coerceValue(raw, explicitType ?? row.type ?? 'xsd:string', { booleanForm: quirks.booleanForm }, path);
  if (!coerced.ok) return { ok: false, message: coerced.message, type: explicitType ?? row.type };
  return { ok: true, value: coerced.value, type: coerced.type };
}

/** The checkValues use case: a verdict per value, in the order given; nothing is queued. */
export function checkValues(store: Store, quirksFor: (deviceId: string) => Quirks, args: ApiArgs<'checkValues'>): ValueCheck[] {
  const { id, values } = args;
  if (!store.devices.exists(id)) throw new AcsError('not_found', `no device with id '${id}'`);
  const quirks = quirksFor(id);
  const seen = new Set<string>();
  return values.map(([path, raw]): ValueCheck => {
    if (seen.has(path)) return { path, ok: false, value: null, type: null, message: `'${path}' is given twice` };
    seen.add(path);
    const verdict = checkParameterValue(store, id, path, raw, undefined, quirks);
    return verdict.ok
      ? { path, ok: true, value: verdict.value, type: verdict.type, message: null }
      : { path, ok: false, value: null, type: verdict.type, message: verdict.message };
  });
}

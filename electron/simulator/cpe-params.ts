// Parameter RPCs of the simulated CPE (TR-069 A.3.2.1-A.3.2.5): GetParameterNames,
// GetParameterValues, SetParameterValues, GetParameterAttributes, SetParameterAttributes.
// Each function validates first and throws CpeFaultError, so a failed call changes nothing.

import type {
  GetParameterNamesArgs,
  ParameterAttribute,
  ParameterInfo,
  ParameterValue,
  SetParameterAttribute,
  SetParameterValuesArgs,
  SetParameterValuesFaultEntry,
} from '../core/cwmp/messages.ts';
import { CpeFaultError, faultText } from './faults.ts';
import type { DeviceModel, ModelNode } from './model.ts';
import { withinModelLimits } from './value-limits.ts';
import { canonicalValue, isValidValue } from './xsd-types.ts';

export interface Attributes {
  notification: number;
  accessList: string[];
}
export type AttributeStore = Map<string, Attributes>;

/** Secrets read back as '' (TR-181/TR-098: "When read, this parameter returns an empty string"). */
const HIDDEN = /(Password|KeyPassphrase|PreSharedKey|WEPKey)$/;
/** Parameters with Forced Active Notification by default (TR-069 Table 7 / 3.2.1). */
const FORCED_ACTIVE = /\.(DeviceInfo\.SoftwareVersion|DeviceInfo\.ProvisioningCode|ManagementServer\.ConnectionRequestURL)$/;
/** Parameters that change all the time: a CPE may refuse Active notification on them (9009). */
const VOLATILE = /(\.UpTime|\.CurrentLocalTime|\.Stats\.[^.]+)$/;

function info(node: ModelNode): ParameterInfo {
  return { name: node.path, writable: node.writable };
}

export function getParameterNames(model: DeviceModel, args: GetParameterNamesArgs): ParameterInfo[] {
  const path = args.parameterPath;
  if (path === '') return args.nextLevel ? model.children('').map(info) : model.all().map(info);
  const node = model.get(path);
  if (!node) throw new CpeFaultError(9005, `Invalid parameter name: ${path}`);
  if (!node.object) {
    // A full parameter name with NextLevel true is an invalid argument (TR-069 A.3.2.3).
    if (args.nextLevel) throw new CpeFaultError(9003, 'NextLevel must be false for a parameter name');
    return [info(node)];
  }
  return args.nextLevel ? model.children(path).map(info) : model.descendants(path).map(info);
}

/** The leaves a name designates: itself, or every parameter under a partial path ('' = all). */
function leavesOf(model: DeviceModel, name: string): ModelNode[] {
  if (name !== '' && !name.endsWith('.')) {
    const node = model.get(name);
    if (!node || node.object) throw new CpeFaultError(9005, `Invalid parameter name: ${name}`);
    return [node];
  }
  if (name !== '' && !model.get(name)?.object) throw new CpeFaultError(9005, `Invalid parameter name: ${name}`);
  return model.descendants(name).filter((n) => !n.object);
}

function requireNames(names: readonly unknown[]): void {
  if (names.length === 0) throw new CpeFaultError(9003, 'Empty ParameterNames');
}

export function getParameterValues(model: DeviceModel, names: string[]): ParameterValue[] {
  requireNames(names);
  const out: ParameterValue[] = [];
  for (const name of names) {
    for (const n of leavesOf(model, name)) {
      out.push({ name: n.path, value: HIDDEN.test(n.path) ? '' : n.value, type: n.type });
    }
  }
  return out;
}

function checkSetValue(model: DeviceModel, p: ParameterValue): SetParameterValuesFaultEntry | undefined {
  const node = model.get(p.name);
  const fault = (code: number): SetParameterValuesFaultEntry => ({ parameterName: p.name, code, string: faultText(code) });
  if (!node || node.object) return fault(9005);
  if (!node.writable) return fault(9008);
  if (!isValidValue(node.type, p.value) || !withinModelLimits(p.name, p.value)) return fault(9007);
  return undefined;
}

/** Validates every parameter, then applies all or none (TR-069 A.3.2.1). Returns the status. */
export function setParameterValues(model: DeviceModel, args: SetParameterValuesArgs): number {
  requireNames(args.parameterList);
  const seen = new Set<string>();
  const faults: SetParameterValuesFaultEntry[] = [];
  for (const p of args.parameterList) {
    if (seen.has(p.name)) throw new CpeFaultError(9003, `Parameter ${p.name} appears more than once`);
    seen.add(p.name);
    const fault = checkSetValue(model, p);
    if (fault) faults.push(fault);
  }
  if (faults.length > 0) throw new CpeFaultError(9003, faultText(9003), faults);
  for (const p of args.parameterList) {
    const node = model.get(p.name);
    if (node) node.value = canonicalValue(node.type, p.value);
  }
  setParameterKey(model, args.parameterKey);
  return 0;
}

export function setParameterKey(model: DeviceModel, key: string): void {
  model.setValue(`${model.root()}ManagementServer.ParameterKey`, key);
}

export function attributesOf(store: AttributeStore, path: string): Attributes {
  return store.get(path) ?? { notification: FORCED_ACTIVE.test(path) ? 2 : 0, accessList: [] };
}

export function getParameterAttributes(model: DeviceModel, store: AttributeStore, names: string[]): ParameterAttribute[] {
  requireNames(names);
  const out: ParameterAttribute[] = [];
  for (const name of names) {
    for (const n of leavesOf(model, name)) {
      const a = attributesOf(store, n.path);
      out.push({ name: n.path, notification: a.notification, accessList: [...a.accessList] });
    }
  }
  return out;
}

function checkAttribute(model: DeviceModel, entry: SetParameterAttribute): ModelNode[] {
  const leaves = leavesOf(model, entry.name);
  if (!entry.notificationChange) return leaves;
  if (!Number.isInteger(entry.notification) || entry.notification < 0 || entry.notification > 6) {
    throw new CpeFaultError(9003, `Invalid Notification ${entry.notification} for ${entry.name}`);
  }
  if (entry.notification === 2 && leaves.some((n) => VOLATILE.test(n.path))) {
    throw new CpeFaultError(9009, `Active notification rejected for ${entry.name}`);
  }
  return leaves;
}

export function setParameterAttributes(model: DeviceModel, store: AttributeStore, list: SetParameterAttribute[]): void {
  requireNames(list);
  const plan = list.map((entry) => ({ entry, leaves: checkAttribute(model, entry) }));
  for (const { entry, leaves } of plan) {
    for (const n of leaves) {
      const current = attributesOf(store, n.path);
      store.set(n.path, {
        notification: entry.notificationChange ? entry.notification : current.notification,
        accessList: entry.accessListChange ? [...entry.accessList] : current.accessList,
      });
    }
  }
}

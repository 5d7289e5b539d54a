// What a CPE's answer to an ACS request changes in the stored view of the device. Only what was
// asked for is stored: a parameter the request did not name (nor lies under a partial path it
// named) is logged and ignored, and an object answered as a value is never stored as a value.
// The device's summary fields that parameters feed (the periodic inform interval, ...) follow
// the values stored here, as they follow an Inform's.
import type { Logger } from '../acs-types.ts';
import type { AcsRequest, CpeResponse, ParameterInfo, ParameterValue } from '../cwmp/messages.ts';
import type { DeviceValueFields } from '../store/devices.ts';
import type { Store } from '../store/index.ts';

export function applyResponseToStore(
  store: Store,
  deviceId: string,
  request: AcsRequest,
  response: CpeResponse,
  at: Date,
  log?: Logger,
): void {
  switch (response.name) {
    case 'GetParameterValuesResponse': {
      if (request.name !== 'GetParameterValues') return;
      const checked = checkValuesAnswer(store, deviceId, request.parameterNames, response);
      if (checked.unrequested.length > 0) warnAbout(log, deviceId, 'parameters nobody asked for, ignored', checked.unrequested);
      if (checked.objectValues.length > 0) warnAbout(log, deviceId, 'objects answered as values, not stored', checked.objectValues);
      store.parameters.upsertValues(deviceId, checked.values, at);
      followValues(store, deviceId, checked.values, at);
      return;
    }
    case 'GetParameterNamesResponse': {
      if (request.name !== 'GetParameterNames') return;
      const checked = checkNamesAnswer(request.parameterPath, response.parameterList);
      if (checked.unrequested.length > 0) warnAbout(log, deviceId, 'names outside the path asked for, ignored', checked.unrequested);
      store.parameters.upsertNames(deviceId, checked.names, at);
      return;
    }
    case 'SetParameterValuesResponse':
      if (request.name === 'SetParameterValues') {
        store.parameters.upsertValues(deviceId, request.parameterList, at);
        followValues(store, deviceId, request.parameterList, at);
      }
      return;
    case 'DeleteObjectResponse':
      if (request.name === 'DeleteObject') store.parameters.deleteSubtree(deviceId, request.objectName);
      return;
    case 'AddObjectResponse':
      if (request.name === 'AddObject') {
        store.parameters.upsertNames(deviceId, [{ name: `${request.objectName}${response.instanceNumber}.`, writable: true }], at);
      }
      return;
    default:
      return;
  }
}

/** Whether a name was asked for: equal to a requested name, or under a requested partial path ('' = everything). */
export function askedFor(requested: readonly string[]): (name: string) => boolean {
  const exact = new Set(requested);
  const prefixes = requested.filter((n) => n === '' || n.endsWith('.'));
  if (prefixes.includes('')) return () => true;
  return (name) => exact.has(name) || prefixes.some((p) => name.startsWith(p));
}

/** A GetParameterValuesResponse sorted out against what its request named. */
export interface ValuesAnswer {
  /** Parameters asked for: the values to keep. */
  values: ParameterValue[];
  /** Parameters the request did not name and that lie under none of its partial paths: ignored. */
  unrequested: string[];
  /** Objects answered as values ('X.Y.', or a named 'X.Y' the stored tree holds as the object 'X.Y.'). */
  objectValues: string[];
  /** Parameter names the request gave that the answer left out. */
  missing: string[];
}

// The session backend stores an answer, then the task's plan reads the same answer object: it
// is sorted out once.
const sorted = new WeakMap<object, ValuesAnswer>();

export function checkValuesAnswer(
  store: Store,
  deviceId: string,
  requested: readonly string[],
  response: { parameterList: readonly ParameterValue[] },
): ValuesAnswer {
  const known = sorted.get(response);
  if (known !== undefined) return known;
  const asked = askedFor(requested);
  const named = new Set(requested.filter((n) => n !== '' && !n.endsWith('.')));
  const out: ValuesAnswer = { values: [], unrequested: [], objectValues: [], missing: [] };
  const answered = new Set<string>();
  for (const v of response.parameterList) {
    const objectPath = v.name === '' || v.name.endsWith('.');
    if (!asked(v.name) && !(objectPath && named.has(v.name.slice(0, -1)))) out.unrequested.push(v.name);
    else if (objectPath || (named.has(v.name) && store.parameters.get(deviceId, `${v.name}.`)?.object === true)) {
      out.objectValues.push(v.name);
      answered.add(objectPath ? v.name.slice(0, -1) : v.name);
    } else {
      out.values.push(v);
      answered.add(v.name);
    }
  }
  for (const name of named) if (!answered.has(name)) out.missing.push(name);
  sorted.set(response, out);
  return out;
}

/** A GetParameterNamesResponse sorted out against its ParameterPath: names outside it are ignored. */
export function checkNamesAnswer(path: string, list: readonly ParameterInfo[]): { names: ParameterInfo[]; unrequested: string[] } {
  if (path === '') return { names: [...list], unrequested: [] };
  const asked = (name: string): boolean => name === path || (path.endsWith('.') && name.startsWith(path));
  const names: ParameterInfo[] = [];
  const unrequested: string[] = [];
  for (const p of list) {
    if (asked(p.name)) names.push(p);
    else unrequested.push(p.name);
  }
  return { names, unrequested };
}

function warnAbout(log: Logger | undefined, deviceId: string, what: string, names: string[]): void {
  log?.warn(`the device's answer carried ${what}`, { device: deviceId, count: names.length, names: names.slice(0, 10) });
}

// The device fields parameters feed (as an Inform's do, store/inform-fields.ts), by the path
// under the device's root.
const FIELD_PATHS: ReadonlyMap<string, keyof DeviceValueFields> = new Map<string, keyof DeviceValueFields>([
  ['DeviceInfo.ModelName', 'modelName'],
  ['DeviceInfo.SoftwareVersion', 'softwareVersion'],
  ['DeviceInfo.HardwareVersion', 'hardwareVersion'],
  ['ManagementServer.ConnectionRequestURL', 'connectionRequestUrl'],
  ['ManagementServer.PeriodicInformInterval', 'periodicInformInterval'],
]);

/** Keeps the device row's summary fields in step with the values just stored (under the device's root). */
function followValues(store: Store, deviceId: string, values: readonly ParameterValue[], at: Date): void {
  const feeding = values.filter((v) => FIELD_PATHS.has(v.name.slice(v.name.indexOf('.') + 1)));
  if (feeding.length === 0) return;
  const root = store.devices.get(deviceId)?.rootObject ?? '';
  if (root === '') return;
  const fields: DeviceValueFields = {
    modelName: null,
    softwareVersion: null,
    hardwareVersion: null,
    connectionRequestUrl: null,
    periodicInformInterval: null,
  };
  for (const v of feeding) {
    if (!v.name.startsWith(`${root}.`)) continue;
    const key = FIELD_PATHS.get(v.name.slice(root.length + 1));
    if (key === 'periodicInformInterval') {
      const seconds = v.value.trim();
      if (/^\d{1,9}$/.test(seconds)) fields.periodicInformInterval = Number(seconds);
    } else if (key === 'modelName') {
      if (v.value.trim() !== '') fields.modelName = v.value;
    } else if (key !== undefined) fields[key] = v.value;
  }
  store.devices.followValues(deviceId, fields, at);
}

// Checks a task spec against the device's stored tree before anything is queued: values are
// coerced to the parameter's known xsd type, and read-only or unknown parameters are refused
// with a message that says what to do.
import type { ParameterValue } from '../../cwmp/messages.ts';
import { AcsError } from '../../../../shared/errors.ts';
import type { InstanceValues, TaskSpec, ValueTuple } from '../../../../shared/tasks.ts';
import type { Store } from '../../store/index.ts';
import type { Quirks } from '../quirks.ts';
import { generateCrCredentials } from '../connection-request.ts';
import type { BackupOrigin } from '../../../../shared/models-backups.ts';
import { RESTORE_FILE_TYPE, restoreDownloadArgs } from '../backups-tasks.ts';
import { checkParameterValue } from '../value-check.ts';
import { coerceValue } from '../values.ts';

/** What is stored with a queued task: the spec, with values resolved to typed parameters. */
export type StoredTaskArgs =
  | Exclude<
      TaskSpec,
      { name: 'setParameterValues' } | { name: 'addObject' } | { name: 'setConnectionRequestCredentials' } | { name: 'upload' }
    >
  /** An upload to DeskACS (no url) names who asked for the backup (the scheduler: 'scheduled'). */
  | (Extract<TaskSpec, { name: 'upload' }> & { origin?: BackupOrigin })
  | { name: 'setConnectionRequestCredentials'; values: ParameterValue[]; username: string; password: string }
  | { name: 'setParameterValues'; values: ParameterValue[] }
  | { name: 'addObject'; path: string; values?: ParameterValue[] };

function bad(message: string): never {
  throw new AcsError('bad_request', message);
}

export function validateTask(store: Store, deviceId: string, spec: TaskSpec, quirks: Quirks): StoredTaskArgs {
  switch (spec.name) {
    case 'setParameterValues':
      return { name: 'setParameterValues', values: resolveValues(store, deviceId, spec.values, quirks) };
    case 'addObject': {
      requireTable(store, deviceId, spec.path);
      if (spec.values === undefined) return { name: 'addObject', path: spec.path };
      const values = resolveInstanceValues(store, deviceId, spec.path, instanceTuples(spec.values), quirks);
      return { name: 'addObject', path: spec.path, values };
    }
    case 'refresh':
      return { name: 'refresh', path: refreshPath(store, deviceId, spec.path) };
    case 'setConnectionRequestCredentials': {
      const root = store.devices.get(deviceId)?.rootObject ?? '';
      if (root === '') bad('the device has not reported its data model root yet; refresh it first');
      const creds =
        spec.username !== undefined && spec.password !== undefined
          ? { username: spec.username, password: spec.password }
          : generateCrCredentials();
      const ms = `${root}.ManagementServer.`;
      const values: ParameterValue[] = [
        { name: `${ms}ConnectionRequestUsername`, value: creds.username, type: 'xsd:string' },
        { name: `${ms}ConnectionRequestPassword`, value: creds.password, type: 'xsd:string' },
      ];
      return { name: 'setConnectionRequestCredentials', values, ...creds };
    }
    case 'download':
      if (spec.backupId !== undefined) return backupDownload(store, deviceId, spec);
      return spec.fileId === undefined ? spec : libraryDownload(store, spec);
    case 'deleteObject':
      if (!/\.\d+\.$/.test(spec.path)) bad(`'${spec.path}' is not an object instance (such as Device.NAT.PortMapping.3.)`);
      requireObject(store, deviceId, spec.path, 'deleteObject');
      return spec;
    default:
      return spec;
  }
}

/** A download of a library file: the file must exist; its type, size and name fill what the spec left out. */
function libraryDownload(store: Store, spec: Extract<TaskSpec, { name: 'download' }>): StoredTaskArgs {
  const file = spec.fileId === undefined ? undefined : store.files.get(spec.fileId);
  if (file === undefined) throw new AcsError('not_found', `no file with id ${spec.fileId} in the library`);
  return {
    ...spec,
    fileType: spec.fileType === '' ? file.fileType : spec.fileType,
    fileSize: spec.fileSize ?? file.size,
    targetFileName: spec.targetFileName ?? file.name,
  };
}

/** A restore: the backup must be an upload of this very device (never another device's file). */
function backupDownload(store: Store, deviceId: string, spec: Extract<TaskSpec, { name: 'download' }>): StoredTaskArgs {
  const { fileSize } = restoreDownloadArgs(store, deviceId, spec.backupId ?? 0);
  return { ...spec, fileType: spec.fileType === '' ? RESTORE_FILE_TYPE : spec.fileType, fileSize: spec.fileSize ?? fileSize };
}

function resolveValues(store: Store, deviceId: string, tuples: ValueTuple[], quirks: Quirks): ParameterValue[] {
  const seen = new Set<string>();
  return tuples.map(([path, raw, explicitType]) => {
    if (seen.has(path) && !path.endsWith('.')) bad(`'${path}' is given twice`);
    seen.add(path);
    const verdict = checkParameterValue(store, deviceId, path, raw, explicitType, quirks);
    if (!verdict.ok) bad(verdict.message);
    return { name: path, value: verdict.value, type: verdict.type };
  });
}

/**
 * A refresh's path as the plan needs it: '' (everything), an object path ending in '.', or one
 * parameter. A path given without its trailing dot is a parameter when the stored tree holds it
 * as one, an object when it holds it as one; when the tree knows neither, it is kept as given
 * and the plan asks the device (a parameter first, then the object).
 */
function refreshPath(store: Store, deviceId: string, path: string): string {
  if (path === '' || path.endsWith('.')) return path;
  if (store.parameters.get(deviceId, path) !== undefined) return path;
  const object = `${path}.`;
  if (store.parameters.get(deviceId, object) !== undefined || store.parameters.list(deviceId, object).length > 0) return object;
  return path;
}

function instanceTuples(values: InstanceValues): ValueTuple[] {
  return Array.isArray(values) ? values : Object.entries(values);
}

/**
 * Values for a new instance of `table` (relative names such as 'Enable'): typed from an existing
 * instance of the same table when the store knows one, otherwise from the value itself.
 */
function resolveInstanceValues(store: Store, deviceId: string, table: string, tuples: ValueTuple[], quirks: Quirks): ParameterValue[] {
  const sibling = store.parameters.list(deviceId, table);
  return tuples.map(([rel, raw, explicitType]) => {
    if (rel.includes('.') && !rel.match(/^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/))
      bad(`'${rel}' must be a name relative to the new instance, such as 'Enable'`);
    const known = sibling.find((r) => r.path.startsWith(table) && r.path.slice(table.length).replace(/^\d+\./, '') === rel);
    if (known?.writable === false) bad(`'${rel}' is read-only in ${table}`);
    const type = explicitType ?? known?.type ?? inferType(raw);
    const coerced = coerceValue(raw, type, { booleanForm: quirks.booleanForm }, `${table}{i}.${rel}`);
    if (!coerced.ok) bad(coerced.message);
    return { name: rel, value: coerced.value, type: coerced.type };
  });
}

function inferType(raw: unknown): string {
  if (typeof raw === 'boolean') return 'xsd:boolean';
  if (typeof raw === 'number' && Number.isInteger(raw)) return raw < 0 ? 'xsd:int' : 'xsd:unsignedInt';
  return 'xsd:string';
}

/**
 * addObject's table must be known: stored as an object (GetParameterNames listed it), or proven by
 * stored instances under it ('X.3.Enable' proves the table 'X.'), which is all a CPE whose
 * GetParameterNames lists parameters only ever shows.
 */
function requireTable(store: Store, deviceId: string, path: string): void {
  if (store.parameters.get(deviceId, path)?.object === true) return;
  const under = store.parameters.list(deviceId, path);
  if (under.some((r) => /^\d+\./.test(r.path.slice(path.length)))) return;
  if (under.length === 0) bad(`the device has no known object '${path}' for addObject; refresh the device first, or check the path`);
  bad(`'${path}' is not a table the stored tree knows (no instance such as ${path}1.); refresh the device first, or check the path`);
}

function requireObject(store: Store, deviceId: string, path: string, task: string): void {
  const row = store.parameters.get(deviceId, path);
  if (row === undefined && store.parameters.list(deviceId, path).length === 0) {
    bad(`the device has no known object '${path}' for ${task}; refresh the device first, or check the path`);
  }
}

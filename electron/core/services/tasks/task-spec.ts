// Parses an untrusted JSON task request into a TaskSpec, refusing what does not fit with a
// message that names the offending field. Semantic checks against the device's stored tree
// (types, writability) happen in task-validate.ts.
import { AcsError } from '../../../../shared/errors.ts';
import {
  taskNames,
  type AttributeSpec,
  type ScalarValue,
  type TaskName,
  type TaskSpec,
  type ValueTuple,
} from '../../../../shared/tasks.ts';
import { diagnosticParsers } from '../diagnostics/spec.ts';

type Obj = Record<string, unknown>;

function bad(message: string): never {
  throw new AcsError('bad_request', message);
}

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(o: Obj, key: string, opts: { optional?: false } | { optional: true }): string | undefined {
  const v = o[key];
  if (v === undefined || v === null) {
    if (opts.optional === true) return undefined;
    bad(`'${key}' is required`);
  }
  if (typeof v !== 'string') bad(`'${key}' must be a string`);
  return v;
}

function requiredStr(o: Obj, key: string): string {
  const v = str(o, key, {});
  if (v === undefined || v.trim() === '') bad(`'${key}' must not be empty`);
  return v.trim();
}

function optStr(o: Obj, key: string): string | undefined {
  return str(o, key, { optional: true });
}

function whole(o: Obj, key: string, min: number, max: number, optional: boolean): number | undefined {
  const v = o[key];
  if (v === undefined || v === null) return optional ? undefined : bad(`'${key}' is required`);
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) bad(`'${key}' must be a whole number from ${min} to ${max}`);
  return v;
}

function paths(o: Obj, key: string): string[] {
  const v = o[key];
  if (!Array.isArray(v) || v.length === 0) bad(`'${key}' must be a non-empty array of parameter paths`);
  return v.map((p, i) => (typeof p === 'string' && p.trim() !== '' ? p.trim() : bad(`'${key}[${i}]' must be a parameter path`)));
}

function objectPath(o: Obj, key: string): string {
  const p = requiredStr(o, key);
  return p.endsWith('.') ? p : `${p}.`;
}

function valueTuples(o: Obj, key: string, optional: boolean): ValueTuple[] | undefined {
  const v = o[key];
  if (v === undefined && optional) return undefined;
  if (!Array.isArray(v) || (v.length === 0 && !optional)) bad(`'${key}' must be a non-empty array of [path, value] or [path, value, type]`);
  return v.map((t, i): ValueTuple => {
    if (!Array.isArray(t) || t.length < 2 || t.length > 3) bad(`'${key}[${i}]' must be [path, value] or [path, value, type]`);
    const [p, value, type] = t as unknown[];
    if (typeof p !== 'string' || p.trim() === '') bad(`'${key}[${i}][0]' must be a parameter path`);
    if (!isScalar(value)) bad(`'${key}[${i}][1]' must be a string, number or boolean`);
    if (type === undefined) return [p.trim(), value];
    if (typeof type !== 'string') bad(`'${key}[${i}][2]' must be an xsd type such as 'xsd:string'`);
    return [p.trim(), value, type];
  });
}

/** {name: value} (names relative to the new instance) as [[name, value], ...]. */
function valuesFromObject(v: Obj, key: string): ValueTuple[] {
  return Object.entries(v).map(([name, value]): ValueTuple => {
    if (name.trim() === '') bad(`'${key}' names must not be empty`);
    if (!isScalar(value)) bad(`'${key}.${name}' must be a string, number or boolean`);
    return [name.trim(), value];
  });
}

function isScalar(v: unknown): v is ScalarValue {
  return typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
}

function attributes(o: Obj): AttributeSpec[] {
  const v = o.attributes;
  if (!Array.isArray(v) || v.length === 0) bad(`'attributes' must be a non-empty array of {name, notification?, accessList?}`);
  return v.map((a, i): AttributeSpec => {
    if (!isObj(a)) bad(`'attributes[${i}]' must be an object`);
    const spec: AttributeSpec = { name: requiredStr(a, 'name') };
    const n = a.notification;
    if (n !== undefined) {
      if (n !== 0 && n !== 1 && n !== 2) bad(`'attributes[${i}].notification' must be 0 (off), 1 (passive) or 2 (active)`);
      spec.notification = n;
    }
    if (a.accessList !== undefined) {
      if (!Array.isArray(a.accessList) || !a.accessList.every((x) => typeof x === 'string'))
        bad(`'attributes[${i}].accessList' must be an array of strings`);
      spec.accessList = a.accessList as string[];
    }
    if (spec.notification === undefined && spec.accessList === undefined)
      bad(`'attributes[${i}]' changes nothing: give notification or accessList`);
    return spec;
  });
}

type TransferOptions = { username?: string; password?: string; delaySeconds?: number };

function transfer(o: Obj): { fileType: string; url: string } & TransferOptions {
  const url = requiredStr(o, 'url');
  if (!/^(https?|ftp|tftp):\/\//i.test(url)) bad(`'url' must be an http, https, ftp or tftp URL`);
  return { fileType: requiredStr(o, 'fileType'), url, ...transferOptions(o) };
}

function transferOptions(o: Obj): TransferOptions {
  const t: TransferOptions = {};
  const username = optStr(o, 'username');
  if (username !== undefined) t.username = username;
  const password = optStr(o, 'password');
  if (password !== undefined) t.password = password;
  const delay = whole(o, 'delaySeconds', 0, 86_400 * 30, true);
  if (delay !== undefined) t.delaySeconds = delay;
  return t;
}

/** A download of a library file: DeskACS makes the URL; the file type defaults to the file's (task-validate.ts). */
function libraryDownload(o: Obj, fileId: number): Extract<TaskSpec, { name: 'download' }> {
  if (o.url !== undefined && o.url !== null) bad("give 'url' or 'fileId', not both");
  return { name: 'download', fileId, fileType: (optStr(o, 'fileType') ?? '').trim(), ...transferOptions(o) };
}

/** A restore: one of the device's uploaded backups sent back (task-validate.ts checks it is the device's). */
function backupDownload(o: Obj, backupId: number): Extract<TaskSpec, { name: 'download' }> {
  if ((o.url !== undefined && o.url !== null) || (o.fileId !== undefined && o.fileId !== null))
    bad("give one of 'url', 'fileId' or 'backupId'");
  return { name: 'download', backupId, fileType: (optStr(o, 'fileType') ?? '').trim(), ...transferOptions(o) };
}

const parsers: { [K in TaskName]: (o: Obj) => Extract<TaskSpec, { name: K }> } = {
  getParameterValues: (o) => ({ name: 'getParameterValues', names: paths(o, 'names') }),
  // A path without its trailing dot may be a parameter (a leaf is read with GetParameterValues)
  // or an object named loosely: task-validate.ts tells them apart with the stored tree.
  refresh: (o) => ({ name: 'refresh', path: (optStr(o, 'path') ?? '').trim() }),
  setParameterValues: (o) => ({ name: 'setParameterValues', values: valueTuples(o, 'values', false) ?? [] }),
  addObject: (o) => {
    const values = isObj(o.values) ? valuesFromObject(o.values, 'values') : valueTuples(o, 'values', true);
    return values === undefined
      ? { name: 'addObject', path: objectPath(o, 'path') }
      : { name: 'addObject', path: objectPath(o, 'path'), values };
  },
  deleteObject: (o) => ({ name: 'deleteObject', path: objectPath(o, 'path') }),
  getParameterAttributes: (o) => ({ name: 'getParameterAttributes', names: paths(o, 'names') }),
  setParameterAttributes: (o) => ({ name: 'setParameterAttributes', attributes: attributes(o) }),
  reboot: () => ({ name: 'reboot' }),
  factoryReset: () => ({ name: 'factoryReset' }),
  download: (o) => {
    const fileId = whole(o, 'fileId', 1, Number.MAX_SAFE_INTEGER, true);
    const backupId = whole(o, 'backupId', 1, Number.MAX_SAFE_INTEGER, true);
    const spec: Extract<TaskSpec, { name: 'download' }> =
      backupId !== undefined
        ? backupDownload(o, backupId)
        : fileId === undefined
          ? { name: 'download', ...transfer(o) }
          : libraryDownload(o, fileId);
    const size = whole(o, 'fileSize', 0, Number.MAX_SAFE_INTEGER, true);
    if (size !== undefined) spec.fileSize = size;
    for (const key of ['targetFileName', 'successUrl', 'failureUrl'] as const) {
      const v = optStr(o, key);
      if (v !== undefined) spec[key] = v;
    }
    return spec;
  },
  upload: (o) => {
    if (o.url === undefined || o.url === null) {
      // No URL: the device uploads to DeskACS and the file is kept as a configuration backup.
      const label = optStr(o, 'label');
      const fileType = (optStr(o, 'fileType') ?? '').trim() || '1 Vendor Configuration File';
      return { name: 'upload', fileType, ...transferOptions(o), ...(label === undefined ? {} : { label: label.trim() }) };
    }
    if (o.label !== undefined) bad("'label' is for an upload to DeskACS (a backup): give it without 'url'");
    return { name: 'upload', ...transfer(o) };
  },
  scheduleInform: (o) => ({ name: 'scheduleInform', delaySeconds: whole(o, 'delaySeconds', 1, 86_400 * 30, false) ?? 1 }),
  getRPCMethods: () => ({ name: 'getRPCMethods' }),
  setConnectionRequestCredentials: (o) => {
    const spec: Extract<TaskSpec, { name: 'setConnectionRequestCredentials' }> = { name: 'setConnectionRequestCredentials' };
    const username = optStr(o, 'username');
    const password = optStr(o, 'password');
    if ((username === undefined) !== (password === undefined))
      bad("give both 'username' and 'password', or neither to have them generated");
    if (username !== undefined && password !== undefined) {
      if (username.trim() === '') bad("'username' must not be empty");
      spec.username = username;
      spec.password = password;
    }
    return spec;
  },
  // ping, traceroute, speedTest, nslookup (services/diagnostics/spec.ts).
  ...diagnosticParsers,
};

export function parseTaskSpec(body: unknown): TaskSpec {
  if (!isObj(body)) bad('the request body must be a JSON object such as {"name": "reboot"}');
  const name = body.name;
  if (typeof name !== 'string' || !(taskNames as readonly string[]).includes(name)) {
    bad(`unknown task name ${JSON.stringify(name)}; known tasks: ${taskNames.join(', ')}`);
  }
  return parsers[name as TaskName](body);
}

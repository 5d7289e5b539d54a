// Small built-in data models, so the simulator works without any dump: a TR-181 `Device:2`
// gateway and a TR-098 `InternetGatewayDevice:1` gateway. Rows use a compact notation:
//   [path relative to the root, kind, value?]
// kind: s string, u unsignedInt, i int, b boolean, t dateTime, n unsignedLong, o object;
// UPPER case = writable (for a table object: AddObject allowed; for an instance: DeleteObject).

import type { XsdType } from '../core/cwmp/messages.ts';
import { DeviceModel, type ModelNode, type RootObject, type TemplateEntry } from './model.ts';
import { setSerialNumber } from './identity.ts';
import { TR181_ROWS, TR181_TABLES } from './builtin-tr181.ts';
import { TR098_ROWS, TR098_TABLES } from './builtin-tr098.ts';

export type Row = readonly [path: string, kind: string, value?: string];
export type BuiltinModelName = 'tr181' | 'tr098';

const TYPES: Record<string, XsdType> = {
  s: 'xsd:string',
  u: 'xsd:unsignedInt',
  i: 'xsd:int',
  b: 'xsd:boolean',
  t: 'xsd:dateTime',
  n: 'xsd:unsignedLong',
  o: 'xsd:string',
};

function entryOf(row: Row): TemplateEntry {
  const [name, kind, value = ''] = row;
  const lower = kind.toLowerCase();
  const type = TYPES[lower];
  if (!type) throw new Error(`builtin model: unknown kind '${kind}' for ${name}`);
  const object = lower === 'o';
  return { name, object, writable: kind !== lower, value: object ? '' : value, type };
}

function nodeOf(root: RootObject, row: Row): ModelNode {
  const { name, ...rest } = entryOf(row);
  return { path: root + name, ...rest };
}

function build(root: RootObject, rows: readonly Row[], tables: Record<string, readonly Row[]>): DeviceModel {
  const model = new DeviceModel([{ path: root, object: true, writable: false, value: '', type: 'xsd:string' }]);
  for (const row of rows) model.upsert(nodeOf(root, row));
  for (const [table, entries] of Object.entries(tables)) model.setTemplate(root + table, entries.map(entryOf));
  return model;
}

export function isBuiltinModelName(name: string): name is BuiltinModelName {
  return name === 'tr181' || name === 'tr098';
}

/** A fresh copy of a built-in model; `serial` overrides DeviceInfo.SerialNumber. */
export function builtinModel(name: BuiltinModelName, options: { serial?: string } = {}): DeviceModel {
  const model = name === 'tr181' ? build('Device.', TR181_ROWS, TR181_TABLES) : build('InternetGatewayDevice.', TR098_ROWS, TR098_TABLES);
  if (options.serial !== undefined) setSerialNumber(model, options.serial);
  return model;
}

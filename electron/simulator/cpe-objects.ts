// AddObject / DeleteObject (TR-069 A.3.2.6, A.3.2.7) on multi-instance tables. A new instance
// gets the table's template (built-in models) or, for dumps, the shape of the table's last
// instance with type defaults; nested tables in the copy start empty.

import { CpeFaultError } from './faults.ts';
import { isInstancePath, parentPath, type DeviceModel, type ModelNode, type TemplateEntry } from './model.ts';
import { setParameterKey, type AttributeStore } from './cpe-params.ts';
import { defaultValue } from './xsd-types.ts';

function instancesOf(model: DeviceModel, tablePath: string): ModelNode[] {
  return model.children(tablePath).filter((n) => n.object && isInstancePath(n.path));
}

/** Template derived from the highest existing instance of the table. */
function derivedTemplate(model: DeviceModel, tablePath: string): TemplateEntry[] {
  const last = instancesOf(model, tablePath).at(-1);
  if (!last) return [];
  const out: TemplateEntry[] = [];
  for (const n of model.descendants(last.path)) {
    const name = n.path.slice(last.path.length);
    if (name === '' || /(^|\.)\d+(\.|$)/.test(name)) continue; // skip nested instances
    out.push({ name, object: n.object, writable: n.writable, type: n.type, value: n.object ? '' : defaultValue(n.type) });
  }
  return out;
}

/** Keeps `<Table>NumberOfEntries` in step with the table (TR-106 3.2.3). */
function updateEntryCount(model: DeviceModel, tablePath: string): void {
  const countPath = `${tablePath.slice(0, -1)}NumberOfEntries`;
  model.setValue(countPath, String(instancesOf(model, tablePath).length));
}

export function addObject(model: DeviceModel, objectName: string, parameterKey: string): number {
  const table = model.get(objectName);
  const isTable = table?.object === true && table.writable && !isInstancePath(objectName);
  if (!isTable) throw new CpeFaultError(9005, `Not a multi-instance object: ${objectName}`);
  const template = model.template(objectName) ?? derivedTemplate(model, objectName);
  const n = model.allocateInstance(objectName);
  const instance = `${objectName}${n}.`;
  const nodes: ModelNode[] = [{ path: instance, object: true, writable: true, value: '', type: 'xsd:string' }];
  for (const e of template) nodes.push({ path: instance + e.name, object: e.object, writable: e.writable, value: e.value, type: e.type });
  model.insertInTable(objectName, nodes);
  updateEntryCount(model, objectName);
  setParameterKey(model, parameterKey);
  return n;
}

export function deleteObject(model: DeviceModel, store: AttributeStore, objectName: string, parameterKey: string): void {
  const node = model.get(objectName);
  const table = parentPath(objectName);
  const deletable = node?.object === true && isInstancePath(objectName) && (node.writable || model.get(table)?.writable === true);
  if (!deletable) throw new CpeFaultError(9005, `Not a deletable object instance: ${objectName}`);
  model.removeSubtree(objectName);
  for (const path of [...store.keys()]) if (path.startsWith(objectName)) store.delete(path);
  updateEntryCount(model, table);
  setParameterKey(model, parameterKey);
}

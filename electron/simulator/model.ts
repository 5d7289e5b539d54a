// The simulated device's data model: an ordered map path -> node, in the order a real CPE walks
// its tree (GetParameterNames answers in this order). Object paths end with '.', parameters don't.
// Multi-instance tables are objects whose last path segment is not a number; instances are
// objects whose last segment is a number ('Device.NAT.PortMapping.1.').

import type { XsdType } from '../core/cwmp/messages.ts';
import { parseCsv } from './csv.ts';
import { normaliseXsdType } from './xsd-types.ts';

export interface ModelNode {
  path: string;
  object: boolean;
  /** For parameters: SetParameterValues allowed. For tables: AddObject allowed. For instances: DeleteObject allowed. */
  writable: boolean;
  /** '' for objects. */
  value: string;
  /** 'xsd:string' for objects. */
  type: XsdType;
}

/** One child of a table's instance template, relative to the instance ('Enable', 'Stats.'). */
export interface TemplateEntry {
  name: string;
  object: boolean;
  writable: boolean;
  value: string;
  type: XsdType;
}

export type RootObject = 'Device.' | 'InternetGatewayDevice.';

/** True for a path whose last segment is an instance number ('X.Table.3.'). */
export function isInstancePath(path: string): boolean {
  return /\.\d+\.$/.test(path);
}

/** 'A.B.C' -> 'A.B.', 'A.B.' -> 'A.', 'A.' -> ''. */
export function parentPath(path: string): string {
  const trimmed = path.endsWith('.') ? path.slice(0, -1) : path;
  const dot = trimmed.lastIndexOf('.');
  return dot < 0 ? '' : trimmed.slice(0, dot + 1);
}

export class DeviceModel {
  private nodes = new Map<string, ModelNode>();
  private readonly templates = new Map<string, TemplateEntry[]>();
  private readonly counters = new Map<string, number>();

  constructor(nodes: Iterable<ModelNode> = []) {
    for (const node of nodes) this.upsert(node);
  }

  get size(): number {
    return this.nodes.size;
  }

  get(path: string): ModelNode | undefined {
    return this.nodes.get(path);
  }

  has(path: string): boolean {
    return this.nodes.has(path);
  }

  all(): ModelNode[] {
    return [...this.nodes.values()];
  }

  /** 'InternetGatewayDevice.' when the model has that root, else 'Device.'. */
  root(): RootObject {
    return this.nodes.has('InternetGatewayDevice.') ? 'InternetGatewayDevice.' : 'Device.';
  }

  /** Value of a parameter, or undefined when absent or an object. */
  value(path: string): string | undefined {
    const node = this.nodes.get(path);
    return node && !node.object ? node.value : undefined;
  }

  /** Sets an existing parameter's value; returns false when there is no such parameter. */
  setValue(path: string, value: string): boolean {
    const node = this.nodes.get(path);
    if (!node || node.object) return false;
    node.value = value;
    return true;
  }

  /** Adds or replaces a node, creating missing ancestor objects first (kept in their place). */
  upsert(node: ModelNode): void {
    const existing = this.nodes.get(node.path);
    if (existing) {
      Object.assign(existing, node);
      return;
    }
    const parent = parentPath(node.path);
    if (parent !== '' && !this.nodes.has(parent)) {
      this.upsert({ path: parent, object: true, writable: false, value: '', type: 'xsd:string' });
    }
    this.nodes.set(node.path, { ...node });
  }

  /** Every node whose path starts with `prefix` ('' = the whole tree), in tree order. */
  descendants(prefix: string): ModelNode[] {
    const out: ModelNode[] = [];
    for (const node of this.nodes.values()) if (node.path.startsWith(prefix)) out.push(node);
    return out;
  }

  /** The next-level children of an object path ('' = the root objects). */
  children(objectPath: string): ModelNode[] {
    return this.descendants(objectPath).filter((n) => n.path !== objectPath && parentPath(n.path) === objectPath);
  }

  /** Removes an object and everything under it. */
  removeSubtree(objectPath: string): void {
    for (const path of [...this.nodes.keys()]) if (path.startsWith(objectPath)) this.nodes.delete(path);
  }

  /** Inserts nodes right after the last node under `tablePath`, so instances stay grouped. */
  insertInTable(tablePath: string, added: ModelNode[]): void {
    const entries = [...this.nodes.entries()];
    let at = -1;
    entries.forEach(([path], i) => {
      if (path.startsWith(tablePath)) at = i;
    });
    const fresh = added.map((n): [string, ModelNode] => [n.path, { ...n }]);
    entries.splice(at + 1, 0, ...fresh);
    this.nodes = new Map(entries);
  }

  setTemplate(tablePath: string, entries: TemplateEntry[]): void {
    this.templates.set(
      tablePath,
      entries.map((e) => ({ ...e })),
    );
  }

  template(tablePath: string): TemplateEntry[] | undefined {
    return this.templates.get(tablePath);
  }

  /** Allocates the next instance number of a table; numbers are not reused after a delete. */
  allocateInstance(tablePath: string): number {
    let max = this.counters.get(tablePath) ?? 0;
    for (const child of this.children(tablePath)) {
      const n = Number(child.path.slice(tablePath.length, -1));
      if (child.object && Number.isInteger(n) && n > max) max = n;
    }
    this.counters.set(tablePath, max + 1);
    return max + 1;
  }

  clone(): DeviceModel {
    const copy = new DeviceModel();
    copy.nodes = new Map([...this.nodes].map(([k, v]) => [k, { ...v }]));
    for (const [k, v] of this.templates)
      copy.templates.set(
        k,
        v.map((e) => ({ ...e })),
      );
    for (const [k, v] of this.counters) copy.counters.set(k, v);
    return copy;
  }
}

// ---------------------------------------------------------------------------------------------
// CSV dumps: `Parameter,Object,Writable,Value,Value type`, optionally with GenieACS timestamp,
// notification and access-list columns in between or after. Rows outside the two TR-069 roots
// (GenieACS's virtual `DeviceID.*`, `Events.*`, `Tags.*`, `VirtualParameters.*`) are skipped.

const DEFAULT_COLUMNS = ['parameter', 'object', 'writable', 'value', 'value type'];

interface CsvColumns {
  path: number;
  object: number;
  writable: number;
  value: number;
  type: number;
}

function columnsOf(header: string[]): CsvColumns {
  const names = header.map((h) => h.trim().toLowerCase());
  const known = names.includes('parameter') ? names : DEFAULT_COLUMNS;
  const at = (name: string): number => known.indexOf(name);
  return { path: at('parameter'), object: at('object'), writable: at('writable'), value: at('value'), type: at('value type') };
}

function isTrue(text: string | undefined): boolean {
  const t = (text ?? '').trim().toLowerCase();
  return t === 'true' || t === '1';
}

function rowToNode(row: string[], cols: CsvColumns): ModelNode | undefined {
  const raw = (row[cols.path] ?? '').trim();
  const first = raw.split('.')[0];
  if (first !== 'Device' && first !== 'InternetGatewayDevice') return undefined;
  if (isTrue(row[cols.object])) {
    const path = raw.endsWith('.') ? raw : `${raw}.`;
    return { path, object: true, writable: isTrue(row[cols.writable]), value: '', type: 'xsd:string' };
  }
  if (raw.endsWith('.')) return undefined;
  const type = normaliseXsdType(row[cols.type] ?? '');
  return { path: raw, object: false, writable: isTrue(row[cols.writable]), value: row[cols.value] ?? '', type };
}

const IDENTITY: Record<string, string> = {
  'DeviceID.Manufacturer': 'Manufacturer',
  'DeviceID.OUI': 'ManufacturerOUI',
  'DeviceID.ProductClass': 'ProductClass',
  'DeviceID.SerialNumber': 'SerialNumber',
};

/** Some dumps have empty DeviceInfo identity values; GenieACS's DeviceID.* rows hold the Inform's. */
function fillIdentity(model: DeviceModel, deviceId: Map<string, string>): void {
  for (const [virtual, field] of Object.entries(IDENTITY)) {
    const value = deviceId.get(virtual);
    const path = `${model.root()}DeviceInfo.${field}`;
    if (!value || (model.value(path) ?? '') !== '') continue;
    if (!model.setValue(path, value)) model.upsert({ path, object: false, writable: false, value, type: 'xsd:string' });
  }
}

/** Builds a model from a CSV dump (see above); throws when no TR-069 parameter is found. */
export function loadCsvModel(text: string): DeviceModel {
  const rows = parseCsv(text);
  const header = rows[0] ?? [];
  const hasHeader = header.some((h) => h.trim().toLowerCase() === 'parameter');
  const cols = columnsOf(hasHeader ? header : DEFAULT_COLUMNS);
  const model = new DeviceModel();
  const deviceId = new Map<string, string>();
  for (const row of hasHeader ? rows.slice(1) : rows) {
    const node = rowToNode(row, cols);
    if (node) model.upsert(node);
    else if (IDENTITY[(row[cols.path] ?? '').trim()]) deviceId.set((row[cols.path] ?? '').trim(), row[cols.value] ?? '');
  }
  if (model.size === 0) throw new Error('CSV model has no Device. or InternetGatewayDevice. rows');
  fillIdentity(model, deviceId);
  return model;
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Writes the model in the same CSV format (used as the simulated configuration file). */
export function modelToCsv(model: DeviceModel): string {
  const lines = ['Parameter,Object,Writable,Value,Value type'];
  for (const n of model.all()) {
    const path = n.object ? n.path.slice(0, -1) : n.path;
    lines.push([csvField(path), String(n.object), String(n.writable), csvField(n.value), n.object ? '' : n.type].join(','));
  }
  return `${lines.join('\n')}\n`;
}

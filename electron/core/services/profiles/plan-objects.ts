// Object instances a profile wants (a port mapping identified by its key fields): found among the
// table's stored instances by those fields, else created once with AddObject; the further
// values of a found instance are compared like any value.
import type { DesiredItem } from './items.ts';
import type { PlanContext } from './planner.ts';
import { heldBack, refOf, type StepStatus } from './planner.ts';
import { isSecret, valueHash } from './secrets.ts';

type ObjectItem = Extract<DesiredItem, { kind: 'object' }>;

/** Stored and wanted values are the same (booleans as 1/0 or true/false; numbers as numbers). */
export function sameValue(stored: string, wanted: string, type: string | null): boolean {
  if (stored === wanted) return true;
  const t = (type ?? '').toLowerCase();
  if (t.endsWith('boolean')) return truth(stored) !== null && truth(stored) === truth(wanted);
  if (/int|long/.test(t)) return stored.trim() !== '' && Number(stored) === Number(wanted);
  return stored.trim() === wanted.trim();
}

function truth(text: string): boolean | null {
  const v = text.trim().toLowerCase();
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  return null;
}

/** The stored instances of a table ('T.3.', 'T.7.'). */
function instancesOf(ctx: PlanContext, table: string): string[] {
  const out = new Set<string>();
  const re = new RegExp(`^${table.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\d+)\\.`);
  for (const path of ctx.view.rows.keys()) {
    const m = re.exec(path);
    if (m !== null) out.add(`${table}${m[1]}.`);
  }
  return [...out];
}

export function decideObject(
  ctx: PlanContext,
  d: ObjectItem,
): { status: StepStatus; message: string | null; path: string | null; value: string | null; hash: string } {
  const table = d.object.table;
  const value = JSON.stringify(d.key);
  const hash = valueHash(table, JSON.stringify([d.key, d.set]));
  if (d.waiting !== null) return { status: 'waiting', message: d.waiting, path: table, value, hash };
  const tableRow = ctx.view.rows.get(table);
  if (tableRow === undefined) {
    if (ctx.view.read.has(table))
      return { status: 'unsupported', message: `${table}: the device has no such table`, path: table, value, hash };
    return { status: 'read', message: `reading ${table} first`, path: table, value, hash };
  }
  const held = heldBack(ctx, d, hash);
  if (held !== null) return { ...held, path: table, value };
  const rows = ctx.view.rows;
  const found = instancesOf(ctx, table).find((inst) =>
    Object.entries(d.key).every(([field, wanted]) => {
      const r = rows.get(inst + field);
      return r?.value != null && sameValue(r.value, wanted, r.type);
    }),
  );
  if (found === undefined) {
    ctx.sends.objects.push({ table, values: [...Object.entries(d.key), ...Object.entries(d.set)], ref: refOf(d, table, hash) });
    return { status: 'send', message: `AddObject ${table}`, path: table, value, hash };
  }
  const differing = Object.entries(d.set).filter(([field, wanted]) => {
    const r = rows.get(found + field);
    return r !== undefined && !r.object && !(r.value != null && sameValue(r.value, wanted, r.type));
  });
  if (differing.length === 0) return { status: 'satisfied', message: `${found}`, path: found, value, hash };
  for (const [field, wanted] of differing) {
    const r = rows.get(found + field);
    ctx.sends.values.push({
      path: found + field,
      value: wanted,
      type: r?.type ?? 'xsd:string',
      secret: isSecret(field),
      ref: refOf(d, found, hash),
    });
  }
  return { status: 'send', message: `${found}: ${differing.map(([f]) => f).join(', ')}`, path: found, value, hash };
}

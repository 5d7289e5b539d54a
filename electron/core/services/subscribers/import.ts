// POST /api/subscribers/import: a billing CSV export in, subscribers created or updated by
// account id. Good rows are written (in one transaction), bad rows are named by their line with
// why: a bad field, a duplicate account, serial or MAC within the file, or a serial or MAC that
// belongs to another account. Columns the file does not have are left as they are on update.
import { AcsError } from '../../../../shared/errors.ts';
import type { Subscriber, SubscriberField, SubscriberImportResult } from '../../../../shared/models-provisioning.ts';
import type { Store } from '../../store/index.ts';
import { decodeCsv, parseCsv, type CsvRecord } from './csv.ts';
import { mapColumns, type ColumnMapping } from './csv-mapping.ts';
import { checkAccountId, checkFields, FieldError, type CheckedFields, type RawFields } from './fields.ts';

export interface ImportInput {
  csv?: string;
  file?: Uint8Array;
  mapping?: Partial<Record<SubscriberField, string>>;
  dryRun?: boolean;
}

export interface ImportOutcome {
  result: SubscriberImportResult;
  /** Bound subscribers whose data changed: their devices' profiles may need applying again. */
  changedDevices: string[];
}

interface GoodRow {
  line: number;
  accountId: string;
  values: CheckedFields;
}

type LineError = { line: number; message: string };

const MAX_ROWS = 200_000;
/** Refused lines listed one by one; past these, one line says how many more. */
const MAX_ERRORS = 1000;

function leftOff(errors: LineError[]): LineError {
  const next = errors[MAX_ERRORS] as LineError;
  return { line: next.line, message: `and ${errors.length - MAX_ERRORS} more refused lines from here on (fix the ones above first)` };
}

export function importSubscribers(store: Store, input: ImportInput): ImportOutcome {
  const source = input.csv ?? input.file;
  if (source === undefined)
    throw new AcsError('bad_request', "give the CSV as 'csv' (text) or as the request body (Content-Type: text/csv)");
  const parsed = parseCsv(decodeCsv(source));
  const [header, ...rows] = parsed.records;
  if (header === undefined) throw new AcsError('bad_request', 'the file is empty: it needs a header line and one line per subscriber');
  if (rows.length > MAX_ROWS) throw new AcsError('bad_request', `the file has ${rows.length} rows; at most ${MAX_ROWS} at once`);
  const columns = mapColumns(header.fields, input.mapping);
  const errors: LineError[] = [...parsed.errors];
  const owners = ownersOf(store);
  const good = withoutStoreConflicts(owners, checkRows(rows, header.fields.length, columns, errors), errors);
  const dryRun = input.dryRun === true;
  const counts = dryRun ? countChanges(store, good) : store.transaction(() => writeRows(store, owners, good));
  errors.sort((a, b) => a.line - b.line);
  const shown = errors.length > MAX_ERRORS ? [...errors.slice(0, MAX_ERRORS), leftOff(errors)] : errors;
  const mapping = Object.fromEntries(
    Object.entries(columns).map(([field, index]) => [field, header.fields[index]?.trim() ?? '']),
  ) as SubscriberImportResult['mapping'];
  return {
    result: { created: counts.created, updated: counts.updated, unchanged: counts.unchanged, errors: shown, mapping, dryRun },
    changedDevices: dryRun ? [] : counts.changedDevices,
  };
}

/** A cell our export wrote with an apostrophe so that a spreadsheet would not run it as a formula. */
const unguard = (cell: string): string => cell.replace(/^'(?=[=+@])/, '');

function rawFields(record: CsvRecord, columns: ColumnMapping): RawFields {
  const cell = (f: SubscriberField): string | undefined => {
    const i = columns[f];
    return i === undefined ? undefined : unguard(record.fields[i] ?? '');
  };
  const raw: RawFields = {};
  for (const f of ['name', 'serial', 'mac', 'pppoeUsername', 'pppoePassword', 'wifiSsid', 'wifiKey', 'tags'] as const) {
    const v = cell(f);
    if (v !== undefined) raw[f] = v;
  }
  return raw;
}

/** Every row checked on its own and against the rows before it. */
function checkRows(rows: CsvRecord[], width: number, columns: ColumnMapping, errors: LineError[]): GoodRow[] {
  const seen = { account: new Map<string, number>(), serial: new Map<string, number>(), mac: new Map<string, number>() };
  const good: GoodRow[] = [];
  for (const record of rows) {
    const bad = (message: string): void => {
      errors.push({ line: record.line, message });
    };
    if (record.fields.length > width && record.fields.slice(width).some((f) => f.trim() !== '')) {
      bad(`${record.fields.length} fields where the header has ${width} (a value holding the delimiter must be quoted)`);
      continue;
    }
    let accountId: string;
    let values: CheckedFields;
    try {
      accountId = checkAccountId(unguard(record.fields[columns.accountId ?? 0] ?? ''));
      values = checkFields(rawFields(record, columns));
    } catch (err) {
      if (!(err instanceof FieldError)) throw err;
      bad(err.message);
      continue;
    }
    const repeat = (kind: 'account' | 'serial' | 'mac', key: string | null | undefined, label: string): boolean => {
      if (key === null || key === undefined) return false;
      const earlier = seen[kind].get(key.toLowerCase());
      if (earlier !== undefined) bad(`${label} '${key}' is also on line ${earlier}`);
      return earlier !== undefined;
    };
    if (repeat('account', accountId, 'account') || repeat('serial', values.serial, 'serial number') || repeat('mac', values.mac, 'MAC'))
      continue;
    seen.account.set(accountId.toLowerCase(), record.line);
    if (values.serial) seen.serial.set(values.serial.toLowerCase(), record.line);
    if (values.mac) seen.mac.set(values.mac, record.line);
    good.push({ line: record.line, accountId, values });
  }
  return good;
}

/** Who holds each serial (lower-case) and MAC now, and each account's own. */
interface Owners {
  serial: Map<string, string>;
  mac: Map<string, string>;
  account: Map<string, { serial: string | null; mac: string | null }>;
}

function ownersOf(store: Store): Owners {
  const owners: Owners = { serial: new Map(), mac: new Map(), account: new Map() };
  for (const r of store.subscribers.identifiers()) {
    if (r.serial !== null) owners.serial.set(r.serial.toLowerCase(), r.accountId);
    if (r.mac !== null) owners.mac.set(r.mac, r.accountId);
    owners.account.set(r.accountId, { serial: r.serial, mac: r.mac });
  }
  return owners;
}

/**
 * Drops rows whose serial or MAC belongs to another account that the file does not rewrite;
 * repeated because a dropped row no longer frees the identifier its account held.
 */
function withoutStoreConflicts(owners: Owners, rows: GoodRow[], errors: LineError[]): GoodRow[] {
  let kept = rows;
  for (;;) {
    const accounts = new Set(kept.map((r) => r.accountId));
    const other = (holder: string | undefined, self: string): string | null =>
      holder !== undefined && holder !== self && !accounts.has(holder) ? holder : null;
    const next: GoodRow[] = [];
    for (const r of kept) {
      const serialOwner = r.values.serial ? other(owners.serial.get(r.values.serial.toLowerCase()), r.accountId) : null;
      const macOwner = r.values.mac ? other(owners.mac.get(r.values.mac), r.accountId) : null;
      if (serialOwner !== null)
        errors.push({ line: r.line, message: `serial number '${r.values.serial}' belongs to account '${serialOwner}'` });
      else if (macOwner !== null) errors.push({ line: r.line, message: `MAC '${r.values.mac}' belongs to account '${macOwner}'` });
      else next.push(r);
    }
    if (next.length === kept.length) return next;
    kept = next;
  }
}

interface Counts {
  created: number;
  updated: number;
  unchanged: number;
  changedDevices: string[];
}

function differs(existing: Subscriber, values: CheckedFields): boolean {
  return (Object.keys(values) as (keyof CheckedFields)[]).some((k) =>
    k === 'tags' ? JSON.stringify(existing.tags) !== JSON.stringify(values.tags) : existing[k] !== values[k],
  );
}

function countChanges(store: Store, rows: GoodRow[]): Counts {
  const counts: Counts = { created: 0, updated: 0, unchanged: 0, changedDevices: [] };
  for (const r of rows) {
    const existing = store.subscribers.get(r.accountId);
    if (existing === undefined) counts.created += 1;
    else if (differs(existing, r.values)) counts.updated += 1;
    else counts.unchanged += 1;
  }
  return counts;
}

function writeRows(store: Store, owners: Owners, rows: GoodRow[]): Counts {
  const counts: Counts = { created: 0, updated: 0, unchanged: 0, changedDevices: [] };
  // Identifiers moving between accounts of this file: cleared first, so no write meets the
  // value another row is about to give up.
  for (const column of ['serial', 'mac'] as const) {
    const moving = rows.filter((r) => {
      const value = r.values[column];
      if (value === undefined) return false;
      const existing = owners.account.get(r.accountId);
      return existing !== undefined && existing[column] !== value;
    });
    store.subscribers.clearIdentifier(
      column,
      moving.map((r) => r.accountId),
    );
  }
  for (const r of rows) {
    const { subscriber, created, changed } = store.subscribers.save(r.accountId, r.values);
    if (created) counts.created += 1;
    else if (changed) counts.updated += 1;
    else counts.unchanged += 1;
    if (changed && !created && subscriber.deviceId !== null) counts.changedDevices.push(subscriber.deviceId);
  }
  return counts;
}

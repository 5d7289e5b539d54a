// Subscribers and their device bindings (migration 016). Secrets are returned in clear: the
// service masks them for results; no caller may log a Subscriber as a whole.
import type { Page } from '../../../shared/models.ts';
import type { Subscriber } from '../../../shared/models-provisioning.ts';
import type Database from 'better-sqlite3';
import type { Db } from './db.ts';
import { StoreError } from './errors.ts';
import { iso, stringsFromJson, toJson } from './json.ts';

/** Checked values to write; undefined: keep, null: none. */
export interface SubscriberValues {
  name?: string;
  serial?: string | null;
  mac?: string | null;
  pppoeUsername?: string | null;
  pppoePassword?: string | null;
  wifiSsid?: string | null;
  wifiKey?: string | null;
  tags?: string[];
}

export interface SubscriberQuery {
  /** Substring of account id, name, serial, MAC or PPPoE username (case-insensitive). */
  q?: string;
  bound?: boolean;
  /** Keyset: the last account id of the previous page. */
  after?: string;
  offset?: number;
  limit: number;
}

/** A device row for the installer's waiting list, with its binding. */
export interface WaitingRow {
  id: string;
  serialNumber: string;
  manufacturer: string;
  modelName: string;
  ipAddress: string;
  firstSeen: string;
  lastInform: string | null;
  periodicInterval: number | null;
  accountId: string | null;
  subscriberName: string | null;
}

export interface Identifiers {
  accountId: string;
  serial: string | null;
  mac: string | null;
}

export interface SubscriberRepository {
  get(accountId: string): Subscriber | undefined;
  byDevice(deviceId: string): Subscriber | undefined;
  bySerial(serial: string): Subscriber | undefined;
  byMac(mac: string): Subscriber | undefined;
  list(query: SubscriberQuery): Page<Subscriber>;
  /** Every subscriber's serial and MAC (an import checks its rows against them). */
  identifiers(): Identifiers[];
  /** Creates (name required) or updates; returns the row and whether anything changed. */
  save(accountId: string, values: SubscriberValues): { subscriber: Subscriber; created: boolean; changed: boolean };
  remove(accountId: string): boolean;
  /** Clears the serial or the MAC of these accounts (before an import writes swapped identifiers). */
  clearIdentifier(column: 'serial' | 'mac', accountIds: readonly string[]): void;
  /** Binds the device to the subscriber; returns the accounts and devices whose binding changed. */
  bind(accountId: string, deviceId: string): { accounts: string[]; devices: string[] };
  /** Unbinds the device; `refuse`: automatic binding will not bind this pair again. Returns the account, or null. */
  unbind(deviceId: string, refuse: boolean): string | null;
  /** An unbound subscriber with this serial or one of these MACs, not refused for this device. */
  unboundMatch(deviceId: string, serial: string, macs: readonly string[]): Subscriber | undefined;
  /** Whether any unbound subscriber has a serial, a MAC (else automatic binding has nothing to look for). */
  unboundIdentifiers(): { serial: boolean; mac: boolean };
  /** Devices that first informed at or after `since` or are not bound, newest first. */
  waiting(since: string, limit: number): WaitingRow[];
}

interface Row {
  account_id: string;
  name: string;
  serial: string | null;
  mac: string | null;
  pppoe_username: string | null;
  pppoe_password: string | null;
  wifi_ssid: string | null;
  wifi_key: string | null;
  tags: string;
  device_id: string | null;
  bound_at: string | null;
  created_at: string;
  updated_at: string;
}

const COLUMNS = `account_id, name, serial, mac, pppoe_username, pppoe_password, wifi_ssid, wifi_key, tags, device_id,
  bound_at, created_at, updated_at`;

const VALUE_COLUMNS: Record<keyof SubscriberValues, string> = {
  name: 'name',
  serial: 'serial',
  mac: 'mac',
  pppoeUsername: 'pppoe_username',
  pppoePassword: 'pppoe_password',
  wifiSsid: 'wifi_ssid',
  wifiKey: 'wifi_key',
  tags: 'tags',
};

function toSubscriber(r: Row): Subscriber {
  return {
    accountId: r.account_id,
    name: r.name,
    serial: r.serial,
    mac: r.mac,
    pppoeUsername: r.pppoe_username,
    pppoePassword: r.pppoe_password,
    wifiSsid: r.wifi_ssid,
    wifiKey: r.wifi_key,
    tags: stringsFromJson(r.tags),
    deviceId: r.device_id,
    boundAt: r.device_id === null ? null : r.bound_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const like = (q: string): string => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function listWhere(query: SubscriberQuery): { where: string; params: Record<string, string> } {
  const parts: string[] = [];
  const params: Record<string, string> = {};
  const q = (query.q ?? '').trim();
  if (q !== '') {
    params.q = like(q);
    const cols = ['account_id', 'name', 'serial', 'mac', 'pppoe_username'].map((c) => `${c} LIKE @q ESCAPE '\\'`);
    // A MAC searched without separators ('aabbcc') or with dashes.
    const hex = q.toLowerCase().replace(/[:.-]/g, '');
    if (/^[0-9a-f]{2,12}$/.test(hex)) {
      params.hex = like(hex);
      cols.push(`replace(mac, ':', '') LIKE @hex ESCAPE '\\'`);
    }
    parts.push(`(${cols.join(' OR ')})`);
  }
  if (query.bound === true) parts.push('device_id IS NOT NULL');
  if (query.bound === false) parts.push('device_id IS NULL');
  return { where: parts.length === 0 ? '1' : parts.join(' AND '), params };
}

type SaveResult = { subscriber: Subscriber; created: boolean; changed: boolean };

type Statement = Database.Statement<unknown[]>;
type Prepare = (sql: string) => Statement;

/** Inserts or updates the given cells: one read of the row, one write. */
function saveRow(
  prepare: Prepare,
  at: string,
  accountId: string,
  values: SubscriberValues,
  row: (id: string) => Row | undefined,
): SaveResult {
  const current = row(accountId);
  const cells = Object.entries(values)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => [VALUE_COLUMNS[k as keyof SubscriberValues], k === 'tags' ? toJson(v) : v] as const);
  if (current === undefined) {
    if (values.name === undefined) throw new StoreError(`a new subscriber needs a name (account ${accountId})`);
    const cols = ['account_id', 'created_at', 'updated_at', ...cells.map(([c]) => c)];
    prepare(`INSERT INTO subscribers (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(
      accountId,
      at,
      at,
      ...cells.map(([, v]) => v),
    );
    const fresh = { ...EMPTY_ROW, account_id: accountId, created_at: at, updated_at: at, ...Object.fromEntries(cells) } as Row;
    return { subscriber: toSubscriber(fresh), created: true, changed: true };
  }
  const changedCells = cells.filter(([c, v]) => (current as unknown as Record<string, unknown>)[c] !== v);
  if (changedCells.length === 0) return { subscriber: toSubscriber(current), created: false, changed: false };
  prepare(`UPDATE subscribers SET ${changedCells.map(([c]) => `${c} = ?`).join(', ')}, updated_at = ? WHERE account_id = ?`).run(
    ...changedCells.map(([, v]) => v),
    at,
    accountId,
  );
  const updated = { ...current, ...Object.fromEntries(changedCells), updated_at: at } as Row;
  return { subscriber: toSubscriber(updated), created: false, changed: true };
}

const EMPTY_ROW: Omit<Row, 'account_id' | 'name' | 'created_at' | 'updated_at'> = {
  serial: null,
  mac: null,
  pppoe_username: null,
  pppoe_password: null,
  wifi_ssid: null,
  wifi_key: null,
  tags: '[]',
  device_id: null,
  bound_at: null,
};

function listPage(db: Db, query: SubscriberQuery): Page<Subscriber> {
  const { where, params } = listWhere(query);
  const total = db.prepare<Record<string, string>, number>(`SELECT count(*) FROM subscribers WHERE ${where}`).pluck().get(params) ?? 0;
  const keyset = query.after === undefined ? '' : ' AND account_id > @after';
  const offset = query.offset ?? 0;
  const rows = db
    .prepare<Record<string, string | number>, Row>(
      `SELECT ${COLUMNS} FROM subscribers WHERE ${where}${keyset} ORDER BY account_id LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, ...(query.after === undefined ? {} : { after: query.after }), limit: query.limit + 1, offset });
  const items = rows.slice(0, query.limit).map(toSubscriber);
  const next = rows.length > query.limit ? (items.at(-1)?.accountId ?? null) : null;
  return { items, total, offset, limit: query.limit, next };
}

function waitingRows(db: Db, since: string, limit: number): WaitingRow[] {
  return db
    .prepare<[string, number], WaitingRow>(
      `SELECT d.id, d.serial_number AS serialNumber, d.manufacturer, d.model_name AS modelName, d.ip_address AS ipAddress,
         d.first_seen AS firstSeen, d.last_inform AS lastInform, d.periodic_interval AS periodicInterval,
         s.account_id AS accountId, s.name AS subscriberName
       FROM devices d LEFT JOIN subscribers s ON s.device_id = d.id
       WHERE d.first_seen >= ? OR s.account_id IS NULL
       ORDER BY d.first_seen DESC, d.seq DESC LIMIT ?`,
    )
    .all(since, limit);
}

function matchRow(db: Db, deviceId: string, serial: string, macs: readonly string[]): Row | undefined {
  const macPart = macs.length === 0 ? '' : ` OR mac IN (${macs.map(() => '?').join(', ')})`;
  return db
    .prepare<unknown[], Row>(
      `SELECT ${COLUMNS} FROM subscribers WHERE device_id IS NULL AND (serial = ?${macPart})
       AND (refused_device_id IS NULL OR refused_device_id != ?) ORDER BY serial IS NULL, account_id LIMIT 1`,
    )
    .get(serial, ...macs, deviceId);
}

export function createSubscriberRepository(db: Db, now: () => Date): SubscriberRepository {
  const one = (sql: string) => db.prepare<unknown[], Row>(`SELECT ${COLUMNS} FROM subscribers WHERE ${sql}`);
  const byAccount = one('account_id = ?');
  const byDevice = one('device_id = ?');
  const bySerial = one('serial = ?');
  const byMac = one('mac = ?');
  const deviceExists = db.prepare<[string], number>('SELECT 1 FROM devices WHERE id = ?').pluck();
  const unboundWith = (column: string) =>
    db.prepare<[], number>(`SELECT EXISTS (SELECT 1 FROM subscribers WHERE device_id IS NULL AND ${column} IS NOT NULL)`).pluck();
  const unboundSerial = unboundWith('serial');
  const unboundMac = unboundWith('mac');
  const identifiersOf = db.prepare<[], Identifiers>('SELECT account_id AS accountId, serial, mac FROM subscribers');
  const unbindDevice = db.prepare<[string]>('UPDATE subscribers SET device_id = NULL, bound_at = NULL WHERE device_id = ?');
  const bindTo = db.prepare<[string, string, string]>(
    'UPDATE subscribers SET device_id = ?, bound_at = ?, refused_device_id = NULL WHERE account_id = ?',
  );
  const statements = new Map<string, Statement>();
  // The statements an import's rows use again and again (a few shapes of INSERT and UPDATE).
  const prepare: Prepare = (sql) => {
    let st = statements.get(sql);
    if (st === undefined) {
      st = db.prepare<unknown[]>(sql);
      if (statements.size < 200) statements.set(sql, st);
    }
    return st;
  };
  const found = (r: Row | undefined): Subscriber | undefined => (r === undefined ? undefined : toSubscriber(r));
  const get = (accountId: string): Subscriber | undefined => found(byAccount.get(accountId));
  return {
    get,
    byDevice: (deviceId) => found(byDevice.get(deviceId)),
    bySerial: (serial) => found(bySerial.get(serial)),
    byMac: (mac) => found(byMac.get(mac)),
    list: (query) => listPage(db, query),
    save: (accountId, values) => saveRow(prepare, iso(now()), accountId, values, (id) => byAccount.get(id)),
    identifiers: () => identifiersOf.all(),
    remove: (accountId) => db.prepare<[string]>('DELETE FROM subscribers WHERE account_id = ?').run(accountId).changes > 0,
    clearIdentifier: (column, accountIds) => {
      const clear = prepare(`UPDATE subscribers SET ${column === 'mac' ? 'mac' : 'serial'} = NULL WHERE account_id = ?`);
      for (const id of accountIds) clear.run(id);
    },
    bind: (accountId, deviceId) => {
      const target = get(accountId);
      if (target === undefined) throw new StoreError(`no subscriber with account id '${accountId}'`);
      if (deviceExists.get(deviceId) === undefined) throw new StoreError(`no device with id '${deviceId}'`);
      if (target.deviceId === deviceId) return { accounts: [], devices: [] };
      const previous = byDevice.get(deviceId)?.account_id ?? null;
      unbindDevice.run(deviceId);
      bindTo.run(deviceId, iso(now()), accountId);
      const accounts = [accountId, ...(previous === null ? [] : [previous])];
      const devices = [deviceId, ...(target.deviceId === null ? [] : [target.deviceId])];
      return { accounts, devices };
    },
    unbind: (deviceId, refuse) => {
      const r = byDevice.get(deviceId);
      if (r === undefined) return null;
      db.prepare<[string | null, string]>(
        'UPDATE subscribers SET device_id = NULL, bound_at = NULL, refused_device_id = ? WHERE account_id = ?',
      ).run(refuse ? deviceId : null, r.account_id);
      return r.account_id;
    },
    unboundMatch: (deviceId, serial, macs) => found(matchRow(db, deviceId, serial, macs)),
    unboundIdentifiers: () => ({ serial: unboundSerial.get() === 1, mac: unboundMac.get() === 1 }),
    waiting: (since, limit) => waitingRows(db, since, limit),
  };
}

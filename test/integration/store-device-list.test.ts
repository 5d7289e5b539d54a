// The device list on a real SQLite store: sorting by every column with keyset paging, each
// filter alone and combined, and the status filter against shared/device-status.ts's rule.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import type { DeviceFilter } from '../../shared/contract-args.ts';
import {
  deviceSortKeys,
  deviceStatus,
  deviceStatuses,
  offlineAfterSeconds,
  onlineWindowSeconds,
  type DeviceSortKey,
} from '../../shared/device-status.ts';
import type { DeviceSummary } from '../../shared/models.ts';
import type { ParameterValue } from '../../electron/core/cwmp/messages.ts';
import { openStore, type SortOrder, type Store } from '../../electron/core/store/index.ts';
import { makeInform } from '../helpers/inform.ts';

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function freshStore(): { store: Store; path: string } {
  const dir = mkdtempSync(join(tmpdir(), 'deskacs-list-'));
  dirs.push(dir);
  const path = join(dir, 'acs.sqlite');
  const store = openStore({ path });
  after(() => store.close());
  return { store, path };
}

interface DeviceSpec {
  serial: string;
  oui?: string;
  at: Date;
  /** PeriodicInformInterval reported (null: not reported). */
  interval?: number | null;
  model?: string;
  firmware?: string;
  extra?: ParameterValue[];
}

const s = (name: string, value: string): ParameterValue => ({ name, value, type: 'xsd:string' });

function record(store: Store, d: DeviceSpec): string {
  const parameters = [
    s('Device.DeviceInfo.ModelName', d.model ?? 'Box'),
    s('Device.DeviceInfo.SoftwareVersion', d.firmware ?? '1.0'),
    ...(d.extra ?? []),
  ];
  if (d.interval !== undefined && d.interval !== null)
    parameters.push(s('Device.ManagementServer.PeriodicInformInterval', String(d.interval)));
  const inform = makeInform({ serial: d.serial, oui: d.oui ?? 'a0b1c2', parameters });
  return store.informs.record({ inform, remoteAddress: '192.0.2.1', cwmpVersion: '1.0', at: d.at, warnings: [] }).deviceId;
}

const NOW = new Date('2026-03-01T12:00:00.000Z');

function list(
  store: Store,
  o: { filter?: DeviceFilter; sort?: DeviceSortKey; order?: SortOrder; limit?: number; after?: string; offset?: number; now?: Date },
) {
  return store.devices.list({
    filter: o.filter ?? {},
    sort: o.sort ?? 'lastInform',
    order: o.order ?? 'desc',
    limit: o.limit ?? 1000,
    after: o.after,
    offset: o.offset,
    now: o.now ?? NOW,
  });
}

/** Every device of the list, page after page by cursor; fails if a page repeats a device. */
function walk(
  store: Store,
  o: { filter?: DeviceFilter; sort: DeviceSortKey; order: SortOrder; limit: number; now?: Date },
): DeviceSummary[] {
  const out: DeviceSummary[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 10_000; pages++) {
    const page = list(store, { ...o, after: cursor });
    assert.ok(page.items.length <= o.limit);
    out.push(...page.items);
    if (page.next === null) return out;
    assert.equal(page.items.length, o.limit, 'only the last page is short');
    cursor = page.next;
  }
  throw new Error('paging did not end');
}

const ids = (items: readonly DeviceSummary[]): string[] => items.map((d) => d.id);

/** Stable sort by key; `seqOf` is insertion order (seq grows with each new device). */
function expectedOrder<T>(items: readonly T[], key: (t: T) => string, order: SortOrder): T[] {
  const withSeq = items.map((t, seq) => ({ t, seq, k: key(t) }));
  withSeq.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.seq - b.seq));
  const asc = withSeq.map((x) => x.t);
  return order === 'asc' ? asc : asc.reverse();
}

describe('device list: sort and keyset paging', () => {
  test('by serial number, both ways: pages of 4 visit every device once, case-insensitively ordered, duplicates by insertion', () => {
    const { store } = freshStore();
    // Two OUIs share serials, so sort values repeat; case differs only in letters.
    const specs = ['abc-7', 'ABD-1', 'zz-1', 'Abc-3', 'm-2', 'abc-7', 'x', 'ABC-7', 'aa', 'm-2', 'b'].map((serial, i) => ({
      serial,
      oui: i % 2 === 0 ? '00aa00' : '00bb00',
    }));
    const made = specs.map((sp, i) => ({ id: record(store, { ...sp, at: new Date(NOW.getTime() - i * 1000) }), serial: sp.serial }));
    for (const order of ['asc', 'desc'] as const) {
      const expected = expectedOrder(made, (d) => d.serial.toLowerCase(), order).map((d) => d.id);
      const got = ids(walk(store, { sort: 'serialNumber', order, limit: 4 }));
      assert.equal(new Set(got).size, made.length, `${order}: every device once`);
      assert.deepEqual(got, expected, order);
    }
  });

  test('by last contact with many devices informing at the same instant: keyset pages of 3 lose and repeat nothing', () => {
    const { store } = freshStore();
    const made = Array.from({ length: 25 }, (_, i) => {
      const at = new Date(NOW.getTime() - (i % 4) * 60_000);
      return { id: record(store, { serial: `T${i}`, at }), at: at.toISOString() };
    });
    for (const order of ['desc', 'asc'] as const) {
      const got = ids(walk(store, { sort: 'lastInform', order, limit: 3 }));
      assert.deepEqual(
        got,
        expectedOrder(made, (d) => d.at, order).map((d) => d.id),
        order,
      );
    }
  });

  test('every sort column, both ways: walking by cursor gives exactly the one-page order', () => {
    const { store } = freshStore();
    for (let i = 0; i < 17; i++) {
      record(store, {
        serial: `K${i % 5}-${i}`,
        oui: `00cc0${i % 3}`,
        model: `M${i % 4}`,
        firmware: `F${i % 3}`,
        at: new Date(NOW.getTime() - (i % 6) * 1000),
        extra: [s('Device.IP.Interface.1.IPv4Address.1.IPAddress', `10.0.${i % 2}.${i % 7}`)],
      });
    }
    for (const sort of deviceSortKeys) {
      for (const order of ['asc', 'desc'] as const) {
        const whole = list(store, { sort, order });
        assert.equal(whole.next, null);
        assert.deepEqual(ids(walk(store, { sort, order, limit: 2 })), ids(whole.items), `${sort} ${order}`);
      }
    }
  });

  test('a device with no last contact sorts last newest-first and first oldest-first, and paging reaches it', () => {
    const { store, path } = freshStore();
    const made = Array.from({ length: 7 }, (_, i) => record(store, { serial: `N${i}`, at: new Date(NOW.getTime() - (i % 3) * 1000) }));
    const raw = new Database(path);
    raw.prepare('UPDATE devices SET last_inform = NULL WHERE id IN (?, ?)').run(made[1], made[4]);
    raw.close();
    const desc = ids(walk(store, { sort: 'lastInform', order: 'desc', limit: 2 }));
    assert.equal(desc.length, 7);
    assert.deepEqual(desc.slice(-2), [made[4], made[1]], 'NULLs last, newest seq first');
    const asc = ids(walk(store, { sort: 'lastInform', order: 'asc', limit: 2 }));
    assert.deepEqual(asc, [...desc].reverse());
  });

  test('offset paging still works without a cursor; next is null on the last page; a cursor of another order is refused', () => {
    const { store } = freshStore();
    for (let i = 0; i < 5; i++) record(store, { serial: `O${i}`, at: new Date(NOW.getTime() - i * 1000) });
    const all = ids(list(store, {}).items);
    const second = list(store, { offset: 2, limit: 2 });
    assert.deepEqual(ids(second.items), all.slice(2, 4));
    assert.equal(second.offset, 2);
    assert.equal(second.total, 5);
    assert.notEqual(second.next, null);
    assert.deepEqual(ids(list(store, { after: second.next ?? '', limit: 10 }).items), all.slice(4));
    assert.equal(list(store, { offset: 3, limit: 2 }).next, null);
    assert.throws(() => list(store, { after: second.next ?? '', sort: 'serialNumber', order: 'asc' }), /sorted by lastInform desc/);
    assert.throws(() => list(store, { after: 'bm90LWEtY3Vyc29y' }), /not a cursor/);
  });
});

describe('device list: filters', () => {
  const { store } = freshStore();
  const id = {
    a: record(store, { serial: 'ALPHA-100', model: 'EX220', firmware: '1.1', at: NOW, extra: [s('Device.X.Owner', 'bob')] }),
    b: record(store, { serial: 'ALPHA-200', model: 'EX220', firmware: '1.2', at: new Date(NOW.getTime() - 86_400_000) }),
    c: record(store, { serial: 'BETA-300', model: 'ex220', firmware: '1.1', at: NOW, extra: [s('Device.X.Owner', 'bob')] }),
    d: record(store, { serial: 'GAMMA-400', model: 'H199', firmware: '1.1', at: NOW, extra: [s('Device.X.Owner', 'alice')] }),
  };
  store.tags.apply([id.a, id.c], ['vip'], []);
  store.tags.apply([id.d], ['north'], []);
  const t = store.tasks.enqueue(id.c, 'reboot', { name: 'reboot' });
  store.tasks.finish(t.id, 'fault', { fault: { code: 9002, message: 'internal error' } }, NOW);
  store.tasks.finish(store.tasks.enqueue(id.d, 'reboot', { name: 'reboot' }).id, 'done', {}, NOW);

  const found = (filter: DeviceFilter): string[] => {
    const page = list(store, { filter, sort: 'serialNumber', order: 'asc' });
    assert.equal(page.total, page.items.length, `total of ${JSON.stringify(filter)}`);
    return ids(page.items);
  };

  test('each filter alone', () => {
    assert.deepEqual(found({}), [id.a, id.b, id.c, id.d]);
    assert.deepEqual(found({ q: 'pha-2' }), [id.b], 'substring of 3+ characters');
    assert.deepEqual(found({ q: 'al' }), [id.a, id.b], '1-2 characters: prefix');
    assert.deepEqual(found({ q: 'ph' }), [], 'a short query is no substring search');
    assert.deepEqual(found({ param: 'Device.X.Owner', value: 'bob' }), [id.a, id.c]);
    assert.deepEqual(found({ model: 'EX220' }), [id.a, id.b], 'the exact model name, case included');
    assert.deepEqual(found({ firmware: '1.1' }), [id.a, id.c, id.d]);
    assert.deepEqual(found({ tag: 'vip' }), [id.a, id.c]);
    assert.deepEqual(found({ failing: true }), [id.c], 'a fault, not a done task');
    assert.deepEqual(found({ failing: false }), [id.a, id.b, id.c, id.d], 'failing: false narrows nothing');
    assert.deepEqual(found({ ids: [id.d, id.b, 'no-such-device'] }), [id.b, id.d]);
    assert.deepEqual(found({ status: 'online' }), [id.a, id.c, id.d]);
    assert.deepEqual(found({ status: 'offline' }), [id.b]);
    assert.deepEqual(found({ status: 'late' }), []);
  });

  test('filters combine with AND, and total counts every match', () => {
    assert.deepEqual(found({ firmware: '1.1', tag: 'vip' }), [id.a, id.c]);
    assert.deepEqual(found({ firmware: '1.1', tag: 'vip', model: 'EX220' }), [id.a]);
    assert.deepEqual(found({ q: 'ALPHA', status: 'online', param: 'Device.X.Owner', value: 'bob' }), [id.a]);
    assert.deepEqual(found({ failing: true, status: 'offline' }), []);
    const page = list(store, { filter: { firmware: '1.1' }, sort: 'serialNumber', order: 'asc', limit: 1 });
    assert.equal(page.total, 3);
    assert.equal(page.items.length, 1);
  });

  test('each row carries its tags, sorted', () => {
    store.tags.apply([id.a], ['b-tag', 'a-tag'], []);
    const rows = list(store, { filter: { ids: [id.a, id.b] }, sort: 'serialNumber', order: 'asc' }).items;
    assert.deepEqual(
      rows.map((d) => d.tags),
      [['a-tag', 'b-tag', 'vip'], []],
    );
    assert.deepEqual(store.devices.get(id.a)?.tags, ['a-tag', 'b-tag', 'vip']);
    store.tags.apply([id.a], [], ['a-tag', 'b-tag']);
  });
});

describe('device list: the status filter is deviceStatus()', () => {
  /** Devices just inside and just outside each window of each interval (null: not reported). */
  function boundaryFleet(store: Store, intervals: readonly (number | null)[]): string[] {
    const made: string[] = [];
    let n = 0;
    for (const interval of intervals) {
      const online = onlineWindowSeconds(interval) * 1000;
      const alive = offlineAfterSeconds(interval) * 1000;
      for (const ageMs of [-5000, 0, online - 1, online, online + 1, alive - 1, alive, alive + 1, 10 * alive]) {
        made.push(record(store, { serial: `B${n++}`, interval, at: new Date(NOW.getTime() - ageMs) }));
      }
    }
    return made;
  }

  function assertAgrees(store: Store, made: readonly string[]): void {
    const stored = new Map(list(store, {}).items.map((d) => [d.id, d]));
    const counts = store.fleetStats.statusCounts(NOW);
    for (const status of deviceStatuses) {
      const expected = made.filter((deviceId) => {
        const d = stored.get(deviceId);
        return d !== undefined && deviceStatus(d.lastInform, d.periodicInformInterval, NOW.getTime()) === status;
      });
      assert.ok(expected.length > 0, `the fleet has ${status} devices`);
      const got = ids(list(store, { filter: { status }, sort: 'serialNumber', order: 'asc' }).items);
      assert.deepEqual(new Set(got), new Set(expected), status);
      const byContact = ids(walk(store, { filter: { status }, sort: 'lastInform', order: 'asc', limit: 4 }));
      assert.deepEqual(new Set(byContact), new Set(expected), `${status}, sorted by last contact`);
      assert.equal(counts[status], expected.length, `overview count of ${status}`);
    }
  }

  test('at both edges of the online and offline windows, for several intervals and none', () => {
    const { store } = freshStore();
    const made = boundaryFleet(store, [null, 0, 60, 300, 1001, 3600, 86_400]);
    assertAgrees(store, made);
  });

  test('with a single interval in use (the thresholds are constants), reported or not', () => {
    for (const interval of [300, null]) {
      const { store } = freshStore();
      assertAgrees(store, boundaryFleet(store, [interval]));
    }
  });

  test('with more distinct intervals than the threshold table takes, the per-row rule agrees as well', () => {
    const { store } = freshStore();
    const made = boundaryFleet(store, [null, ...Array.from({ length: 70 }, (_, i) => 100 + i * 7)]);
    assertAgrees(store, made);
  });

  test('many matches (walking the sort index) and few (sorting them) page the same way', () => {
    const { store } = freshStore();
    const made: { id: string; serial: string; online: boolean }[] = [];
    store.transaction(() => {
      for (let i = 0; i < 2300; i++) {
        const serial = `W${(i * 7919) % 2300}`;
        const online = i % 10 !== 0;
        made.push({ id: record(store, { serial, at: new Date(NOW.getTime() - (online ? 0 : 86_400_000)) }), serial, online });
      }
    });
    const onlineDevices = made.filter((d) => d.online);
    assert.ok(onlineDevices.length ** 2 > 701 * made.length, 'walking the index pays for pages of 700');
    const broad = ids(walk(store, { filter: { status: 'online' }, sort: 'serialNumber', order: 'desc', limit: 700 }));
    assert.deepEqual(
      broad,
      expectedOrder(onlineDevices, (d) => d.serial.toLowerCase(), 'desc').map((d) => d.id),
    );
    const offline = made.filter((d) => !d.online);
    const narrow = ids(walk(store, { filter: { status: 'offline' }, sort: 'serialNumber', order: 'asc', limit: 70 }));
    assert.deepEqual(
      narrow,
      expectedOrder(offline, (d) => d.serial.toLowerCase(), 'asc').map((d) => d.id),
    );
  });
});

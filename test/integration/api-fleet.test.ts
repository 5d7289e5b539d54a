// The fleet methods of the API on a real ACS (SQLite, CWMP and HTTP on loopback): the device
// list over HTTP, tags, deleting devices, the overview, the API token, the CWMP endpoints and
// deviceInformed's isNew.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import type { AcsEvents } from '../../shared/contract.ts';
import { deviceStatus } from '../../shared/device-status.ts';
import type { DeviceSummary, Page } from '../../shared/models.ts';
import type { ParameterValue } from '../../electron/core/cwmp/messages.ts';
import { storePath } from '../../electron/core/store/data-dir.ts';
import { apiGet, apiPost, CpeConnection, send, startHarness, type Harness } from '../helpers/acs-harness.ts';
import { informXml } from '../helpers/cpe-messages.ts';
import { makeInform } from '../helpers/inform.ts';

const s = (name: string, value: string): ParameterValue => ({ name, value, type: 'xsd:string' });

interface Spec {
  serial: string;
  at?: Date;
  model?: string;
  manufacturer?: string;
  firmware?: string;
}

/** A device stored as its Inform would store it (at `at`), without a CWMP session. */
function addDevice(h: Harness, d: Spec): string {
  const parameters = [s('Device.DeviceInfo.ModelName', d.model ?? 'Box'), s('Device.DeviceInfo.SoftwareVersion', d.firmware ?? '1.0')];
  const inform = makeInform({ serial: d.serial, manufacturer: d.manufacturer ?? 'Acme', parameters });
  return h.store.informs.record({ inform, remoteAddress: '192.0.2.9', cwmpVersion: '1.0', at: d.at ?? new Date(), warnings: [] }).deviceId;
}

/** Every `name` event emitted while fn runs. */
async function collect<K extends keyof AcsEvents>(h: Harness, name: K, fn: () => Promise<unknown>): Promise<AcsEvents[K][]> {
  const got: AcsEvents[K][] = [];
  const off = h.acs.events.on(name, (e) => got.push(e));
  try {
    await fn();
  } finally {
    off();
  }
  return got;
}

/** One CWMP session: Inform, then (unless `stayOpen`) the empty POST that ends it. */
async function informOverHttp(h: Harness, serial: string, stayOpen = false): Promise<CpeConnection> {
  const cpe = new CpeConnection(h.cwmpUrl);
  const r = await cpe.post(informXml({ serial, events: ['2 PERIODIC'] }));
  assert.equal(r.status, 200);
  if (!stayOpen) {
    assert.equal((await cpe.post('')).status, 204);
    cpe.close();
  }
  return cpe;
}

describe('fleet API', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h.close();
  });

  test('the device list over HTTP: sort, order, cursor and filters from the query string', async () => {
    const made = ['L-3', 'L-1', 'L-2'].map((serial) => addDevice(h, { serial, firmware: 'L' }));
    h.store.tags.apply([made[0] ?? '', made[2] ?? ''], ['list-test'], []);
    const first = (await apiGet(h, '/api/devices?firmware=L&sort=serialNumber&order=desc&limit=2')).json as Page<DeviceSummary>;
    assert.deepEqual(
      first.items.map((d) => d.serialNumber),
      ['L-3', 'L-2'],
    );
    assert.equal(first.total, 3);
    assert.ok(first.next !== null);
    const rest = (await apiGet(h, `/api/devices?firmware=L&sort=serialNumber&order=desc&limit=2&after=${encodeURIComponent(first.next)}`))
      .json as Page<DeviceSummary>;
    assert.deepEqual(
      rest.items.map((d) => d.serialNumber),
      ['L-1'],
    );
    assert.equal(rest.next, null);
    const tagged = (await apiGet(h, '/api/devices?tag=list-test&status=online&sort=serialNumber')).json as Page<DeviceSummary>;
    assert.deepEqual(
      tagged.items.map((d) => [d.serialNumber, d.tags]),
      [
        ['L-2', ['list-test']],
        ['L-3', ['list-test']],
      ],
    );
    const bad = await apiGet(h, '/api/devices?sort=colour');
    assert.equal(bad.status, 400);
    assert.match(JSON.stringify(bad.json), /sort/);
    const foreign = await apiGet(h, `/api/devices?firmware=L&sort=serialNumber&after=${encodeURIComponent(first.next)}`);
    assert.equal(foreign.status, 400, 'a cursor of a descending list does not page an ascending one');
  });

  test('tags: add by filter and by ids, count, filter, remove; each change announced once', async () => {
    const a = addDevice(h, { serial: 'TAG-A', firmware: 'T1' });
    const b = addDevice(h, { serial: 'TAG-B', firmware: 'T1' });
    const c = addDevice(h, { serial: 'TAG-C', firmware: 'T2' });
    let result = await h.acs.api.tagDevices({ selection: { filter: { firmware: 'T1' } }, add: ['shop', 'north'] });
    assert.deepEqual(result, { devices: 2, added: 4, removed: 0 });
    const events = await collect(h, 'devicesChanged', async () => {
      result = await h.acs.api.tagDevices({ selection: { ids: [b, c, 'no-such-device'] }, add: ['shop'], remove: ['north'] });
    });
    assert.deepEqual(result, { devices: 2, added: 1, removed: 1 }, 'b already had shop; only b had north');
    assert.deepEqual(events, [{ change: 'tagged', count: 2, deviceIds: [b, c] }]);
    const counts = await h.acs.api.listTags({});
    assert.deepEqual(
      counts.filter((t) => ['shop', 'north'].includes(t.tag)),
      [
        { tag: 'shop', count: 3 },
        { tag: 'north', count: 1 },
      ],
    );
    const shop = await h.acs.api.listDevices({ tag: 'shop', sort: 'serialNumber' });
    assert.deepEqual(
      shop.items.map((d) => d.id),
      [a, b, c],
    );
    assert.deepEqual((await h.acs.api.getDevice({ id: a })).tags, ['north', 'shop']);
    const none = await collect(h, 'devicesChanged', () => h.acs.api.tagDevices({ selection: { ids: [a] }, add: ['shop'] }));
    assert.deepEqual(none, [], 'nothing changed, nothing announced');
    await assert.rejects(h.acs.api.tagDevices({ selection: { ids: [a] }, add: ['x'], remove: ['x'] }), /both added and removed/);
    await assert.rejects(h.acs.api.tagDevices({ selection: { ids: [a] }, add: ['bad/tag'] }), { code: 'bad_request' });
  });

  test('tagging more than one batch: every device tagged, the event lists 1,000 and counts all', async () => {
    h.store.transaction(() => {
      for (let i = 0; i < 1050; i++) addDevice(h, { serial: `MANY-${i}`, firmware: 'many' });
    });
    const events = await collect(h, 'devicesChanged', async () => {
      assert.deepEqual(await h.acs.api.tagDevices({ selection: { filter: { firmware: 'many' } }, add: ['bulk'] }), {
        devices: 1050,
        added: 1050,
        removed: 0,
      });
    });
    assert.equal(events.length, 1);
    assert.equal(events[0]?.count, 1050);
    assert.equal(events[0]?.deviceIds.length, 1000);
    assert.equal((await h.acs.api.listDevices({ tag: 'bulk', limit: 1 })).total, 1050);
    const removed = await h.acs.api.deleteDevices({ selection: { filter: { tag: 'bulk' } } });
    assert.deepEqual(removed, { removed: 1050 });
    assert.equal((await h.acs.api.listDevices({ firmware: 'many' })).total, 0);
    assert.deepEqual(
      (await h.acs.api.listTags({})).filter((t) => t.tag === 'bulk'),
      [],
    );
  });

  test('deleting a device removes it and every row that belongs to it, and announces it', async () => {
    await informOverHttp(h, 'DEL-1');
    const [device] = (await h.acs.api.listDevices({ q: 'DEL-1' })).items;
    assert.ok(device);
    const id = device.id;
    h.store.parameters.upsertValues(id, [s('InternetGatewayDevice.X.Y', 'z')], new Date());
    const task = h.store.tasks.enqueue(id, 'reboot', { name: 'reboot' });
    h.store.faults.record({ deviceId: id, taskId: task.id, sessionId: null, code: 9002, faultString: 'x', detail: null, at: new Date() });
    h.store.cpeRequests.record({ deviceId: id, sessionId: null, method: 'Kicked', detail: {}, at: new Date() });
    h.store.tags.apply([id], ['gone-soon'], []);
    await h.acs.api.setDeviceCredentials({ id, username: 'u', password: 'p' });
    const raw = new Database(storePath(h.dataDir, process.platform), { readonly: true });
    after(() => raw.close());
    const tables = raw
      .prepare<[], { name: string }>(
        `SELECT m.name FROM sqlite_master AS m WHERE m.type = 'table' AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) WHERE name = 'device_id')`,
      )
      .all()
      .map((t) => t.name);
    const rowsOf = (): Record<string, number> =>
      Object.fromEntries(
        tables.map((t) => [t, raw.prepare<[string], number>(`SELECT count(*) FROM ${t} WHERE device_id = ?`).pluck().get(id) ?? 0]),
      );
    const before = rowsOf();
    for (const t of ['parameters', 'sessions', 'tasks', 'faults', 'cpe_requests', 'device_tags', 'cr_credentials', 'device_inform_paths']) {
      assert.ok((before[t] ?? 0) > 0, `the device has ${t} rows to delete`);
    }
    const events = await collect(h, 'devicesChanged', async () => {
      assert.deepEqual(await h.acs.api.deleteDevice({ id }), { removed: true });
    });
    assert.deepEqual(events, [{ change: 'deleted', count: 1, deviceIds: [id] }]);
    const left = rowsOf();
    for (const t of ['parameters', 'sessions', 'tasks', 'faults', 'cpe_requests', 'device_tags', 'cr_credentials', 'device_inform_paths']) {
      assert.equal(left[t], 0, `${t} of the deleted device`);
    }
    assert.equal(raw.prepare<[string], number>('SELECT count(*) FROM devices WHERE id = ?').pluck().get(id), 0);
    await assert.rejects(h.acs.api.getDevice({ id }), { code: 'not_found' });
    assert.deepEqual(await h.acs.api.deleteDevice({ id }), { removed: false });
    assert.equal((await h.acs.api.listDevices({ q: 'DEL-1' })).total, 0, 'gone from the search index too');
  });

  test('a device in a CWMP session is not deleted until its session ends', async () => {
    const cpe = await informOverHttp(h, 'BUSY-1', true);
    const id = (await h.acs.api.listDevices({ q: 'BUSY-1' })).items[0]?.id ?? '';
    await assert.rejects(h.acs.api.deleteDevice({ id }), { code: 'conflict' });
    const del = await apiPost(h, `/api/devices/${encodeURIComponent(id)}`, undefined, 'DELETE');
    assert.equal(del.status, 409);
    assert.deepEqual(await h.acs.api.deleteDevices({ selection: { ids: [id] } }), { removed: 0 }, 'left out of a bulk delete');
    assert.equal((await cpe.post('')).status, 204, 'the session goes on and ends normally');
    cpe.close();
    assert.deepEqual(await h.acs.api.deleteDevice({ id }), { removed: true });
  });

  test('deviceInformed says whether the Inform created the device', async () => {
    const first = await collect(h, 'deviceInformed', () => informOverHttp(h, 'NEW-1'));
    const second = await collect(h, 'deviceInformed', () => informOverHttp(h, 'NEW-1'));
    assert.deepEqual(
      first.map((e) => e.isNew),
      [true],
    );
    assert.deepEqual(
      second.map((e) => e.isNew),
      [false],
    );
  });

  test('regenerating the API token locks the old one out over HTTP', async () => {
    const old = (await h.acs.api.getApiToken({})).token;
    assert.equal(old, h.acs.info.apiToken);
    const auth = (token: string): Record<string, string> => ({ Authorization: `Bearer ${token}` });
    assert.equal((await send(`${h.apiUrl}/api/info`, 'GET', auth(old), null)).status, 200);
    const fresh = (await h.acs.api.regenerateApiToken({})).token;
    assert.notEqual(fresh, old);
    assert.match(fresh, /^[A-Za-z0-9_-]{32,}$/);
    assert.equal((await send(`${h.apiUrl}/api/info`, 'GET', auth(old), null)).status, 401);
    assert.equal((await send(`${h.apiUrl}/api/info`, 'GET', auth(fresh), null)).status, 200);
    assert.equal(readFileSync(join(h.dataDir, 'api-token'), 'utf8').trim(), fresh, 'saved for the next start');
    assert.equal(h.acs.info.apiToken, fresh);
    assert.equal((await h.acs.api.getApiToken({})).token, fresh);
  });

  test('serverInfo lists where CPEs can reach the CWMP listener', async () => {
    const info = await h.acs.api.serverInfo({});
    // The harness listens on 127.0.0.1 only: that one address, flagged as loopback.
    assert.equal(info.cwmpEndpoints.length, 1);
    assert.deepEqual(
      { ...info.cwmpEndpoints[0], interface: undefined },
      { interface: undefined, address: '127.0.0.1', family: 'IPv4', url: h.cwmpUrl, loopback: true },
    );
    assert.deepEqual(info.cwmpUrls, [h.cwmpUrl]);
  });
});

describe('overview', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h.close();
  });

  test('its numbers match the stored devices, tasks and Informs', async () => {
    const now = Date.now();
    const day = 86_400_000;
    const specs: (Spec & { ageMs: number })[] = [
      { serial: 'O-1', model: 'EX220', manufacturer: 'TP-Link', firmware: 'v1', ageMs: 0 },
      { serial: 'O-2', model: 'EX220', manufacturer: 'TP-Link', firmware: 'v2', ageMs: 0 },
      { serial: 'O-3', model: 'EX220', manufacturer: 'TP-Link', firmware: 'v1', ageMs: 3 * day },
      { serial: 'O-4', model: 'H199', manufacturer: 'ZTE', firmware: 'v1', ageMs: 40 * day },
      { serial: 'O-5', model: 'EX220', manufacturer: 'Other', firmware: 'v9', ageMs: 2 * 3_600_000 },
    ];
    const ids = specs.map((d) => addDevice(h, { ...d, at: new Date(now - d.ageMs) }));
    // Through CWMP, so counted per hour: two new devices, one of them twice.
    for (const serial of ['O-HTTP-1', 'O-HTTP-2', 'O-HTTP-1']) await informOverHttp(h, serial);
    const [i0 = '', i1 = '', i2 = ''] = ids;
    for (const [id, status] of [
      [i0, 'fault'],
      [i0, 'fault'],
      [i1, 'fault'],
      [i2, 'done'],
    ] as const) {
      h.store.tasks.finish(
        h.store.tasks.enqueue(id, 'reboot', { name: 'reboot' }).id,
        status,
        status === 'fault' ? { fault: { code: 1, message: 'x' } } : {},
        new Date(),
      );
    }
    for (let i = 0; i < 3; i++) h.store.tasks.enqueue(i1, 'reboot', { name: 'reboot' });
    h.store.tasks.markRunning(h.store.tasks.enqueue(i2, 'reboot', { name: 'reboot' }).id, new Date());

    const o = await h.acs.api.getOverview({});
    const devices = (await h.acs.api.listDevices({ limit: 1000 })).items;
    assert.equal(o.devices, 7);
    const at = Date.parse(o.generatedAt);
    for (const status of ['online', 'late', 'offline'] as const) {
      assert.equal(o[status], devices.filter((d) => deviceStatus(d.lastInform, d.periodicInformInterval, at) === status).length, status);
    }
    assert.deepEqual([o.online, o.late, o.offline], [4, 1, 2], 'informed now: online; 2 h ago (hourly): late; 3 and 40 days ago: offline');
    assert.deepEqual(o.byModel.slice(0, 2), [
      { manufacturer: 'TP-Link', modelName: 'EX220', count: 3 },
      { manufacturer: 'Acme', modelName: 'HG1', count: 2 },
    ]);
    assert.equal(o.byModel.length, 4);
    assert.deepEqual(o.byFirmware.slice(0, 2), [
      { softwareVersion: 'v1', count: 3 },
      { softwareVersion: 'V1.2.3', count: 2 },
    ]);
    assert.equal(o.failingDevices, 2);
    assert.deepEqual(o.tasks, { queued: 3, running: 1 });
    assert.equal(o.newDevicesPerDay.length, 30);
    assert.equal(o.newDevicesPerDay.at(-1)?.day, new Date(at).toISOString().slice(0, 10));
    assert.equal(
      o.newDevicesPerDay.reduce((n, d) => n + d.count, 0),
      6,
      'the device first seen 40 days ago is out of the window',
    );
    assert.equal(o.newDevicesPerDay.find((d) => d.day === new Date(now - 3 * day).toISOString().slice(0, 10))?.count, 1);
    assert.equal(o.informsPerHour.length, 48);
    assert.equal(o.informsPerHour.at(-1)?.hour, `${new Date(at).toISOString().slice(0, 13)}:00:00.000Z`);
    assert.deepEqual(new Set(o.informsPerHour.map((x) => x.hour)).size, 48);
    assert.equal(
      o.informsPerHour.slice(-2).reduce((n, x) => n + x.count, 0),
      3,
      'the three Informs that came over CWMP',
    );
    assert.equal(
      o.informsPerHour.slice(0, -2).reduce((n, x) => n + x.count, 0),
      0,
    );
  });
});

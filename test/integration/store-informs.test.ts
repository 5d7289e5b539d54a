import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InformRequest, ParameterValue } from '../../electron/core/cwmp/messages.ts';
import Database from 'better-sqlite3';
import { openStore, type Store } from '../../electron/core/store/index.ts';

function tempStore(): Store {
  const dir = mkdtempSync(join(tmpdir(), 'deskacs-store-inf-'));
  const store = openStore({ path: join(dir, 'acs.sqlite') });
  process.on('exit', () => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return store;
}

const IGD = 'InternetGatewayDevice';

function informOf(serial: string, events: string[], params: Array<[string, string]>): InformRequest {
  const parameterList: ParameterValue[] = params.map(([name, value]) => ({ name, value, type: 'xsd:string' }));
  return {
    name: 'Inform',
    deviceId: { manufacturer: 'Huawei', oui: '00259e', productClass: 'HG8245H', serialNumber: serial },
    events: events.map((code) => ({ code, commandKey: code === 'M Reboot' ? 'reboot-1' : '' })),
    maxEnvelopes: 1,
    currentTime: '2024-05-01T10:00:00Z',
    retryCount: 0,
    parameterList,
  };
}

const at1 = new Date('2024-05-01T10:00:00.000Z');
const at2 = new Date('2024-05-01T11:00:00.000Z');

const firstParams: Array<[string, string]> = [
  [`${IGD}.DeviceInfo.SoftwareVersion`, 'V3R017'],
  [`${IGD}.DeviceInfo.HardwareVersion`, 'HW-1'],
  [`${IGD}.DeviceInfo.ModelName`, 'EchoLife HG8245H'],
  [`${IGD}.ManagementServer.ConnectionRequestURL`, 'http://100.64.1.2:7547/cr'],
  [`${IGD}.ManagementServer.PeriodicInformInterval`, '3600'],
  [`${IGD}.WANDevice.1.WANConnectionDevice.1.WANIPConnection.1.ExternalIPAddress`, '100.64.1.2'],
  [`${IGD}.LANDevice.1.LANHostConfigManagement.IPInterface.1.IPInterfaceIPAddress`, '192.168.1.1'],
];

describe('store informs.record', () => {
  test('first Inform creates the device, its parameters, events and an open session', () => {
    const store = tempStore();
    const r = store.informs.record({
      inform: informOf('ABC-123', ['0 BOOTSTRAP', '1 BOOT'], firstParams),
      remoteAddress: '::ffff:203.0.113.9',
      cwmpVersion: '1.2',
      at: at1,
      warnings: ['CurrentTime in 1970'],
    });
    assert.deepEqual(r, { deviceId: '00259E-HG8245H-ABC%2D123', created: true, sessionId: 1 });
    assert.deepEqual(store.devices.get(r.deviceId), {
      id: '00259E-HG8245H-ABC%2D123',
      oui: '00259E',
      productClass: 'HG8245H',
      serialNumber: 'ABC-123',
      manufacturer: 'Huawei',
      modelName: 'EchoLife HG8245H',
      softwareVersion: 'V3R017',
      hardwareVersion: 'HW-1',
      connectionRequestUrl: 'http://100.64.1.2:7547/cr',
      ipAddress: '100.64.1.2',
      firstSeen: '2024-05-01T10:00:00.000Z',
      lastInform: '2024-05-01T10:00:00.000Z',
      lastBoot: '2024-05-01T10:00:00.000Z',
      periodicInformInterval: 3600,
      rootObject: 'InternetGatewayDevice',
      tags: [],
    });
    assert.equal(store.parameters.count(r.deviceId), 7);
    assert.deepEqual(store.parameters.get(r.deviceId, `${IGD}.DeviceInfo.SoftwareVersion`), {
      path: `${IGD}.DeviceInfo.SoftwareVersion`,
      value: 'V3R017',
      type: 'xsd:string',
      writable: null,
      object: false,
      updatedAt: '2024-05-01T10:00:00.000Z',
    });
    assert.deepEqual(store.events.listForDevice(r.deviceId, 10), [
      { code: '1 BOOT', commandKey: '', at: '2024-05-01T10:00:00.000Z', sessionId: 1 },
      { code: '0 BOOTSTRAP', commandKey: '', at: '2024-05-01T10:00:00.000Z', sessionId: 1 },
    ]);
    assert.deepEqual(store.sessions.get(r.sessionId), {
      id: 1,
      deviceId: r.deviceId,
      startedAt: '2024-05-01T10:00:00.000Z',
      endedAt: null,
      outcome: 'open',
      remoteAddress: '203.0.113.9',
      cwmpVersion: '1.2',
      messages: 1,
      warnings: ['CurrentTime in 1970'],
    });
  });

  test('a second Inform updates the same device instead of adding one', () => {
    const store = tempStore();
    const base = { remoteAddress: '203.0.113.9', cwmpVersion: '1.2', warnings: [] };
    store.informs.record({ ...base, inform: informOf('S1', ['0 BOOTSTRAP'], firstParams), at: at1 });
    const second = informOf(
      'S1',
      ['2 PERIODIC'],
      [
        [`${IGD}.DeviceInfo.SoftwareVersion`, 'V3R018'],
        [`${IGD}.WANDevice.1.WANConnectionDevice.1.WANPPPConnection.1.ExternalIPAddress`, '100.64.9.9'],
      ],
    );
    const r = store.informs.record({ ...base, inform: second, at: at2 });
    assert.equal(r.created, false);
    assert.equal(r.sessionId, 2);
    assert.equal(store.devices.count(), 1);
    const d = store.devices.get(r.deviceId);
    assert.equal(d?.softwareVersion, 'V3R018');
    assert.equal(d?.ipAddress, '100.64.9.9');
    // Not in the second Inform: kept.
    assert.equal(d?.hardwareVersion, 'HW-1');
    assert.equal(d?.periodicInformInterval, 3600);
    assert.equal(d?.firstSeen, at1.toISOString());
    assert.equal(d?.lastInform, at2.toISOString());
    assert.equal(d?.lastBoot, at1.toISOString(), 'a PERIODIC Inform does not move last_boot');
    assert.equal(store.parameters.count(r.deviceId), 8);
    assert.equal(store.parameters.get(r.deviceId, `${IGD}.DeviceInfo.SoftwareVersion`)?.updatedAt, at2.toISOString());
    assert.deepEqual(store.devices.search({ q: 'V3R017' }).total, 0, 'search index follows the update');
    assert.deepEqual(
      store.devices.search({ q: 'V3R018' }).items.map((x) => x.id),
      [r.deviceId],
    );
  });

  test('a repeated Inform rewrites only changed values; every value it carried reads as current', () => {
    const dir = mkdtempSync(join(tmpdir(), 'deskacs-store-inf-'));
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, 'acs.sqlite');
    const store = openStore({ path });
    const base = { remoteAddress: '203.0.113.9', cwmpVersion: '1.2', warnings: [] };
    const sw = `${IGD}.DeviceInfo.SoftwareVersion`;
    const uptime = `${IGD}.DeviceInfo.UpTime`;
    const ssid = `${IGD}.LANDevice.1.WLANConfiguration.1.SSID`;
    const at3 = new Date('2024-05-01T12:00:00.000Z');
    const at4 = new Date('2024-05-01T13:00:00.000Z');
    const r = store.informs.record({
      ...base,
      inform: informOf(
        'R1',
        ['1 BOOT'],
        [
          [sw, 'V1'],
          [uptime, '10'],
        ],
      ),
      at: at1,
    });
    store.parameters.upsertValues(r.deviceId, [{ name: ssid, value: 'home', type: 'xsd:string' }], at1);
    store.informs.record({
      ...base,
      inform: informOf(
        'R1',
        ['2 PERIODIC'],
        [
          [sw, 'V1'],
          [uptime, '3610'],
        ],
      ),
      at: at2,
    });
    // What is on disk: the unchanged value kept its row as written at at1.
    const raw = new Database(path, { readonly: true });
    const stored = (p: string): unknown =>
      raw.prepare('SELECT updated_at FROM parameters WHERE device_id = ? AND path = ?').pluck().get(r.deviceId, p);
    assert.equal(stored(sw), at1.toISOString());
    assert.equal(stored(uptime), at2.toISOString());
    // What readers see: both were reported at at2; the SSID (not in Informs) was read at at1.
    assert.equal(store.parameters.get(r.deviceId, sw)?.updatedAt, at2.toISOString());
    assert.deepEqual(
      store.parameters.list(r.deviceId).map((p) => [p.path, p.value, p.updatedAt]),
      [
        [sw, 'V1', at2.toISOString()],
        [uptime, '3610', at2.toISOString()],
        [ssid, 'home', at1.toISOString()],
      ],
    );
    // The Informs stop carrying UpTime: it keeps at2, the last time it was reported.
    store.informs.record({ ...base, inform: informOf('R1', ['2 PERIODIC'], [[sw, 'V1']]), at: at3 });
    assert.equal(store.parameters.get(r.deviceId, uptime)?.updatedAt, at2.toISOString());
    assert.equal(store.parameters.get(r.deviceId, sw)?.updatedAt, at3.toISOString());
    assert.equal(stored(sw), at1.toISOString());
    // A changed value is written with its time.
    store.informs.record({ ...base, inform: informOf('R1', ['2 PERIODIC'], [[sw, 'V2']]), at: at4 });
    assert.equal(stored(sw), at4.toISOString());
    assert.equal(store.parameters.get(r.deviceId, sw)?.value, 'V2');
    raw.close();
  });

  test('the same Inform again writes no parameter at all, unless something else wrote them meanwhile', () => {
    const dir = mkdtempSync(join(tmpdir(), 'deskacs-store-inf-'));
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, 'acs.sqlite');
    const store = openStore({ path });
    const raw = new Database(path, { readonly: true });
    const base = { remoteAddress: '203.0.113.9', cwmpVersion: '1.2', warnings: [] };
    const ssid = `${IGD}.LANDevice.1.WLANConfiguration.1.SSID`;
    const params: Array<[string, string]> = [
      [ssid, 'home'],
      [`${IGD}.DeviceInfo.SoftwareVersion`, 'V1'],
    ];
    const r = store.informs.record({ ...base, inform: informOf('G1', ['2 PERIODIC'], params), at: at1 });
    const stateAt = (): unknown => raw.prepare('SELECT updated_at FROM device_inform_paths WHERE device_id = ?').pluck().get(r.deviceId);
    store.informs.record({ ...base, inform: informOf('G1', ['2 PERIODIC'], params), at: at2 });
    assert.equal(stateAt(), at1.toISOString(), 'nothing was written for the repeated list');
    assert.equal(store.parameters.get(r.deviceId, ssid)?.updatedAt, at2.toISOString());
    // An operator's SetParameterValues lands (stored as 'guest'), but the device reports 'home'
    // again: the same list as before must still be written, value by value.
    store.parameters.upsertValues(r.deviceId, [{ name: ssid, value: 'guest', type: 'xsd:string' }], at2);
    const at3 = new Date('2024-05-01T12:00:00.000Z');
    store.informs.record({ ...base, inform: informOf('G1', ['2 PERIODIC'], params), at: at3 });
    assert.equal(store.parameters.get(r.deviceId, ssid)?.value, 'home');
    assert.equal(stateAt(), at3.toISOString());
    // A 0 BOOTSTRAP drops the tree; the same list then rebuilds it.
    store.informs.record({ ...base, inform: informOf('G1', ['0 BOOTSTRAP'], params), at: at3 });
    assert.equal(store.parameters.count(r.deviceId), 2);
    // Devices reporting the same paths share one stored path set.
    store.informs.record({
      ...base,
      inform: informOf(
        'G2',
        ['2 PERIODIC'],
        [
          [ssid, 'other'],
          [`${IGD}.DeviceInfo.SoftwareVersion`, 'V9'],
        ],
      ),
      at: at3,
    });
    assert.equal(raw.prepare('SELECT count(*) FROM inform_path_sets').pluck().get(), 1);
    assert.equal(raw.prepare('SELECT count(*) FROM device_inform_paths').pluck().get(), 2);
    raw.close();
  });

  test('without a WAN IP parameter the HTTP peer address is stored', () => {
    const store = tempStore();
    const r = store.informs.record({
      inform: informOf('S2', ['2 PERIODIC'], [['Device.DeviceInfo.SoftwareVersion', '1.0']]),
      remoteAddress: '198.51.100.7',
      cwmpVersion: '1.4',
      at: at1,
      warnings: [],
    });
    const d = store.devices.get(r.deviceId);
    assert.equal(d?.ipAddress, '198.51.100.7');
    assert.equal(d?.rootObject, 'Device');
    assert.equal(d?.modelName, 'HG8245H', 'falls back to the product class');
    assert.equal(d?.lastBoot, null);
  });

  test('0 BOOTSTRAP on a known device drops its stale parameters but keeps its history and tasks', () => {
    const store = tempStore();
    const base = { remoteAddress: '203.0.113.9', cwmpVersion: '1.2', warnings: [] };
    const r1 = store.informs.record({ ...base, inform: informOf('S3', ['2 PERIODIC'], firstParams), at: at1 });
    store.parameters.upsertValues(r1.deviceId, [{ name: `${IGD}.X_Custom.Old`, value: 'stale', type: 'xsd:string' }], at1);
    const task = store.tasks.enqueue(r1.deviceId, 'refresh', { path: IGD + '.' }, { at: at1 });
    const r2 = store.informs.record({
      ...base,
      inform: informOf('S3', ['0 BOOTSTRAP'], [[`${IGD}.DeviceInfo.SoftwareVersion`, 'V1']]),
      at: at2,
    });
    assert.equal(r2.created, false);
    assert.deepEqual(
      store.parameters.list(r1.deviceId).map((p) => p.path),
      [`${IGD}.DeviceInfo.SoftwareVersion`],
    );
    assert.equal(store.devices.get(r1.deviceId)?.firstSeen, at1.toISOString());
    assert.equal(store.devices.get(r1.deviceId)?.lastBoot, at2.toISOString());
    assert.equal(store.sessions.listForDevice(r1.deviceId, 10).length, 2);
    assert.equal(store.tasks.get(task.id)?.status, 'queued');
  });

  test('a constraint failing midway rolls the whole Inform back: no half-written device', () => {
    const store = tempStore();
    const bad = informOf(
      'S4',
      ['0 BOOTSTRAP'],
      [
        [`${IGD}.DeviceInfo.SoftwareVersion`, 'V1'],
        ['', "an empty parameter name violates CHECK (path <> '')"],
      ],
    );
    assert.throws(
      () => store.informs.record({ inform: bad, remoteAddress: '203.0.113.9', cwmpVersion: '1.2', at: at1, warnings: [] }),
      /CHECK constraint failed/,
    );
    assert.equal(store.devices.count(), 0);
    assert.equal(store.devices.search({ q: 'S4' }).total, 0);
    const id = '00259E-HG8245H-S4';
    assert.equal(store.parameters.count(id), 0);
    assert.deepEqual(store.sessions.listForDevice(id, 10), []);
    assert.deepEqual(store.events.listForDevice(id, 10), []);
  });

  test('an error thrown after record() inside an outer transaction undoes the Inform', () => {
    const store = tempStore();
    const inform = informOf('S5', ['1 BOOT'], firstParams);
    assert.throws(
      () =>
        store.transaction(() => {
          store.informs.record({ inform, remoteAddress: '203.0.113.9', cwmpVersion: '1.2', at: at1, warnings: [] });
          throw new Error('task update failed');
        }),
      /task update failed/,
    );
    assert.equal(store.devices.count(), 0);
    assert.equal(store.parameters.count('00259E-HG8245H-S5'), 0);
  });

  test('sessions end with an outcome, message count and the full warning list', () => {
    const store = tempStore();
    const r = store.informs.record({
      inform: informOf('S6', ['2 PERIODIC'], []),
      remoteAddress: '203.0.113.9',
      cwmpVersion: '1.2',
      at: at1,
      warnings: ['w1'],
    });
    assert.equal(store.sessions.end(r.sessionId, 'ok', { messages: 4, warnings: ['w1', 'w2'] }, at2), true);
    assert.equal(store.sessions.end(r.sessionId, 'error', { messages: 5, warnings: [] }, at2), false, 'ended once');
    const s = store.sessions.get(r.sessionId);
    assert.equal(s?.outcome, 'ok');
    assert.equal(s?.endedAt, at2.toISOString());
    assert.equal(s?.messages, 4);
    assert.deepEqual(s?.warnings, ['w1', 'w2']);
  });

  test('an Inform that changes no device field moves only the times; a new IP alone moves the IP', () => {
    const dir = mkdtempSync(join(tmpdir(), 'deskacs-store-inf-'));
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, 'acs.sqlite');
    const store = openStore({ path });
    const base = { remoteAddress: '203.0.113.9', cwmpVersion: '1.2', warnings: [] };
    const r1 = store.informs.record({ ...base, inform: informOf('S9', ['2 PERIODIC'], firstParams), at: at1 });
    const before = store.devices.get(r1.deviceId);
    store.informs.record({ ...base, inform: informOf('S9', ['1 BOOT'], firstParams), at: at2 });
    const after = store.devices.get(r1.deviceId);
    assert.equal(after?.lastInform, at2.toISOString());
    assert.equal(after?.lastBoot, at2.toISOString(), '1 BOOT moves last_boot on the short path too');
    assert.deepEqual({ ...after, lastInform: before?.lastInform, lastBoot: before?.lastBoot }, before);
    const at3 = new Date('2024-05-01T12:00:00.000Z');
    const moved = firstParams.map(([name, value]): [string, string] => [name, name.endsWith('ExternalIPAddress') ? '100.64.7.7' : value]);
    store.informs.record({ ...base, inform: informOf('S9', ['2 PERIODIC'], moved), at: at3 });
    const third = store.devices.get(r1.deviceId);
    assert.equal(third?.ipAddress, '100.64.7.7');
    assert.equal(third?.lastBoot, at2.toISOString(), 'PERIODIC keeps last_boot');
    assert.deepEqual(
      store.devices.search({ q: '100.64.7.7' }).items.map((x) => x.id),
      [r1.deviceId],
    );
    store.informs.record({ ...base, cwmpVersion: '1.4', inform: informOf('S9', ['2 PERIODIC'], moved), at: at3 });
    store.close();
    const db = new Database(path, { readonly: true });
    assert.equal(db.prepare('SELECT cwmp_version FROM devices').pluck().get(), '1.4', 'a new CWMP version takes the full update');
    db.close();
  });
});

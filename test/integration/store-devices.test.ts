import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InformRequest } from '../../electron/core/cwmp/messages.ts';
import { openStore, type Store } from '../../electron/core/store/index.ts';

function tempStore(): Store {
  const dir = mkdtempSync(join(tmpdir(), 'deskacs-store-dev-'));
  const store = openStore({ path: join(dir, 'acs.sqlite') });
  process.on('exit', () => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return store;
}

interface Cpe {
  oui: string;
  productClass: string;
  serial: string;
  manufacturer: string;
  ip: string;
  sw: string;
}

function informOf(cpe: Cpe): InformRequest {
  return {
    name: 'Inform',
    deviceId: { manufacturer: cpe.manufacturer, oui: cpe.oui, productClass: cpe.productClass, serialNumber: cpe.serial },
    events: [{ code: '2 PERIODIC', commandKey: '' }],
    maxEnvelopes: 1,
    currentTime: '',
    retryCount: 0,
    parameterList: [
      { name: 'Device.DeviceInfo.SoftwareVersion', value: cpe.sw, type: 'xsd:string' },
      { name: 'Device.IP.Interface.1.IPv4Address.1.IPAddress', value: cpe.ip, type: 'xsd:string' },
    ],
  };
}

const fleet: Cpe[] = [
  { oui: '00259E', productClass: 'HG8245H', serial: '48575443A1B2C3D4', manufacturer: 'Huawei', ip: '100.64.10.1', sw: 'V3R017C10' },
  { oui: '001E80', productClass: 'RB951', serial: 'HEX0042', manufacturer: 'MikroTik', ip: '100.64.10.22', sw: '6.49.7' },
  { oui: 'F4F26D', productClass: 'Archer-C6', serial: 'TPL999001', manufacturer: 'TP-Link', ip: '10.9.8.7', sw: '1.2.3' },
];

function seed(store: Store): string[] {
  return fleet.map(
    (cpe, i) =>
      store.informs.record({
        inform: informOf(cpe),
        remoteAddress: '203.0.113.1',
        cwmpVersion: '1.4',
        at: new Date(Date.UTC(2024, 0, 1, 0, i)),
        warnings: [],
      }).deviceId,
  );
}

describe('store devices', () => {
  test('search with no query lists every device, newest Inform first, paged', () => {
    const store = tempStore();
    const ids = seed(store);
    const page = store.devices.search({ q: '', offset: 0, limit: 2 });
    assert.equal(page.total, 3);
    assert.deepEqual(
      page.items.map((d) => d.id),
      [ids[2], ids[1]],
    );
    assert.deepEqual(
      store.devices.search({ offset: 2, limit: 2 }).items.map((d) => d.id),
      [ids[0]],
    );
  });

  test('search finds a serial substring case-insensitively', () => {
    const store = tempStore();
    const ids = seed(store);
    const page = store.devices.search({ q: 'a1b2c3' });
    assert.equal(page.total, 1);
    assert.deepEqual(
      page.items.map((d) => d.id),
      [ids[0]],
    );
  });

  test('search finds an IP substring, and a prefix matching two devices', () => {
    const store = tempStore();
    const ids = seed(store);
    assert.deepEqual(
      store.devices.search({ q: '10.9.8' }).items.map((d) => d.id),
      [ids[2]],
    );
    const both = store.devices.search({ q: '100.64.10.' });
    assert.equal(both.total, 2);
    assert.deepEqual(
      both.items.map((d) => d.id),
      [ids[1], ids[0]],
    );
  });

  test('search covers OUI, product class, manufacturer, software version and the id', () => {
    const store = tempStore();
    const ids = seed(store);
    const hits = (q: string): string[] => store.devices.search({ q }).items.map((d) => d.id);
    assert.deepEqual(hits('f4f26d'), [ids[2]]);
    assert.deepEqual(hits('archer'), [ids[2]]);
    assert.deepEqual(hits('mikrotik'), [ids[1]]);
    assert.deepEqual(hits('V3R017'), [ids[0]]);
    assert.deepEqual(hits('Archer%2DC6'), [ids[2]], 'the escaped id is searchable too');
    assert.deepEqual(hits('"quoted" nothing'), []);
  });

  test('short queries (under three characters) match the start of serial, IP or product class, through indexes', () => {
    const store = tempStore();
    const ids = seed(store);
    assert.deepEqual(
      store.devices.search({ q: 'tp' }).items.map((d) => d.id),
      [ids[2]],
      'serial TPL999001',
    );
    assert.deepEqual(
      store.devices.search({ q: 'rb' }).items.map((d) => d.id),
      [ids[1]],
      'product class RB951, any case',
    );
    assert.equal(store.devices.search({ q: '10' }).total, 3, 'IPs 100.64.10.1, 100.64.10.22, 10.9.8.7');
    assert.equal(store.devices.search({ q: 'e8' }).total, 0, 'not a substring search');
    assert.equal(store.devices.search({ q: '_' }).total, 0, 'LIKE wildcards in q are literal');
    assert.equal(store.devices.search({ q: '%' }).total, 0, 'LIKE wildcards in q are literal');
    const past = store.devices.search({ q: '10', offset: 10 });
    assert.deepEqual([past.items.length, past.total], [0, 3], 'total is known past the last page');
  });

  test('a broad query (thousands of matches) still pages newest first with the exact total', () => {
    const store = openStore({ memory: true });
    store.transaction(() => {
      for (let i = 0; i < 2100; i += 1) {
        const cpe = { ...fleet[0]!, serial: `BULK${String(i).padStart(5, '0')}`, ip: '100.64.0.1' };
        store.informs.record({
          inform: informOf(cpe),
          remoteAddress: '203.0.113.1',
          cwmpVersion: '1.4',
          at: new Date(Date.UTC(2024, 0, 1, 0, 0, i)),
          warnings: [],
        });
      }
    });
    const page = store.devices.search({ q: 'BULK', offset: 1, limit: 3 });
    assert.equal(page.total, 2100);
    assert.deepEqual(
      page.items.map((d) => d.serialNumber),
      ['BULK02098', 'BULK02097', 'BULK02096'],
    );
    assert.equal(store.devices.search({ q: 'BULK0001' }).total, 10);
    store.close();
  });

  test('remove deletes the device with its parameters, sessions, events, tasks and faults', () => {
    const store = tempStore();
    const [id] = seed(store);
    assert.ok(id !== undefined);
    const at = new Date('2024-02-01T00:00:00Z');
    const task = store.tasks.enqueue(id, 'reboot', {}, { at });
    store.faults.record({ deviceId: id, taskId: task.id, code: 9002, faultString: 'Internal error', at });
    assert.equal(store.devices.exists(id), true);
    assert.equal(store.devices.remove(id), true);
    assert.equal(store.devices.remove(id), false);
    assert.equal(store.devices.get(id), undefined);
    assert.equal(store.devices.exists(id), false);
    assert.equal(store.devices.count(), 2);
    assert.equal(store.parameters.count(id), 0);
    assert.deepEqual(store.sessions.listForDevice(id, 10), []);
    assert.deepEqual(store.events.listForDevice(id, 10), []);
    assert.equal(store.tasks.get(task.id), undefined);
    assert.deepEqual(store.faults.listForDevice(id), []);
    assert.equal(store.devices.search({ q: '48575443' }).total, 0, 'gone from the search index');
  });
});

describe('store parameters', () => {
  test('list by prefix returns exactly the subtree, ordered by path', () => {
    const store = tempStore();
    const [id] = seed(store);
    assert.ok(id !== undefined);
    const at = new Date('2024-02-01T00:00:00Z');
    store.parameters.upsertNames(
      id,
      [
        { name: 'Device.WiFi.', writable: false },
        { name: 'Device.WiFi.SSID.1.', writable: false },
        { name: 'Device.WiFi.SSID.1.SSID', writable: true },
        { name: 'Device.WiFi.SSID.10.SSID', writable: true },
        { name: 'Device.WiFiX', writable: false },
      ],
      at,
    );
    store.parameters.upsertValues(id, [{ name: 'Device.WiFi.SSID.1.SSID', value: 'home', type: 'xsd:string' }], at);
    assert.deepEqual(store.parameters.list(id, 'Device.WiFi.SSID.1.'), [
      { path: 'Device.WiFi.SSID.1.', value: null, type: null, writable: false, object: true, updatedAt: at.toISOString() },
      { path: 'Device.WiFi.SSID.1.SSID', value: 'home', type: 'xsd:string', writable: true, object: false, updatedAt: at.toISOString() },
    ]);
    assert.deepEqual(
      store.parameters.list(id, 'Device.WiFi.').map((p) => p.path),
      ['Device.WiFi.', 'Device.WiFi.SSID.1.', 'Device.WiFi.SSID.1.SSID', 'Device.WiFi.SSID.10.SSID'],
    );
    assert.equal(store.parameters.list(id).length, 7);
  });

  test('names keep known values and values keep known writability', () => {
    const store = tempStore();
    const [id] = seed(store);
    assert.ok(id !== undefined);
    const t1 = new Date('2024-02-01T00:00:00Z');
    const t2 = new Date('2024-02-02T00:00:00Z');
    store.parameters.upsertNames(id, [{ name: 'Device.DeviceInfo.SoftwareVersion', writable: false }], t1);
    store.parameters.upsertValues(id, [{ name: 'Device.DeviceInfo.SoftwareVersion', value: '9.9', type: 'xsd:string' }], t2);
    assert.deepEqual(store.parameters.get(id, 'Device.DeviceInfo.SoftwareVersion'), {
      path: 'Device.DeviceInfo.SoftwareVersion',
      value: '9.9',
      type: 'xsd:string',
      writable: false,
      object: false,
      updatedAt: t2.toISOString(),
    });
  });

  test('deleteSubtree removes the object and its descendants only', () => {
    const store = tempStore();
    const [id] = seed(store);
    assert.ok(id !== undefined);
    const at = new Date('2024-02-01T00:00:00Z');
    store.parameters.upsertNames(
      id,
      [
        { name: 'Device.NAT.PortMapping.1.', writable: false },
        { name: 'Device.NAT.PortMapping.1.Enable', writable: true },
        { name: 'Device.NAT.PortMapping.10.', writable: false },
        { name: 'Device.NAT.PortMapping.10.Enable', writable: true },
      ],
      at,
    );
    assert.equal(store.parameters.deleteSubtree(id, 'Device.NAT.PortMapping.1'), 2);
    assert.deepEqual(
      store.parameters.list(id, 'Device.NAT.').map((p) => p.path),
      ['Device.NAT.PortMapping.10.', 'Device.NAT.PortMapping.10.Enable'],
    );
  });

  test('a failing batch leaves no partial upsert behind', () => {
    const store = tempStore();
    const [id] = seed(store);
    assert.ok(id !== undefined);
    const before = store.parameters.count(id);
    const at = new Date('2024-02-01T00:00:00Z');
    assert.throws(() =>
      store.parameters.upsertValues(
        id,
        [
          { name: 'Device.A', value: '1', type: 'xsd:int' },
          { name: '', value: '2', type: 'xsd:int' },
        ],
        at,
      ),
    );
    assert.equal(store.parameters.count(id), before);
    assert.throws(
      () => store.parameters.upsertValues('no-such-device', [{ name: 'Device.A', value: '1', type: 'xsd:int' }], at),
      /FOREIGN KEY/,
    );
  });
});

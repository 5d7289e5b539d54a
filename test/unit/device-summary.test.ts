// The summary card read from real device trees: each model (the built-in TR-181 and TR-098
// gateways, the CSV fixture, and real dumps of TP-Link, Huawei, ZTE, Nokia, Intelbras CPEs in
// ../shared/cwmp/datamodels) is stored as a full refresh would store it, then summarised.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import type { DeviceSummaryCard } from '../../shared/models-device.ts';
import { deviceSummaryCard } from '../../electron/core/services/device-summary.ts';
import { bandOfStandard } from '../../electron/core/services/device-summary-tree.ts';
import { WakeOutcomes } from '../../electron/core/services/wake.ts';
import { builtinModel, loadCsvModel, SimulatedCpe, type DeviceModel } from '../../electron/simulator/index.ts';
import { openStore, type Store } from '../../electron/core/store/index.ts';

const repoRoot = resolve(new URL('../..', import.meta.url).pathname);
const datamodels = resolve(repoRoot, '../shared/cwmp/datamodels');
const READ_AT = new Date('2026-05-01T10:00:00.000Z');

/** The model's device informs once (identity, ConnectionRequestURL), then its whole tree is stored. */
function stored(model: DeviceModel): { store: Store; id: string } {
  const store = openStore({ memory: true });
  const inform = new SimulatedCpe(model).buildInform(READ_AT, 0);
  const { deviceId } = store.informs.record({ inform, remoteAddress: '192.0.2.10', cwmpVersion: '1.2', at: READ_AT, warnings: [] });
  const nodes = model.all();
  store.parameters.upsertNames(
    deviceId,
    nodes.map((n) => ({ name: n.path, writable: n.writable })),
    READ_AT,
  );
  store.parameters.upsertValues(
    deviceId,
    nodes.filter((n) => !n.object).map((n) => ({ name: n.path, value: n.value, type: n.type })),
    READ_AT,
  );
  return { store, id: deviceId };
}

function summaryOf(model: DeviceModel, outcomes = new WakeOutcomes()): DeviceSummaryCard {
  const { store, id } = stored(model);
  try {
    return deviceSummaryCard(store, outcomes, id);
  } finally {
    store.close();
  }
}

function dump(file: string): DeviceModel | undefined {
  const path = join(datamodels, file);
  return existsSync(path) ? loadCsvModel(readFileSync(path, 'utf8')) : undefined;
}

/** [band, ssid, enabled, clients] per SSID, for compact comparisons. */
const wifiRows = (c: DeviceSummaryCard): [string, string, boolean | null, number | null][] =>
  c.wifi.map((w) => [w.band, w.ssid, w.enabled, w.clients]);

describe('summary card of the built-in models', () => {
  test('TR-181: PPPoE WAN, LAN bridge address, two SSIDs on their radios, uptime as read', () => {
    const c = summaryOf(builtinModel('tr181'));
    assert.equal(c.uptimeSeconds, 3600);
    assert.equal(c.uptimeAt, READ_AT.toISOString());
    assert.deepEqual(c.wan, {
      type: 'PPPoE',
      ip: '100.64.12.34',
      state: 'Connected',
      username: 'subscriber@isp.example',
      path: 'Device.PPP.Interface.1.',
    });
    assert.equal(c.lanIp, '192.168.1.1');
    assert.deepEqual(wifiRows(c), [
      ['2.4 GHz', 'DeskACS-2G', true, 0],
      ['5 GHz', 'DeskACS-5G', true, 0],
    ]);
    assert.equal(c.wifi[1]?.ssidPath, 'Device.WiFi.SSID.2.SSID');
    assert.equal(c.manufacturer, 'DeskACS Labs');
    assert.equal(c.connectionRequest.credentials, 'none');
    assert.equal(c.connectionRequest.lastOutcome, null);
  });

  test('TR-098: the default connection (DHCP, up) over the disabled PPP one; bands from the channels', () => {
    const c = summaryOf(builtinModel('tr098'));
    assert.deepEqual(c.wan, {
      type: 'DHCP',
      ip: '198.51.100.23',
      state: 'Connected',
      username: null,
      path: 'InternetGatewayDevice.WANDevice.1.WANConnectionDevice.1.WANIPConnection.1.',
    });
    assert.equal(c.lanIp, '192.168.1.1');
    assert.deepEqual(wifiRows(c), [
      ['2.4 GHz', 'DeskACS-2G', true, 0],
      ['5 GHz', 'DeskACS-5G', true, 0],
    ]);
    assert.equal(c.uptimeSeconds, 3600);
  });

  test('a sparse TR-098 fixture: what is known is shown, the rest is null or empty', () => {
    const c = summaryOf(loadCsvModel(readFileSync(join(repoRoot, 'test/fixtures/models/small-igd.csv'), 'utf8')));
    assert.equal(c.uptimeSeconds, 1234);
    assert.equal(c.wan?.ip, '203.0.113.7');
    assert.equal(c.wan?.state, null);
    assert.equal(c.lanIp, null);
    assert.deepEqual(c.wifi, []);
    assert.equal(c.connectionRequest.url, 'http://192.0.2.1:7547/');
  });

  test('the last connection request outcome comes from this run', () => {
    const outcomes = new WakeOutcomes();
    outcomes.record('elsewhere', { outcome: 'reached', message: 'x' }, READ_AT);
    const model = builtinModel('tr181');
    const { store, id } = stored(model);
    try {
      outcomes.record(id, { outcome: 'auth-failed', message: 'The device refused our credentials.' }, READ_AT);
      store.crCredentials.set(id, { username: 'cr-user', password: 'secret', source: 'operator' });
      const c = deviceSummaryCard(store, outcomes, id);
      assert.deepEqual(c.connectionRequest.lastOutcome, {
        outcome: 'auth-failed',
        message: 'The device refused our credentials.',
        at: READ_AT.toISOString(),
      });
      assert.equal(c.connectionRequest.credentials, 'device');
      assert.equal(c.connectionRequest.username, 'cr-user');
      assert.ok(!JSON.stringify(c).includes('secret'), 'no password in the card');
    } finally {
      store.close();
    }
  });
});

describe('summary card of real device dumps', () => {
  const cases: { file: string; check(c: DeviceSummaryCard): void }[] = [
    {
      // TP-Link EX220 (TR-181): PPP over USB is down; the Ethernet WAN is a DHCP IP interface.
      file: 'device-1C61B4-EX220-2226469000523.csv',
      check: (c) => {
        assert.equal(c.uptimeSeconds, 2480);
        assert.deepEqual(c.wan, { type: 'DHCP', ip: '192.168.88.38', state: 'Up', username: null, path: 'Device.IP.Interface.4.' });
        assert.equal(c.lanIp, '192.168.0.1');
        assert.equal(c.wifi.length, 14);
        assert.deepEqual(wifiRows(c).slice(0, 4), [
          ['2.4 GHz', 'TP-Link_9E1E', true, 1],
          ['2.4 GHz', 'TP-Link_9E1E_1', true, 0],
          ['5 GHz', 'TP-Link_9E1E_5G', true, 1],
          ['5 GHz', 'TP-Link_9E1E_5G_1', true, 0],
        ]);
      },
    },
    {
      // TP-Link EC220-G5 v3 (TR-181): PPPoE up; guest SSIDs disabled.
      file: 'device-9CA2F4-EC220_G5_V3-22275K2000315.csv',
      check: (c) => {
        assert.deepEqual(c.wan, {
          type: 'PPPoE',
          ip: '192.168.89.125',
          state: 'Connected',
          username: 'admin123',
          path: 'Device.PPP.Interface.1.',
        });
        assert.equal(c.lanIp, '192.168.0.1');
        assert.deepEqual(wifiRows(c), [
          ['2.4 GHz', 'TP-Link_0CE8', true, 1],
          ['2.4 GHz', 'TP-Link_Guest_0CE8', false, 0],
          ['5 GHz', 'TP-Link_0CE8_5G', true, 1],
          ['5 GHz', 'TP-Link_Guest_0CE8_5G', false, 0],
        ]);
        assert.equal(c.uptimeSeconds, 545);
      },
    },
    {
      // TP-Link XX230v (TR-181, GPON): the connected PPPoE is the third PPP interface.
      file: 'device-1C61B4-XX230v-22275A7000395-2023-04-27T154050686Z.csv',
      check: (c) => {
        assert.equal(c.wan?.path, 'Device.PPP.Interface.3.');
        assert.equal(c.wan?.ip, '192.168.89.137');
        assert.equal(c.wan?.type, 'PPPoE');
        assert.equal(c.lanIp, '192.168.1.1');
      },
    },
    {
      // Huawei EG8145V5 (TR-098): two WANs up; the one the device is reached through wins; band from X_HW_RFBand.
      file: 'device-00259E-EG8145V5-48575443A94196A5-2023-03-28T154335106Z.csv',
      check: (c) => {
        assert.deepEqual(c.wan, {
          type: 'PPPoE',
          ip: '192.168.89.198',
          state: 'Connected',
          username: 'admin123',
          path: 'InternetGatewayDevice.WANDevice.1.WANConnectionDevice.4.WANPPPConnection.1.',
        });
        assert.equal(c.lanIp, '192.168.18.1');
        assert.deepEqual(
          wifiRows(c).filter(([, , enabled]) => enabled === true),
          [
            ['2.4 GHz', 'Anlix-EG8145', true, 0],
            ['5 GHz', 'Anlix-EG8145-5G', true, 0],
          ],
        );
        assert.equal(c.uptimeSeconds, 89910);
      },
    },
    {
      // ZTE ZXHN H199A (TR-098): Layer3Forwarding names the default connection; bands from channels.
      file: 'device-C0B101-ZXHN%20H199A-ZTEYH86LCN10105-2023-03-28T154022233Z.csv',
      check: (c) => {
        assert.equal(c.wan?.path, 'InternetGatewayDevice.WANDevice.1.WANConnectionDevice.1.WANPPPConnection.2.');
        assert.equal(c.wan?.ip, '192.168.89.227');
        assert.equal(c.wan?.type, 'PPPoE');
        assert.equal(c.lanIp, '192.168.1.1');
        assert.equal(c.wifi.length, 8);
        assert.deepEqual(wifiRows(c)[0], ['2.4 GHz', 'Anlix-ZTE-H199', true, 1]);
        assert.deepEqual(wifiRows(c)[4], ['5 GHz', 'Anlix-ZTE-H199-5G', true, 0]);
      },
    },
    {
      // Huawei EG8145X6 with a static WAN (TR-098): X_HW_RFBand empty, so the channel decides.
      file: 'device-eg8145x6-static-wan.csv',
      check: (c) => {
        assert.equal(c.wan?.type, 'Static');
        assert.equal(c.wan?.ip, '192.168.88.120');
        assert.deepEqual(
          wifiRows(c).filter(([, , enabled]) => enabled === true),
          [
            ['2.4 GHz', 'Anlix Huawei X6 2.4G', true, null],
            ['5 GHz', 'Anlix Huawei X6 5.0G', true, null],
          ],
        );
      },
    },
    {
      // Intelbras W5-2100G (TR-098): the only LAN interface reports Enable false; the 5 GHz WLAN is the first.
      file: 'device-00E04C-W5%2D2100G-D8365F659C6E.csv',
      check: (c) => {
        assert.equal(c.wan?.type, 'PPPoE');
        assert.equal(c.wan?.ip, '192.168.89.85');
        assert.equal(c.lanIp, '10.0.0.1');
        assert.deepEqual(wifiRows(c), [
          ['5 GHz', 'Anlix-W5-2100-5G', true, 1],
          ['2.4 GHz', 'Anlix-W5-2100-2', true, 1],
        ]);
      },
    },
  ];

  for (const { file, check } of cases) {
    test(file, (t) => {
      const model = dump(file);
      if (model === undefined) {
        t.skip(`../shared/cwmp/datamodels/${file} not found at ${datamodels}`);
        return;
      }
      check(summaryOf(model));
    });
  }
});

test('802.11 standards imply a band only when they can', () => {
  assert.equal(bandOfStandard('b,g,n'), '2.4 GHz');
  assert.equal(bandOfStandard('11bgn'), '2.4 GHz');
  assert.equal(bandOfStandard('a,n,ac'), '5 GHz');
  assert.equal(bandOfStandard('11ac'), '5 GHz');
  assert.equal(bandOfStandard('11ax'), '5 GHz');
  assert.equal(bandOfStandard('b/g/n/ax'), '2.4 GHz');
  assert.equal(bandOfStandard('n'), '');
  assert.equal(bandOfStandard(''), '');
});

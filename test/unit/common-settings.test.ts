// Common settings resolved over stored trees: the built-in TR-181 and TR-098 gateways, the CSV
// fixture, and real dumps of TP-Link, Huawei, ZTE, Nokia and Intelbras CPEs in
// ../shared/cwmp/datamodels (skipped with a message when that folder is absent). Exact paths are
// asserted: instance numbers are discovered, never assumed.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import type { ParameterRow } from '../../shared/models.ts';
import { commonSettingKeys, type CommonSettingKey, type DeviceSetting } from '../../shared/models-settings.ts';
import { COMMON_SETTINGS } from '../../electron/core/services/common-settings/catalog.ts';
import { NEVER_READ, resolveDeviceSettings, settingValues } from '../../electron/core/services/common-settings/service.ts';
import { builtinModel, loadCsvModel, type DeviceModel } from '../../electron/simulator/index.ts';

const repoRoot = resolve(new URL('../..', import.meta.url).pathname);
const datamodels = resolve(repoRoot, '../shared/cwmp/datamodels');
const IGD = 'InternetGatewayDevice.';

/** The model's tree as a full refresh stores it (names with writability, then values). */
function rowsOf(model: DeviceModel): ParameterRow[] {
  return model.all().map((n) => ({
    path: n.path,
    value: n.object ? null : n.value,
    type: n.object ? null : n.type,
    writable: n.writable,
    object: n.object,
    updatedAt: '2026-05-01T10:00:00.000Z',
  }));
}

function settingsOf(model: DeviceModel): Map<CommonSettingKey, DeviceSetting> {
  const list = resolveDeviceSettings(rowsOf(model), model.root().replace(/\.$/, ''));
  assert.deepEqual(
    list.map((s) => s.key),
    [...commonSettingKeys],
  );
  return new Map(list.map((s) => [s.key, s]));
}

/** key -> path, or '!' + reason for an unsupported one. */
function paths(s: Map<CommonSettingKey, DeviceSetting>, keys: CommonSettingKey[]): Record<string, string> {
  return Object.fromEntries(keys.map((k) => [k, s.get(k)?.path ?? `!${s.get(k)?.unsupported}`]));
}

const storedValue = (s: Map<CommonSettingKey, DeviceSetting>, key: CommonSettingKey): string | null | undefined => s.get(key)?.value;

function dump(file: string): DeviceModel | undefined {
  const path = join(datamodels, file);
  return existsSync(path) ? loadCsvModel(readFileSync(path, 'utf8')) : undefined;
}

describe('common settings of the built-in models and fixtures', () => {
  test('the catalog lists every key once, grouped, secrets marked', () => {
    assert.equal(COMMON_SETTINGS.length, commonSettingKeys.length);
    assert.ok(COMMON_SETTINGS.length >= 25);
    const secrets = COMMON_SETTINGS.filter((s) => s.secret).map((s) => s.key);
    assert.deepEqual(secrets, ['wifi.key', 'wifi.5g.key', 'wan.pppoe.password', 'mgmt.crPassword']);
    assert.equal(COMMON_SETTINGS.find((s) => s.key === 'wifi.5g.ssid')?.group, 'Wi-Fi 5 GHz');
  });

  test('TR-181: radios by band, SSIDs by LowerLayers, keys by SSIDReference, PPPoE and the LAN pool', () => {
    const s = settingsOf(builtinModel('tr181'));
    assert.deepEqual(paths(s, ['wifi.ssid', 'wifi.key', 'wifi.channel', 'wifi.5g.ssid', 'wifi.5g.key', 'wifi.5g.channel']), {
      'wifi.ssid': 'Device.WiFi.SSID.1.SSID',
      'wifi.key': 'Device.WiFi.AccessPoint.1.Security.KeyPassphrase',
      'wifi.channel': 'Device.WiFi.Radio.1.Channel',
      'wifi.5g.ssid': 'Device.WiFi.SSID.2.SSID',
      'wifi.5g.key': 'Device.WiFi.AccessPoint.2.Security.KeyPassphrase',
      'wifi.5g.channel': 'Device.WiFi.Radio.2.Channel',
    });
    assert.deepEqual(paths(s, ['wan.ip', 'wan.dns', 'wan.pppoe.username', 'lan.ip', 'lan.dhcp.start', 'ntp.server', 'time.zone']), {
      'wan.ip': 'Device.IP.Interface.1.IPv4Address.1.IPAddress',
      'wan.dns': 'Device.PPP.Interface.1.IPCP.DNSServers',
      'wan.pppoe.username': 'Device.PPP.Interface.1.Username',
      'lan.ip': 'Device.IP.Interface.2.IPv4Address.1.IPAddress',
      'lan.dhcp.start': 'Device.DHCPv4.Server.Pool.1.MinAddress',
      'ntp.server': 'Device.Time.NTPServer1',
      'time.zone': 'Device.Time.LocalTimeZone',
    });
    assert.equal(storedValue(s, 'wan.pppoe.username'), 'subscriber@isp.example');
    assert.equal(s.get('wifi.key')?.secret, true);
    assert.equal(s.get('wifi.key')?.writable, true);
    assert.match(s.get('wan.connectionType')?.unsupported ?? '', /TR-181 has no connection-type parameter/);
  });

  test('TR-098: WLANs by channel, the default connection, LANHostConfigManagement; no Time.Enable is unsupported', () => {
    const s = settingsOf(builtinModel('tr098'));
    const wan = `${IGD}WANDevice.1.WANConnectionDevice.1.`;
    assert.deepEqual(paths(s, ['wifi.5g.ssid', 'wifi.5g.key', 'wan.ip', 'wan.pppoe.username', 'lan.dhcp.enabled', 'ntp.enabled']), {
      'wifi.5g.ssid': `${IGD}LANDevice.1.WLANConfiguration.2.SSID`,
      'wifi.5g.key': `${IGD}LANDevice.1.WLANConfiguration.2.KeyPassphrase`,
      'wan.ip': `${wan}WANIPConnection.1.ExternalIPAddress`,
      'wan.pppoe.username': `${wan}WANPPPConnection.1.Username`,
      'lan.dhcp.enabled': `${IGD}LANDevice.1.LANHostConfigManagement.DHCPServerEnable`,
      'ntp.enabled': `!NTP on/off: this model has none of ${IGD}Time.Enable`,
    });
    assert.equal(storedValue(s, 'wan.ip'), '198.51.100.23');
  });

  test('a sparse TR-098 fixture: only what is stored resolves, the rest says why', () => {
    const s = settingsOf(loadCsvModel(readFileSync(join(repoRoot, 'test/fixtures/models/small-igd.csv'), 'utf8')));
    assert.equal(s.get('wan.ip')?.path, `${IGD}WANDevice.1.WANConnectionDevice.1.WANIPConnection.1.ExternalIPAddress`);
    assert.equal(s.get('mgmt.periodicInformInterval')?.value, '600');
    assert.equal(s.get('wifi.ssid')?.unsupported, 'no WLANConfiguration on this device');
    assert.equal(s.get('ntp.server')?.unsupported, `this model has no ${IGD}Time. object`);
    assert.equal(s.get('wan.pppoe.username')?.unsupported, 'no PPPoE connection on this device (no WANPPPConnection)');
  });

  test('a device known only from its Inform: nothing is guessed, the tree must be refreshed', () => {
    const informOnly: ParameterRow[] = [
      { path: 'Device.DeviceInfo.SoftwareVersion', value: '1.0', type: 'xsd:string', writable: null, object: false, updatedAt: '' },
      {
        path: 'Device.ManagementServer.ConnectionRequestURL',
        value: 'http://x/',
        type: 'xsd:string',
        writable: null,
        object: false,
        updatedAt: '',
      },
    ];
    const list = resolveDeviceSettings(informOnly, 'Device');
    assert.ok(list.every((s) => s.path === null && s.unsupported === NEVER_READ));
  });

  test('setting values: unknown, unsupported and read-only keys are refused by name', () => {
    const s = [...settingsOf(loadCsvModel(readFileSync(join(repoRoot, 'test/fixtures/models/small-igd.csv'), 'utf8'))).values()];
    assert.deepEqual(settingValues(s, { 'mgmt.periodicInformInterval': 300 }), [[`${IGD}ManagementServer.PeriodicInformInterval`, 300]]);
    assert.throws(
      () => settingValues(s, { 'wifi.name': 'x', 'wifi.ssid': 'y', 'mgmt.periodicInformInterval': 60 }),
      (e: Error) =>
        /'wifi\.name' is not a common setting/.test(e.message) &&
        /'wifi\.ssid' is not supported by this model: no WLANConfiguration/.test(e.message),
    );
    const readOnly = s.map((x) => (x.key === 'wan.ip' ? { ...x, writable: false } : x));
    assert.throws(() => settingValues(readOnly, { 'wan.ip': '1.2.3.4' }), /'wan\.ip' is read-only on this device/);
  });
});

describe('common settings of real device dumps', () => {
  const W = `${IGD}LANDevice.1.WLANConfiguration.`;
  const cases: { file: string; check: (s: Map<CommonSettingKey, DeviceSetting>) => void }[] = [
    {
      // TR-181 with 14 SSIDs: SSID.2 is the 2.4 GHz guest, the 5 GHz main network is SSID.3;
      // the WAN is DHCP (default route via IP.Interface.4) and the only PPP runs over USB.
      file: 'device-1C61B4-EX220-2226469000523.csv',
      check: (s) => {
        assert.deepEqual(paths(s, ['wifi.5g.ssid', 'wifi.5g.key', 'wifi.5g.channel', 'wan.ip', 'wan.gateway', 'wan.connectionType']), {
          'wifi.5g.ssid': 'Device.WiFi.SSID.3.SSID',
          'wifi.5g.key': 'Device.WiFi.AccessPoint.3.Security.KeyPassphrase',
          'wifi.5g.channel': 'Device.WiFi.Radio.2.Channel',
          'wan.ip': 'Device.IP.Interface.4.IPv4Address.1.IPAddress',
          'wan.gateway': 'Device.Routing.Router.1.IPv4Forwarding.3.GatewayIPAddress',
          'wan.connectionType': 'Device.IP.Interface.4.X_TP_ConnType',
        });
        assert.equal(storedValue(s, 'wifi.5g.ssid'), 'TP-Link_9E1E_5G');
        assert.equal(storedValue(s, 'wan.connectionType'), 'DHCP');
        assert.match(
          s.get('wan.pppoe.username')?.unsupported ?? '',
          /no PPPoE connection on this device: PPP\.Interface\.1\. runs over USB/,
        );
      },
    },
    {
      // TR-181: the PPPoE is PPP.Interface.3 (PPP.Interface.1 is the USB modem's), under IP.Interface.6.
      file: 'device-1C61B4-XX230v-22275A7000395-2023-04-27T154050686Z.csv',
      check: (s) => {
        assert.deepEqual(paths(s, ['wan.pppoe.username', 'wan.pppoe.password', 'wan.ip', 'wan.gateway', 'lan.ip']), {
          'wan.pppoe.username': 'Device.PPP.Interface.3.Username',
          'wan.pppoe.password': 'Device.PPP.Interface.3.Password',
          'wan.ip': 'Device.IP.Interface.6.IPv4Address.1.IPAddress',
          'wan.gateway': 'Device.Routing.Router.1.IPv4Forwarding.5.GatewayIPAddress',
          'lan.ip': 'Device.IP.Interface.1.IPv4Address.1.IPAddress',
        });
        assert.equal(storedValue(s, 'wan.pppoe.username'), 'admin123');
      },
    },
    {
      // TR-181 without Time.Enable.
      file: 'device-9CA2F4-EC220_G5_V3-22275K2000315.csv',
      check: (s) => {
        assert.equal(s.get('wifi.5g.ssid')?.path, 'Device.WiFi.SSID.3.SSID');
        assert.equal(s.get('wan.pppoe.username')?.path, 'Device.PPP.Interface.1.Username');
        assert.equal(s.get('ntp.server')?.value, 'time.nist.gov');
        assert.equal(s.get('ntp.enabled')?.unsupported, 'NTP on/off: this model has none of Device.Time.Enable');
      },
    },
    {
      // Huawei TR-098: 5 GHz at WLANConfiguration.5; the PPPoE in use is WANConnectionDevice.4
      // (.1 is disconnected), and the WAN is the one the ConnectionRequestURL uses.
      file: 'device-00259E-EG8145V5-48575443A94196A5-2023-03-28T154335106Z.csv',
      check: (s) => {
        const cd4 = `${IGD}WANDevice.1.WANConnectionDevice.4.WANPPPConnection.1.`;
        assert.deepEqual(paths(s, ['wifi.ssid', 'wifi.5g.ssid', 'wifi.5g.key', 'wan.pppoe.username', 'wan.ip', 'lan.ip']), {
          'wifi.ssid': `${W}1.SSID`,
          'wifi.5g.ssid': `${W}5.SSID`,
          'wifi.5g.key': `${W}5.KeyPassphrase`,
          'wan.pppoe.username': `${cd4}Username`,
          'wan.ip': `${cd4}ExternalIPAddress`,
          'lan.ip': `${IGD}LANDevice.1.LANHostConfigManagement.IPInterface.1.IPInterfaceIPAddress`,
        });
        assert.equal(s.get('wan.ip')?.writable, false);
      },
    },
    {
      // Intelbras TR-098: 5 GHz is WLANConfiguration.1, 2.4 GHz is .2 (told by Standard and channel).
      file: 'device-00E04C-W5%2D2100G-D8365F659C6E.csv',
      check: (s) => {
        assert.deepEqual(paths(s, ['wifi.ssid', 'wifi.channel', 'wifi.5g.ssid', 'wifi.5g.enabled']), {
          'wifi.ssid': `${W}2.SSID`,
          'wifi.channel': `${W}2.Channel`,
          'wifi.5g.ssid': `${W}1.SSID`,
          'wifi.5g.enabled': `${W}1.Enable`,
        });
        assert.equal(storedValue(s, 'wifi.5g.ssid'), 'Anlix-W5-2100-5G');
      },
    },
    {
      // ZTE TR-098: the PPPoE is WANPPPConnection.2, the default connection.
      file: 'device-C0B101-ZXHN%20H199A-ZTEYH86LCN10105-2023-03-28T154022233Z.csv',
      check: (s) => {
        const ppp = `${IGD}WANDevice.1.WANConnectionDevice.1.WANPPPConnection.2.`;
        assert.equal(s.get('wan.pppoe.username')?.path, `${ppp}Username`);
        assert.equal(s.get('wan.connectionType')?.path, `${ppp}ConnectionType`);
        assert.equal(s.get('wifi.5g.ssid')?.path, `${W}5.SSID`);
      },
    },
    {
      // Nokia TR-098: eight WLANs, 1-4 at 2.4 GHz and 5-8 at 5 GHz.
      file: 'device-9075BC-G%2D1425G%2DA-ALCLFC265D6F-2023-03-28T160833431Z.csv',
      check: (s) => {
        assert.equal(s.get('wifi.5g.ssid')?.path, `${W}5.SSID`);
        assert.equal(s.get('wifi.5g.channel')?.path, `${W}5.Channel`);
        assert.equal(s.get('time.zone')?.path, `${IGD}Time.LocalTimeZoneName`);
      },
    },
    {
      // TP-Link TR-098: the key is X_TP_PreSharedKey; the only PPP is a USB 3G link, not PPPoE.
      file: 'device-9CA2F4-EC220_G5_V2-22282X5007025.csv',
      check: (s) => {
        assert.equal(s.get('wifi.key')?.path, `${W}1.X_TP_PreSharedKey`);
        assert.equal(s.get('wifi.5g.ssid')?.path, `${W}2.SSID`);
        assert.match(
          s.get('wan.pppoe.username')?.unsupported ?? '',
          /^no PPPoE connection on this device: WANDevice\.2\..* bridged or a mobile link$/,
        );
      },
    },
    {
      // Huawei BM632w (WiMAX): one 2.4 GHz WLAN, a key only in PreSharedKey.1.PreSharedKey.
      file: 'data_model_202BC1-BM632w-8KA8WA1151100043.csv',
      check: (s) => {
        assert.equal(s.get('wifi.key')?.path, `${W}1.PreSharedKey.1.PreSharedKey`);
        assert.equal(s.get('wifi.5g.ssid')?.unsupported, 'no 5 GHz radio on this device');
        assert.equal(s.get('wan.dns')?.value, '5.42.195.218,5.42.195.219');
      },
    },
    {
      // Huawei EG8145V5 dump that lists Time. without reading anything below it.
      file: 'device-eg8145v5-no-voip.csv',
      check: (s) => {
        assert.equal(s.get('ntp.server')?.unsupported, `nothing below ${IGD}Time. was read: refresh it first`);
        assert.equal(s.get('wifi.channel')?.value, '11');
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
      check(settingsOf(model));
    });
  }
});

import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { InformRequest } from '../../electron/core/cwmp/messages.ts';
import { extractDeviceFields, normaliseRemoteAddress } from '../../electron/core/store/inform-fields.ts';

function inform(params: Array<[string, string]>, manufacturer = 'Acme'): InformRequest {
  return {
    name: 'Inform',
    deviceId: { manufacturer, oui: 'A0B1C2', productClass: 'Box', serialNumber: 'S' },
    events: [],
    maxEnvelopes: 1,
    currentTime: '',
    retryCount: 0,
    parameterList: params.map(([name, value]) => ({ name, value, type: 'xsd:string' })),
  };
}

describe('store extractDeviceFields', () => {
  test('reads the TR-181 summary parameters', () => {
    const f = extractDeviceFields(
      inform([
        ['Device.DeviceInfo.Manufacturer', 'Acme Corp'],
        ['Device.DeviceInfo.ModelName', 'Box 2'],
        ['Device.DeviceInfo.SoftwareVersion', '2.0'],
        ['Device.DeviceInfo.HardwareVersion', 'r1'],
        ['Device.ManagementServer.ConnectionRequestURL', 'http://10.0.0.2:7547/'],
        ['Device.ManagementServer.PeriodicInformInterval', '86400'],
        ['Device.IP.Interface.1.IPv4Address.1.IPAddress', '127.0.0.1'],
        ['Device.IP.Interface.2.IPv4Address.1.IPAddress', '10.0.0.2'],
      ]),
      '192.0.2.1',
    );
    assert.deepEqual(f, {
      rootObject: 'Device',
      manufacturer: 'Acme Corp',
      modelName: 'Box 2',
      softwareVersion: '2.0',
      hardwareVersion: 'r1',
      connectionRequestUrl: 'http://10.0.0.2:7547/',
      periodicInformInterval: 86400,
      ipAddress: '10.0.0.2',
    });
  });

  test('TR-098: ProductClass stands in for ModelName; a 0.0.0.0 WAN IP is skipped for a real one', () => {
    const f = extractDeviceFields(
      inform([
        ['InternetGatewayDevice.DeviceInfo.ProductClass', 'HG8245'],
        ['InternetGatewayDevice.WANDevice.1.WANConnectionDevice.1.WANIPConnection.1.ExternalIPAddress', '0.0.0.0'],
        ['InternetGatewayDevice.WANDevice.1.WANConnectionDevice.2.WANPPPConnection.1.ExternalIPAddress', '100.70.0.1'],
        ['InternetGatewayDevice.ManagementServer.PeriodicInformInterval', 'soon'],
      ]),
      '192.0.2.1',
    );
    assert.equal(f.rootObject, 'InternetGatewayDevice');
    assert.equal(f.modelName, 'HG8245');
    assert.equal(f.ipAddress, '100.70.0.1');
    assert.equal(f.periodicInformInterval, null);
    assert.equal(f.manufacturer, 'Acme', 'from the DeviceId');
    assert.equal(f.softwareVersion, null, 'absent means keep the stored value');
  });

  test('no parameters: unknown root, the peer address as IP', () => {
    const f = extractDeviceFields(inform([]), '::ffff:198.51.100.4');
    assert.equal(f.rootObject, null);
    assert.equal(f.ipAddress, '198.51.100.4');
    assert.equal(normaliseRemoteAddress('2001:db8::1'), '2001:db8::1');
  });
});

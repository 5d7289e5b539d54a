import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CpeFault, CpeResponse } from '../../electron/core/cwmp/messages.ts';
import { builtinModel } from '../../electron/simulator/builtin-models.ts';
import { SimulatedCpe, type CpeReply } from '../../electron/simulator/cpe.ts';

const cpe = (name: 'tr181' | 'tr098' = 'tr181'): SimulatedCpe => new SimulatedCpe(builtinModel(name, { serial: 'UNIT-1' }));

function ok<N extends CpeResponse['name']>(reply: CpeReply, name: N): Extract<CpeResponse, { name: N }> {
  assert.equal(reply.name, name, reply.name === 'Fault' ? `fault ${reply.code} ${reply.string}` : undefined);
  return reply as Extract<CpeResponse, { name: N }>;
}
function fault(reply: CpeReply, code: number): CpeFault {
  assert.equal(reply.name, 'Fault');
  assert.equal((reply as CpeFault).code, code);
  return reply as CpeFault;
}

test('GetParameterNames on the root, NextLevel true and false', () => {
  const c = cpe();
  assert.deepEqual(
    ok(c.handle({ name: 'GetParameterNames', parameterPath: '', nextLevel: true }), 'GetParameterNamesResponse').parameterList,
    [{ name: 'Device.', writable: false }],
  );
  const all = ok(c.handle({ name: 'GetParameterNames', parameterPath: '', nextLevel: false }), 'GetParameterNamesResponse').parameterList;
  assert.equal(all.length, c.model.size);
});

test('GetParameterNames on a partial path: NextLevel true lists children, false the whole subtree with the object', () => {
  const c = cpe();
  const next = ok(
    c.handle({ name: 'GetParameterNames', parameterPath: 'Device.WiFi.SSID.', nextLevel: true }),
    'GetParameterNamesResponse',
  );
  assert.deepEqual(
    next.parameterList.map((p) => p.name),
    ['Device.WiFi.SSID.1.', 'Device.WiFi.SSID.2.'],
  );
  const deep = ok(
    c.handle({ name: 'GetParameterNames', parameterPath: 'Device.WiFi.SSID.1.', nextLevel: false }),
    'GetParameterNamesResponse',
  );
  assert.equal(deep.parameterList[0]?.name, 'Device.WiFi.SSID.1.');
  assert.ok(deep.parameterList.some((p) => p.name === 'Device.WiFi.SSID.1.Stats.BytesSent' && !p.writable));
  assert.ok(deep.parameterList.some((p) => p.name === 'Device.WiFi.SSID.1.SSID' && p.writable));
});

test('GetParameterNames faults: unknown path 9005, NextLevel true on a parameter 9003', () => {
  const c = cpe();
  fault(c.handle({ name: 'GetParameterNames', parameterPath: 'Device.Nope.', nextLevel: true }), 9005);
  fault(c.handle({ name: 'GetParameterNames', parameterPath: 'Device.DeviceInfo.SerialNumber', nextLevel: true }), 9003);
  const leaf = ok(
    c.handle({ name: 'GetParameterNames', parameterPath: 'Device.DeviceInfo.SerialNumber', nextLevel: false }),
    'GetParameterNamesResponse',
  );
  assert.deepEqual(leaf.parameterList, [{ name: 'Device.DeviceInfo.SerialNumber', writable: false }]);
});

test('GetParameterValues: full names, partial paths (all leaves), hidden passwords, faults', () => {
  const c = cpe();
  const r = ok(
    c.handle({ name: 'GetParameterValues', parameterNames: ['Device.DeviceInfo.SerialNumber', 'Device.PPP.Interface.1.'] }),
    'GetParameterValuesResponse',
  );
  assert.deepEqual(r.parameterList[0], { name: 'Device.DeviceInfo.SerialNumber', value: 'UNIT-1', type: 'xsd:string' });
  assert.ok(r.parameterList.every((p) => !p.name.endsWith('.')));
  assert.equal(r.parameterList.find((p) => p.name === 'Device.PPP.Interface.1.Password')?.value, '', 'passwords read back empty');
  assert.equal(r.parameterList.find((p) => p.name === 'Device.PPP.Interface.1.Enable')?.type, 'xsd:boolean');
  fault(c.handle({ name: 'GetParameterValues', parameterNames: ['Device.DeviceInfo.Nope'] }), 9005);
  fault(c.handle({ name: 'GetParameterValues', parameterNames: ['Device.DeviceInfo'] }), 9005);
  fault(c.handle({ name: 'GetParameterValues', parameterNames: [] }), 9003);
});

test('SetParameterValues applies all, canonicalises booleans and sets the ParameterKey', () => {
  const c = cpe();
  const r = c.handle({
    name: 'SetParameterValues',
    parameterKey: 'key-7',
    parameterList: [
      { name: 'Device.WiFi.SSID.2.SSID', value: 'Guest', type: 'xsd:string' },
      { name: 'Device.WiFi.Radio.1.AutoChannelEnable', value: '0', type: 'xsd:boolean' },
      { name: 'Device.ManagementServer.PeriodicInformInterval', value: '60', type: 'xsd:unsignedInt' },
    ],
  });
  assert.equal(ok(r, 'SetParameterValuesResponse').status, 0);
  assert.equal(c.model.value('Device.WiFi.SSID.2.SSID'), 'Guest');
  assert.equal(c.model.value('Device.WiFi.Radio.1.AutoChannelEnable'), 'false');
  assert.equal(c.model.value('Device.ManagementServer.ParameterKey'), 'key-7');
});

test('SetParameterValues is all-or-nothing: 9003 with one 9005/9008/9007 entry per bad parameter', () => {
  const c = cpe();
  const r = c.handle({
    name: 'SetParameterValues',
    parameterKey: 'never',
    parameterList: [
      { name: 'Device.WiFi.SSID.1.SSID', value: 'Applied?', type: 'xsd:string' },
      { name: 'Device.Nope', value: 'x', type: 'xsd:string' },
      { name: 'Device.DeviceInfo.SerialNumber', value: 'x', type: 'xsd:string' },
      { name: 'Device.ManagementServer.PeriodicInformInterval', value: 'abc', type: 'xsd:unsignedInt' },
      { name: 'Device.ManagementServer.PeriodicInformEnable', value: 'maybe', type: 'xsd:boolean' },
      { name: 'Device.IP.Interface.1.', value: '', type: 'xsd:string' },
    ],
  });
  const f = fault(r, 9003);
  assert.deepEqual(
    f.setParameterValuesFaults.map((e) => [e.parameterName, e.code]),
    [
      ['Device.Nope', 9005],
      ['Device.DeviceInfo.SerialNumber', 9008],
      ['Device.ManagementServer.PeriodicInformInterval', 9007],
      ['Device.ManagementServer.PeriodicInformEnable', 9007],
      ['Device.IP.Interface.1.', 9005],
    ],
  );
  assert.equal(c.model.value('Device.WiFi.SSID.1.SSID'), 'DeskACS-2G', 'nothing applied');
  assert.equal(c.model.value('Device.ManagementServer.ParameterKey'), '');
  fault(c.handle({ name: 'SetParameterValues', parameterKey: '', parameterList: [] }), 9003);
  const dup = { name: 'Device.WiFi.SSID.1.SSID', value: 'a', type: 'xsd:string' };
  fault(c.handle({ name: 'SetParameterValues', parameterKey: '', parameterList: [dup, dup] }), 9003);
});

test('SetParameterValues range checks: unsignedInt overflow and negative, int accepts negatives', () => {
  const c = cpe();
  const set = (name: string, value: string): CpeReply =>
    c.handle({ name: 'SetParameterValues', parameterKey: '', parameterList: [{ name, value, type: 'xsd:string' }] });
  fault(set('Device.WiFi.Radio.1.Channel', '4294967296'), 9003);
  fault(set('Device.WiFi.Radio.1.Channel', '-1'), 9003);
  ok(set('Device.Ethernet.Interface.1.MaxBitRate', '-1'), 'SetParameterValuesResponse');
  ok(set('Device.ManagementServer.PeriodicInformTime', '2026-05-01T10:00:00Z'), 'SetParameterValuesResponse');
  fault(set('Device.ManagementServer.PeriodicInformTime', 'tomorrow'), 9003);
});

test('Get/SetParameterAttributes keep notification and access list per parameter', () => {
  const c = cpe();
  const before = ok(
    c.handle({ name: 'GetParameterAttributes', parameterNames: ['Device.DeviceInfo.SoftwareVersion', 'Device.WiFi.SSID.1.SSID'] }),
    'GetParameterAttributesResponse',
  );
  assert.deepEqual(
    before.parameterList.map((p) => p.notification),
    [2, 0],
    'SoftwareVersion has forced active notification',
  );
  ok(
    c.handle({
      name: 'SetParameterAttributes',
      parameterList: [
        { name: 'Device.WiFi.SSID.', notificationChange: true, notification: 1, accessListChange: true, accessList: ['Subscriber'] },
      ],
    }),
    'SetParameterAttributesResponse',
  );
  const after = ok(
    c.handle({ name: 'GetParameterAttributes', parameterNames: ['Device.WiFi.SSID.2.SSID'] }),
    'GetParameterAttributesResponse',
  );
  assert.deepEqual(after.parameterList, [{ name: 'Device.WiFi.SSID.2.SSID', notification: 1, accessList: ['Subscriber'] }]);
  const attr = (name: string, notification: number) => ({
    name,
    notificationChange: true,
    notification,
    accessListChange: false,
    accessList: [],
  });
  fault(c.handle({ name: 'SetParameterAttributes', parameterList: [attr('Device.Nope', 1)] }), 9005);
  fault(c.handle({ name: 'SetParameterAttributes', parameterList: [attr('Device.DeviceInfo.UpTime', 2)] }), 9009);
  fault(c.handle({ name: 'SetParameterAttributes', parameterList: [attr('Device.DeviceInfo.UpTime', 9)] }), 9003);
});

test('a local change of a parameter with notification queues 4 VALUE CHANGE and puts it in the Inform', () => {
  const c = cpe();
  c.handle({
    name: 'SetParameterAttributes',
    parameterList: [
      { name: 'Device.WiFi.SSID.1.SSID', notificationChange: true, notification: 2, accessListChange: false, accessList: [] },
    ],
  });
  assert.equal(c.changeLocally('Device.WiFi.SSID.1.SSID', 'Kitchen'), true);
  const inform = c.buildInform(new Date(0), 0);
  assert.ok(inform.events.some((e) => e.code === '4 VALUE CHANGE'));
  assert.ok(inform.parameterList.some((p) => p.name === 'Device.WiFi.SSID.1.SSID' && p.value === 'Kitchen'));
});

test('AddObject creates instance N+1 from the template and updates NumberOfEntries; DeleteObject removes it', () => {
  const c = cpe();
  const a = ok(c.handle({ name: 'AddObject', objectName: 'Device.NAT.PortMapping.', parameterKey: 'add-1' }), 'AddObjectResponse');
  assert.deepEqual([a.instanceNumber, a.status], [1, 0]);
  const b = ok(c.handle({ name: 'AddObject', objectName: 'Device.NAT.PortMapping.', parameterKey: 'add-2' }), 'AddObjectResponse');
  assert.equal(b.instanceNumber, 2);
  assert.equal(c.model.value('Device.NAT.PortMapping.2.Protocol'), 'TCP');
  assert.equal(c.model.value('Device.NAT.PortMappingNumberOfEntries'), '2');
  assert.equal(c.model.value('Device.ManagementServer.ParameterKey'), 'add-2');
  const names = ok(
    c.handle({ name: 'GetParameterNames', parameterPath: 'Device.NAT.PortMapping.', nextLevel: true }),
    'GetParameterNamesResponse',
  );
  assert.deepEqual(names.parameterList, [
    { name: 'Device.NAT.PortMapping.1.', writable: true },
    { name: 'Device.NAT.PortMapping.2.', writable: true },
  ]);

  ok(c.handle({ name: 'DeleteObject', objectName: 'Device.NAT.PortMapping.2.', parameterKey: 'del' }), 'DeleteObjectResponse');
  assert.equal(c.model.get('Device.NAT.PortMapping.2.Protocol'), undefined);
  assert.equal(c.model.value('Device.NAT.PortMappingNumberOfEntries'), '1');
  const c3 = ok(c.handle({ name: 'AddObject', objectName: 'Device.NAT.PortMapping.', parameterKey: '' }), 'AddObjectResponse');
  assert.equal(c3.instanceNumber, 3, 'instance numbers are not reused');
});

test('AddObject/DeleteObject faults: 9005 on non-tables, fixed tables and unknown instances', () => {
  const c = cpe();
  fault(c.handle({ name: 'AddObject', objectName: 'Device.DeviceInfo.', parameterKey: '' }), 9005);
  fault(c.handle({ name: 'AddObject', objectName: 'Device.WiFi.SSID.', parameterKey: '' }), 9005);
  fault(c.handle({ name: 'AddObject', objectName: 'Device.NAT.PortMapping', parameterKey: '' }), 9005);
  fault(c.handle({ name: 'DeleteObject', objectName: 'Device.NAT.PortMapping.9.', parameterKey: '' }), 9005);
  fault(c.handle({ name: 'DeleteObject', objectName: 'Device.WiFi.SSID.1.', parameterKey: '' }), 9005);
});

test('TR-098 AddObject on a WANIPConnection PortMapping table', () => {
  const c = cpe('tr098');
  const table = 'InternetGatewayDevice.WANDevice.1.WANConnectionDevice.1.WANIPConnection.1.PortMapping.';
  assert.equal(ok(c.handle({ name: 'AddObject', objectName: table, parameterKey: '' }), 'AddObjectResponse').instanceNumber, 1);
  assert.equal(c.model.value(`${table}1.PortMappingProtocol`), 'TCP');
  assert.equal(c.model.value(`${table.slice(0, -1)}NumberOfEntries`), '1');
});

test('Reboot, FactoryReset, Download, Upload and ScheduleInform queue actions; bad args fault', () => {
  const c = cpe();
  ok(c.handle({ name: 'Reboot', commandKey: 'r' }), 'RebootResponse');
  ok(c.handle({ name: 'FactoryReset' }), 'FactoryResetResponse');
  const dl = {
    name: 'Download' as const,
    commandKey: 'd',
    fileType: '1 Firmware Upgrade Image',
    url: 'http://127.0.0.1:1/fw',
    username: '',
    password: '',
    fileSize: 0,
    targetFileName: '',
    delaySeconds: 0,
    successUrl: '',
    failureUrl: '',
  };
  assert.equal(ok(c.handle(dl), 'DownloadResponse').status, 1);
  fault(c.handle({ ...dl, url: 'tftp://127.0.0.1/fw' }), 9013);
  fault(c.handle({ ...dl, url: 'not a url' }), 9003);
  assert.equal(
    ok(
      c.handle({
        name: 'Upload',
        commandKey: 'u',
        fileType: '2 Vendor Log File',
        url: 'http://127.0.0.1:1/up',
        username: '',
        password: '',
        delaySeconds: 0,
      }),
      'UploadResponse',
    ).status,
    1,
  );
  ok(c.handle({ name: 'ScheduleInform', delaySeconds: 30, commandKey: 's' }), 'ScheduleInformResponse');
  fault(c.handle({ name: 'ScheduleInform', delaySeconds: 0, commandKey: 's' }), 9003);
  assert.deepEqual(
    c.takeActions().map((a) => a.kind),
    ['reboot', 'factoryReset', 'download', 'upload', 'scheduleInform'],
  );
  assert.deepEqual(c.takeActions(), []);
});

test('unsupported methods fault 9000; injected failures fault 9002 (Server)', () => {
  const c = cpe();
  fault(c.handle({ name: 'GetQueuedTransfers' }), 9000);
  fault(c.handle({ name: 'CancelTransfer', commandKey: 'x' }), 9000);
  c.injectFaults.GetParameterValues = 9002;
  const f = fault(c.handle({ name: 'GetParameterValues', parameterNames: ['Device.'] }), 9002);
  assert.equal(f.faultCode, 'Server');
  assert.ok(ok(c.handle({ name: 'GetRPCMethods' }), 'GetRPCMethodsResponse').methods.includes('AddObject'));
});

test('events: first boot bootstraps, reboot adds M Reboot, factory reset restores the model and bootstraps', () => {
  const c = cpe();
  assert.deepEqual(
    c.buildInform(new Date(0), 0).events.map((e) => e.code),
    ['0 BOOTSTRAP', '1 BOOT'],
  );
  c.events.accepted();
  assert.deepEqual(c.buildInform(new Date(0), 0).events, []);
  c.reboot('rk');
  assert.deepEqual(c.buildInform(new Date(0), 0).events, [
    { code: 'M Reboot', commandKey: 'rk' },
    { code: '1 BOOT', commandKey: '' },
  ]);
  c.events.accepted();
  c.handle({
    name: 'SetParameterValues',
    parameterKey: 'p',
    parameterList: [{ name: 'Device.WiFi.SSID.1.SSID', value: 'X', type: 'xsd:string' }],
  });
  c.handle({ name: 'AddObject', objectName: 'Device.NAT.PortMapping.', parameterKey: '' });
  c.factoryReset();
  assert.equal(c.model.value('Device.WiFi.SSID.1.SSID'), 'DeskACS-2G');
  assert.equal(c.model.get('Device.NAT.PortMapping.1.'), undefined);
  assert.equal(c.model.value('Device.DeviceInfo.SerialNumber'), 'UNIT-1');
  assert.deepEqual(
    c.buildInform(new Date(0), 0).events.map((e) => e.code),
    ['0 BOOTSTRAP', '1 BOOT'],
  );
});

test('the Inform identifies the device from DeviceInfo with the forced-inform parameters', () => {
  const inform = cpe('tr098').buildInform(new Date('2026-01-02T03:04:05Z'), 2);
  assert.deepEqual(inform.deviceId, { manufacturer: 'DeskACS Labs', oui: '0A1B2C', productClass: 'VG098', serialNumber: 'UNIT-1' });
  assert.equal(inform.currentTime, '2026-01-02T03:04:05.000Z');
  assert.equal(inform.retryCount, 2);
  const names = inform.parameterList.map((p) => p.name);
  for (const n of [
    'DeviceSummary',
    'DeviceInfo.SpecVersion',
    'DeviceInfo.HardwareVersion',
    'DeviceInfo.SoftwareVersion',
    'DeviceInfo.ProvisioningCode',
    'ManagementServer.ConnectionRequestURL',
    'ManagementServer.ParameterKey',
    'WANDevice.1.WANConnectionDevice.1.WANIPConnection.1.ExternalIPAddress',
  ]) {
    assert.ok(names.includes(`InternetGatewayDevice.${n}`), n);
  }
});

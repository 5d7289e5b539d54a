// Parsing CPE messages: the project's own fixtures and inline messages for every RPC.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CWMP_1_0, CWMP_1_2, envelope, request, response } from '../helpers/codec-envelopes.ts';
import { CwmpParseError, decodeBody, parseEnvelope } from '../../electron/core/cwmp/codec/index.ts';
import type { CpeFault, ParsedEnvelope } from '../../electron/core/cwmp/messages.ts';
import { fixture } from '../fixtures/cwmp/load.ts';

function parseFixture(name: string): ParsedEnvelope {
  return parseEnvelope(decodeBody(fixture(name), undefined));
}

describe('own fixtures', () => {
  test('TR-098 Inform: header, device id, events, raw values, entities and CDATA', () => {
    const env = parseFixture('tr098-inform.xml');
    assert.equal(env.version, '1.0');
    assert.equal(env.id, 'deskacs-fixture-7');
    assert.equal(env.holdRequests, true);
    assert.equal(env.noMoreRequests, false);
    const inform = request(env);
    assert.equal(inform.name, 'Inform');
    if (inform.name !== 'Inform') return;
    assert.deepEqual(inform.deviceId, {
      manufacturer: 'Fixture & Sons',
      oui: 'A1B2C3',
      productClass: 'FX-100',
      serialNumber: 'FX100-000042',
    });
    assert.deepEqual(inform.events, [
      { code: '1 BOOT', commandKey: '' },
      { code: 'M Reboot', commandKey: 'reboot-17' },
    ]);
    assert.equal(inform.maxEnvelopes, 1);
    assert.equal(inform.retryCount, 3);
    assert.equal(inform.currentTime, '2024-05-06T07:08:09+02:00');
    const values = new Map(inform.parameterList.map((p) => [p.name, p]));
    assert.equal(values.get('InternetGatewayDevice.DeviceInfo.SoftwareVersion')?.value, '1.2.3 <beta> AB');
    assert.equal(values.get('InternetGatewayDevice.ManagementServer.ConnectionRequestURL')?.value, 'http://192.0.2.10:7547/cr?a=1&b=2');
    const interval = values.get('InternetGatewayDevice.ManagementServer.PeriodicInformInterval');
    assert.deepEqual(interval, {
      name: 'InternetGatewayDevice.ManagementServer.PeriodicInformInterval',
      value: '0300',
      type: 'xsd:unsignedInt',
    });
    assert.equal(values.get('InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.SSID')?.value, '  padded ssid  ');
    assert.equal(values.get('InternetGatewayDevice.DeviceInfo.X_FIXTURE_Note')?.value, 'raw <markup> & &amp; stays');
    assert.equal(values.get('InternetGatewayDevice.ManagementServer.EnableCWMP')?.type, 'xsd:boolean');
    assert.deepEqual(env.warnings, []);
  });

  test('TR-181 Inform without header: lenient values kept raw, findings as warnings', () => {
    const env = parseFixture('tr181-inform-no-header.xml');
    assert.equal(env.version, '1.1');
    assert.equal(env.id, undefined);
    const inform = request(env);
    if (inform.name !== 'Inform') return assert.fail('expected Inform');
    assert.equal(inform.deviceId.oui, '00ab12');
    assert.equal(inform.deviceId.serialNumber, 'tab-0001');
    assert.deepEqual(inform.events, [{ code: '6 CONNECTION REQUEST', commandKey: '' }]);
    assert.equal(inform.retryCount, 0);
    assert.equal(inform.currentTime, '2023-11-02T10:20:30');
    assert.equal(inform.parameterList.length, 3);
    assert.equal(inform.parameterList[1]?.value, 'http://[2001:db8::1]:7547/');
    assert.deepEqual(env.warnings.sort(), [
      "CurrentTime '2023-11-02T10:20:30' has no time zone",
      "OUI '00ab12' is not six upper-case hex digits",
      'ParameterList arrayType says 4 items, found 3',
      'duplicate parameter Device.ManagementServer.ConnectionRequestURL in ParameterList',
      'no cwmp:ID in a SOAP Header',
    ]);
  });

  test('GetParameterValuesResponse in a default namespace with 1999 XSD types', () => {
    const env = parseFixture('gpv-response.xml');
    assert.equal(env.id, 'gpv-3');
    const gpv = response(env);
    if (gpv.name !== 'GetParameterValuesResponse') return assert.fail('expected GPV response');
    assert.deepEqual(gpv.parameterList, [
      { name: 'Device.DeviceInfo.UpTime', value: '000123', type: 'xsd:unsignedInt' },
      { name: 'Device.WiFi.Radio.1.Enable', value: '1', type: 'xsd:boolean' },
      { name: 'Device.Time.CurrentLocalTime', value: '0000-00-00T00:00:00', type: 'xsd:dateTime' },
      { name: 'Device.DeviceInfo.Description', value: ' ', type: 'xsd:string' },
    ]);
    assert.deepEqual(env.warnings, [
      "parameter Device.Time.CurrentLocalTime has dateTime value '0000-00-00T00:00:00', which is not a valid dateTime",
    ]);
  });

  test('SOAP Fault with two SetParameterValuesFault entries', () => {
    const env = parseFixture('spv-fault.xml');
    assert.equal(env.version, '1.2');
    assert.equal(env.id, 'spv-9');
    assert.equal(env.body.kind, 'fault');
    const fault = env.body.message as CpeFault;
    assert.equal(fault.faultCode, 's:Client');
    assert.equal(fault.faultString, 'CWMP fault');
    assert.equal(fault.code, 9003);
    assert.equal(fault.string, 'Invalid arguments');
    assert.deepEqual(fault.setParameterValuesFaults, [
      { parameterName: 'Device.ManagementServer.PeriodicInformInterval', code: 9007, string: 'Invalid parameter value' },
      { parameterName: 'Device.DeviceInfo.SerialNumber', code: 9008, string: 'Attempt to set a non-writable parameter' },
    ]);
  });

  test('ISO-8859-1 TransferComplete declared only in the XML declaration', () => {
    const env = parseFixture('transfer-complete-latin1.xml');
    const tc = request(env);
    assert.deepEqual(tc, {
      name: 'TransferComplete',
      commandKey: 'fw-2024',
      fault: { code: 9010, string: 'Téléchargement échoué' },
      startTime: '2024-01-02T03:04:05Z',
      completeTime: '2024-01-02T03:05:06Z',
    });
  });
});

describe('CPE requests', () => {
  test('GetRPCMethods from the CPE', () => {
    assert.deepEqual(request(parseEnvelope(envelope('<c:GetRPCMethods/>', { id: '1' }))), { name: 'GetRPCMethods' });
  });

  test('AutonomousTransferComplete', () => {
    const xml = envelope(
      '<c:AutonomousTransferComplete><AnnounceURL>http://a/</AnnounceURL><TransferURL>http://t/f.bin</TransferURL>' +
        '<IsDownload>true</IsDownload><FileType>1 Firmware Upgrade Image</FileType><FileSize>1024</FileSize>' +
        '<TargetFileName>f.bin</TargetFileName><FaultStruct><FaultCode>0</FaultCode><FaultString></FaultString></FaultStruct>' +
        '<StartTime>2024-01-01T00:00:00Z</StartTime><CompleteTime>2024-01-01T00:01:00Z</CompleteTime></c:AutonomousTransferComplete>',
      { ns: 'urn:dslforum-org:cwmp-1-1', id: 'a' },
    );
    const env = parseEnvelope(xml);
    assert.equal(env.version, '1.1');
    assert.deepEqual(request(env), {
      name: 'AutonomousTransferComplete',
      announceUrl: 'http://a/',
      transferUrl: 'http://t/f.bin',
      isDownload: true,
      fileType: '1 Firmware Upgrade Image',
      fileSize: 1024,
      targetFileName: 'f.bin',
      fault: { code: 0, string: '' },
      startTime: '2024-01-01T00:00:00Z',
      completeTime: '2024-01-01T00:01:00Z',
    });
    assert.deepEqual(env.warnings, []);
  });

  test('RequestDownload with FileTypeArg', () => {
    const xml = envelope(
      '<c:RequestDownload><FileType>3 Vendor Configuration File</FileType>' +
        '<FileTypeArg enc:arrayType="c:ArgStruct[1]"><ArgStruct><Name>Version</Name><Value>7</Value></ArgStruct></FileTypeArg>' +
        '</c:RequestDownload>',
    );
    assert.deepEqual(request(parseEnvelope(xml)), {
      name: 'RequestDownload',
      fileType: '3 Vendor Configuration File',
      fileTypeArgs: [{ name: 'Version', value: '7' }],
    });
  });

  test('Kicked', () => {
    const xml = envelope(
      '<c:Kicked><Command>login</Command><Referer>http://portal/</Referer><Arg>user=a&amp;b</Arg><Next>http://next/</Next></c:Kicked>',
    );
    assert.deepEqual(request(parseEnvelope(xml)), {
      name: 'Kicked',
      command: 'login',
      referer: 'http://portal/',
      arg: 'user=a&b',
      next: 'http://next/',
    });
  });

  const opResult =
    '<UUID>6ba7b810-9dad-51d1-80b4-00c04fd430c8</UUID><DeploymentUnitRef>Device.SoftwareModules.DeploymentUnit.1</DeploymentUnitRef>' +
    '<Version>1.0</Version><CurrentState>Installed</CurrentState><Resolved>1</Resolved>' +
    '<ExecutionUnitRefList>Device.SoftwareModules.ExecutionUnit.1</ExecutionUnitRefList>' +
    '<StartTime>2024-01-01T00:00:00Z</StartTime><CompleteTime>2024-01-01T00:00:05Z</CompleteTime>' +
    '<Fault><FaultCode>0</FaultCode><FaultString></FaultString></Fault>';
  const expectedResult = {
    uuid: '6ba7b810-9dad-51d1-80b4-00c04fd430c8',
    deploymentUnitRef: 'Device.SoftwareModules.DeploymentUnit.1',
    version: '1.0',
    currentState: 'Installed',
    resolved: true,
    executionUnitRefList: 'Device.SoftwareModules.ExecutionUnit.1',
    startTime: '2024-01-01T00:00:00Z',
    completeTime: '2024-01-01T00:00:05Z',
    fault: { code: 0, string: '' },
  };

  test('DUStateChangeComplete with repeated Results', () => {
    const xml = envelope(
      `<c:DUStateChangeComplete><Results>${opResult}</Results><Results>${opResult}</Results><CommandKey>du-1</CommandKey></c:DUStateChangeComplete>`,
      { ns: CWMP_1_2 },
    );
    assert.deepEqual(request(parseEnvelope(xml)), {
      name: 'DUStateChangeComplete',
      commandKey: 'du-1',
      results: [expectedResult, expectedResult],
    });
  });

  test('AutonomousDUStateChangeComplete with Results wrapped in an array', () => {
    const xml = envelope(
      `<c:AutonomousDUStateChangeComplete><Results enc:arrayType="c:AutonOpResultStruct[1]"><AutonOpResultStruct>${opResult}` +
        '<OperationPerformed>Install</OperationPerformed></AutonOpResultStruct></Results></c:AutonomousDUStateChangeComplete>',
      { ns: CWMP_1_2 },
    );
    assert.deepEqual(request(parseEnvelope(xml)), { name: 'AutonomousDUStateChangeComplete', results: [expectedResult] });
  });
});

describe('envelope handling', () => {
  test('NoMoreRequests header and 1.3/1.4 CPEs in the cwmp-1-2 namespace', () => {
    const xml = envelope('<c:GetRPCMethods/>', { ns: CWMP_1_2, id: 'x' }).replace(
      '</e:Header>',
      '<c:NoMoreRequests e:mustUnderstand="0">1</c:NoMoreRequests></e:Header>',
    );
    const env = parseEnvelope(xml);
    assert.equal(env.noMoreRequests, true);
    assert.equal(env.holdRequests, false);
    assert.equal(env.version, '1.2');
  });

  test('an unknown method carries its name, the cwmp:ID and the version', () => {
    const xml = envelope('<c:Foo><Bar/></c:Foo>', { ns: 'urn:dslforum-org:cwmp-1-1', id: 'id-77' });
    assert.throws(
      () => parseEnvelope(xml),
      (err: unknown) =>
        err instanceof CwmpParseError &&
        err.kind === 'unknown-method' &&
        err.method === 'Foo' &&
        err.id === 'id-77' &&
        err.version === '1.1' &&
        err.message.includes("unknown CWMP method 'Foo'"),
    );
  });

  test('prototype property names are unknown methods, not crashes', () => {
    for (const name of ['constructor', 'toString', 'hasOwnProperty']) {
      assert.throws(
        () => parseEnvelope(envelope(`<c:${name}/>`)),
        (e: unknown) => e instanceof CwmpParseError && e.kind === 'unknown-method',
      );
    }
  });

  test('elements are matched by namespace, not by prefix', () => {
    // `cwmp` bound to the SOAP envelope namespace and `soap` to CWMP: confusing prefixes, right URIs.
    const xml =
      '<cwmp:Envelope xmlns:cwmp="http://schemas.xmlsoap.org/soap/envelope/" xmlns:soap="urn:dslforum-org:cwmp-1-0">' +
      '<cwmp:Header><soap:ID>p-1</soap:ID></cwmp:Header><cwmp:Body><soap:GetRPCMethods/></cwmp:Body></cwmp:Envelope>';
    const env = parseEnvelope(xml);
    assert.equal(env.id, 'p-1');
    assert.equal(request(env).name, 'GetRPCMethods');
    // A prefix named like the envelope but bound elsewhere is not a SOAP envelope.
    const fake = '<soap:Envelope xmlns:soap="urn:example:not-soap"><soap:Body/></soap:Envelope>';
    assert.throws(
      () => parseEnvelope(fake),
      (e: unknown) => e instanceof CwmpParseError && e.kind === 'not-soap',
    );
  });

  test('not SOAP: other root, missing Body, empty Body', () => {
    const cases: Array<[string, RegExp]> = [
      ['<html><body>hi</body></html>', /no SOAP Envelope element/],
      ['<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"/>', /no Body/],
      ['<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Body> </e:Body></e:Envelope>', /Body is empty/],
    ];
    for (const [xml, message] of cases) {
      assert.throws(
        () => parseEnvelope(xml),
        (e: unknown) => e instanceof CwmpParseError && e.kind === 'not-soap' && message.test(e.message),
      );
    }
  });

  test('a method element outside any CWMP namespace is accepted with a warning', () => {
    const xml = '<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Body><GetRPCMethods/></e:Body></e:Envelope>';
    const env = parseEnvelope(xml);
    assert.equal(env.version, '1.0');
    assert.equal(request(env).name, 'GetRPCMethods');
    assert.ok(env.warnings.some((w) => w.includes('not in a CWMP namespace')));
  });

  test('an RPC newer than the namespace version is parsed with a warning', () => {
    const env = parseEnvelope(envelope('<c:ChangeDUStateResponse/>', { ns: CWMP_1_0 }));
    assert.equal(response(env).name, 'ChangeDUStateResponse');
    assert.ok(env.warnings.includes('ChangeDUStateResponse is not defined in CWMP 1.0 (it needs 1.2 or later)'));
  });

  test('odd numbers and booleans become warnings with safe defaults', () => {
    const xml = envelope(
      '<c:GetParameterNamesResponse><ParameterList><ParameterInfoStruct><Name>A.</Name><Writable>yes</Writable></ParameterInfoStruct>' +
        '</ParameterList></c:GetParameterNamesResponse>',
    );
    const env = parseEnvelope(xml);
    assert.deepEqual(response(env), { name: 'GetParameterNamesResponse', parameterList: [{ name: 'A.', writable: false }] });
    assert.deepEqual(env.warnings, ['no cwmp:ID in a SOAP Header', "Writable of A. 'yes' is not a boolean; using false"]);
    const status = parseEnvelope(envelope('<c:SetParameterValuesResponse><Status>x1</Status></c:SetParameterValuesResponse>'));
    assert.deepEqual(response(status), { name: 'SetParameterValuesResponse', status: 0 });
    assert.ok(status.warnings.includes("Status 'x1' is not an integer; using 0"));
  });
});

describe('undeclared prefixes', () => {
  test('a CPE that never declares its cwmp prefix still parses, with warnings', () => {
    const xml =
      '<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Header><cwmp:ID>u-1</cwmp:ID></e:Header>' +
      '<e:Body><cwmp:Inform><DeviceId><OUI>A1B2C3</OUI><SerialNumber>S</SerialNumber><Manufacturer>M</Manufacturer></DeviceId>' +
      '<Event/><MaxEnvelopes>1</MaxEnvelopes><CurrentTime>2024-01-01T00:00:00Z</CurrentTime><RetryCount>0</RetryCount>' +
      '<ParameterList><ParameterValueStruct><Name>A.B</Name><Value xsi:type="xsd:int">5</Value></ParameterValueStruct></ParameterList>' +
      '</cwmp:Inform></e:Body></e:Envelope>';
    const env = parseEnvelope(xml);
    assert.equal(env.id, 'u-1');
    assert.equal(env.version, '1.0');
    const m = request(env);
    assert.deepEqual(m.name === 'Inform' ? m.parameterList : undefined, [{ name: 'A.B', value: '5', type: 'xsd:int' }]);
    assert.ok(env.warnings.some((w) => w.includes('<cwmp:Inform> is not in a CWMP namespace')));
  });
});

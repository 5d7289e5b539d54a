// Every captured message in ../shared/cwmp/samples parses (the damaged FRITZ!Box fragment fails
// cleanly), with concrete values checked per device quirk. Skips when ../shared is absent; the
// project's own fixtures (codec-parse.test.ts) keep the codec covered then.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { CwmpParseError, decodeBody, parseEnvelope } from '../../electron/core/cwmp/codec/index.ts';
import type { CpeFault, CpeRequest, CpeResponse, InformRequest, ParsedEnvelope } from '../../electron/core/cwmp/messages.ts';
import { sampleBody, samplesDir, samplesMissing } from '../fixtures/cwmp/load.ts';

const skip = samplesMissing;
const FRAGMENT = 'avm-fritzbox7170-Inform-2007.fragment.txt';

function parseSample(name: string): ParsedEnvelope {
  const { body, contentType } = sampleBody(name);
  return parseEnvelope(decodeBody(body, contentType));
}

function inform(env: ParsedEnvelope): InformRequest {
  assert.equal(env.body.kind, 'request');
  const m = env.body.message as CpeRequest;
  if (m.name !== 'Inform') assert.fail(`expected Inform, got ${m.name}`);
  return m;
}

function response(env: ParsedEnvelope): CpeResponse {
  assert.equal(env.body.kind, 'response');
  return env.body.message as CpeResponse;
}

function param(m: InformRequest, name: string): string | undefined {
  return m.parameterList.find((p) => p.name === name)?.value;
}

describe('external CPE samples', () => {
  const files = skip
    ? []
    : readdirSync(samplesDir)
        .filter((f) => f !== 'README.md' && f !== FRAGMENT)
        .sort();

  test('the sample set is the expected one', { skip }, () => {
    assert.equal(files.length, 25);
  });

  // Node's runner does not report a skipped describe's tests, so each test carries the skip.
  if (skip) test('every sample parses', { skip }, () => {});
  for (const file of files) {
    test(`${file} parses`, { skip }, () => {
      const env = parseSample(file);
      assert.ok(['1.0', '1.2'].includes(env.version));
    });
  }

  test('the damaged FRITZ!Box fragment fails with a clear malformed error', { skip }, () => {
    const text = readFileSync(join(samplesDir, FRAGMENT), 'utf8');
    assert.throws(
      () => parseEnvelope(text),
      (e: unknown) => e instanceof CwmpParseError && e.kind === 'malformed' && /^not well-formed XML at line 30: /.test(e.message),
    );
  });

  test('Thomson SpeedTouch 780 Inform (ISO-8859-1, soap = encoding namespace, 1970 clock)', { skip }, () => {
    const env = parseSample('thomson-speedtouch780-r7.4.1.7-Inform.http');
    assert.equal(env.id, '3_THOM_TR69_ID');
    const m = inform(env);
    assert.deepEqual(m.deviceId, { manufacturer: 'THOMSON', oui: '00147F', productClass: 'SpeedTouch 780', serialNumber: 'CP0644JTHJ4' });
    assert.deepEqual(m.events, [{ code: '2 PERIODIC', commandKey: '' }]);
    assert.equal(m.maxEnvelopes, 2);
    assert.equal(m.retryCount, 0);
    assert.equal(m.currentTime, '1970-01-01T00:02:16Z');
    assert.equal(m.parameterList.length, 8);
    assert.equal(param(m, '.ExternalIPAddress'), '10.0.0.2');
    assert.equal(param(m, 'InternetGatewayDevice.DeviceInfo.ProvisioningCode'), 'test provision');
    assert.deepEqual(env.warnings, ["CurrentTime '1970-01-01T00:02:16Z' is in 1970: the CPE clock is not set"]);
  });

  test('Thomson BANT-S Inform with NoMoreRequests', { skip }, () => {
    const env = parseSample('thomson-speedtouch-bant-s-5.4.0.14-Inform.http');
    assert.equal(env.id, 'THOM_CPE_ALC_ID_9');
    assert.equal(env.noMoreRequests, true);
    assert.equal(inform(env).deviceId.serialNumber, 'CP0636JT3SH');
  });

  test('chunked Thomson Inform: all 12 parameters intact across chunk boundaries', { skip }, () => {
    const env = parseSample('thomson-speedtouch780-r6.2.15.5-Inform-chunked.http');
    assert.equal(env.id, '14_THOM_TR69_ID');
    const m = inform(env);
    assert.equal(m.parameterList.length, 12);
    assert.equal(param(m, 'InternetGatewayDevice.DeviceInfo.HardwareVersion'), 'BANT-R');
    assert.equal(param(m, 'InternetGatewayDevice.ManagementServer.ParameterKey'), '');
    assert.equal(param(m, '.ExternalIPAddress'), '192.168.1.254');
    const date = m.parameterList.find((p) => p.name === 'InternetGatewayDevice.DeviceInfo.VendorConfigFile.1.Date');
    assert.deepEqual(date, {
      name: 'InternetGatewayDevice.DeviceInfo.VendorConfigFile.1.Date',
      value: '0000-00-00T00:00:00',
      type: 'xsd:dateTime',
    });
    assert.ok(env.warnings.some((w) => w.includes("dateTime value '0000-00-00T00:00:00'")));
  });

  test('SpeedTouch 706 Inform body without HTTP headers or XML declaration', { skip }, () => {
    const m = inform(parseSample('thomson-speedtouch706-Inform.xml'));
    assert.equal(param(m, 'InternetGatewayDevice.DeviceInfo.ProvisioningCode'), '');
    assert.equal(param(m, 'InternetGatewayDevice.DeviceInfo.VendorConfigFile.1.Name'), 'Routed PPPoE on 0/35 and 8/35');
    assert.deepEqual(m.events, [{ code: '2 PERIODIC', commandKey: '' }]);
    assert.equal(m.retryCount, 10);
  });

  test('netcwmp fault: <detail> nested inside <faultstring>, 9008 entry found', { skip }, () => {
    const env = parseSample('netcwmp-cwmpd-SetParameterValues-Fault-malformed.http');
    assert.equal(env.id, 'acs-SetParameterValues-5');
    assert.equal(env.body.kind, 'fault');
    const f = env.body.message as CpeFault;
    assert.equal(f.faultCode, 'Client');
    assert.equal(f.code, 9003);
    assert.equal(f.string, 'Invalid arguments');
    assert.deepEqual(f.setParameterValuesFaults, [
      {
        parameterName: 'InternetGatewayDevice.ManagementServer.PeriodicInformInterval',
        code: 9008,
        string: 'Attempt to set a non-writable parameter',
      },
    ]);
    assert.deepEqual(env.warnings, ['SOAP Fault has <detail> nested inside <faultstring>']);
  });

  test('Thomson fault 9001 with unprefixed faultcode', { skip }, () => {
    const env = parseSample('thomson-speedtouch780-r7.4.1.7-Fault.http');
    const f = env.body.message as CpeFault;
    assert.deepEqual([f.faultCode, f.faultString, f.code, f.string], ['Client', 'CWMP fault', 9001, 'Request Denied']);
  });

  test('netcwmp Inform: 1999 xsi namespace, xsi:type everywhere, credentials in the ParameterList', { skip }, () => {
    const env = parseSample('netcwmp-cwmpd-Inform.http');
    const m = inform(env);
    assert.equal(m.deviceId.serialNumber, '30000000000000000');
    assert.equal(m.parameterList.length, 17);
    assert.ok(m.parameterList.every((p) => p.type === 'xsd:string'));
    assert.equal(param(m, 'InternetGatewayDevice.ManagementServer.Password'), 'cwmp');
  });

  test('netcwmp TransferComplete with empty StartTime/CompleteTime', { skip }, () => {
    const env = parseSample('netcwmp-cwmpd-TransferComplete.http');
    assert.deepEqual(env.body.message, {
      name: 'TransferComplete',
      commandKey: 'dl1',
      fault: { code: 9001, string: 'Request denied' },
      startTime: '',
      completeTime: '',
    });
    assert.deepEqual(env.warnings, ['StartTime is empty', 'CompleteTime is empty']);
  });

  test('genieacs-sim TransferComplete with elements out of schema order', { skip }, () => {
    const env = parseSample('genieacs-sim-TransferComplete.xml');
    assert.deepEqual(env.body.message, {
      name: 'TransferComplete',
      commandKey: 'dl1',
      fault: { code: 0, string: '' },
      startTime: '2026-11-21T04:50:27.600Z',
      completeTime: '2026-11-21T04:50:29.610Z',
    });
  });

  test('MikroTik Inform: no header, single quotes, boolean 0', { skip }, () => {
    const env = parseSample('mikrotik-hap-lite-6.42rc49-Inform.http');
    assert.equal(env.id, undefined);
    const m = inform(env);
    assert.deepEqual(m.events, [{ code: '8 DIAGNOSTICS COMPLETE', commandKey: '' }]);
    const alias = m.parameterList.find((p) => p.name === 'Device.ManagementServer.AliasBasedAddressing');
    assert.deepEqual(alias, { name: 'Device.ManagementServer.AliasBasedAddressing', value: '0', type: 'xsd:boolean' });
  });

  test('Motorola Inform without SOAP Header', { skip }, () => {
    const env = parseSample('motorola-vap2404e-Inform.xml');
    assert.equal(env.id, undefined);
    assert.equal(inform(env).deviceId.serialNumber, 'M91342SA1JJ0');
  });

  test('Cytco Inform: broken CurrentTime and lower-case OUI are warnings', { skip }, () => {
    const env = parseSample('cytco-bcm-Inform-invalid-currenttime.xml');
    const m = inform(env);
    assert.equal(m.currentTime, '2019-03-05T11:54::14');
    assert.equal(m.deviceId.oui, '00a859');
    assert.equal(m.retryCount, 942);
    assert.deepEqual(env.warnings.sort(), [
      "CurrentTime '2019-03-05T11:54::14' is not a valid dateTime",
      "OUI '00a859' is not six upper-case hex digits",
    ]);
  });

  test('ZTE Inform: three events, CommandKey on BOOTSTRAP, duplicate parameter kept and reported', { skip }, () => {
    const env = parseSample('zte-f600w-Inform.xml');
    const m = inform(env);
    assert.deepEqual(
      m.events.map((e) => e.code),
      ['0 BOOTSTRAP', '1 BOOT', '4 VALUE CHANGE'],
    );
    assert.equal(m.events[0]?.commandKey, 'TR069_ZTE_HOMEGATEWAY');
    assert.equal(m.parameterList.length, 10);
    assert.ok(env.warnings.includes('duplicate parameter InternetGatewayDevice.ManagementServer.ConnectionRequestURL in ParameterList'));
  });

  test('genieacs-sim Inform: wrong arrayType count is a warning', { skip }, () => {
    const env = parseSample('genieacs-sim-inform.xml');
    assert.equal(inform(env).parameterList.length, 7);
    assert.deepEqual(env.warnings, ['ParameterList arrayType says 16 items, found 7']);
  });

  test('easycwmp Inform in the cwmp-1-2 namespace, leading whitespace, soap_env prefix', { skip }, () => {
    const env = parseSample('easycwmp-1.8.6-Inform-digest.http');
    assert.equal(env.version, '1.2');
    assert.equal(env.id, '1');
    assert.deepEqual(
      inform(env).events.map((e) => e.code),
      ['0 BOOTSTRAP', '1 BOOT', '2 PERIODIC'],
    );
    assert.deepEqual(env.warnings, []);
  });

  test('ZyXEL P-2601HN Inform: NoMoreRequests, encodingStyle, no zone', { skip }, () => {
    const env = parseSample('zyxel-p2601hn-f1-Inform.xml');
    assert.equal(env.noMoreRequests, true);
    assert.equal(inform(env).deviceId.serialNumber, 'EC43F69AF408');
  });

  test('ZyXEL VMG8924 IPv6 ConnectionRequestURL and zero-padded arrayType', { skip }, () => {
    const env = parseSample('zyxel-vmg8924-b10a-Inform.xml');
    const m = inform(env);
    assert.equal(
      param(m, 'InternetGatewayDevice.ManagementServer.ConnectionRequestURL'),
      'http://[2a02:980:1400::1ff]:30005/78DF621FFD24F339452C341BEFE0E8A8',
    );
    assert.deepEqual(env.warnings, []);
  });

  test('Sagemcom Device:2 Inform with xsi:type SOAP-ENC:Array on arrays', { skip }, () => {
    const env = parseSample('sagemcom-hgw4-device2-Inform.xml');
    const m = inform(env);
    assert.equal(m.parameterList.length, 8);
    assert.equal(param(m, 'Device.DeviceInfo.SoftwareVersion'), 'SG72113250226');
    assert.deepEqual(env.warnings, []);
  });

  test('Thomson responses: GetRPCMethods, GetParameterNames, GetParameterValues, GetParameterAttributes', { skip }, () => {
    const rpc = response(parseSample('thomson-speedtouch780-r7.4.1.7-GetRPCMethodsResponse.http'));
    assert.ok(rpc.name === 'GetRPCMethodsResponse');
    assert.equal(rpc.methods.length, 11);
    assert.equal(rpc.methods[10], 'FactoryReset');

    const gpn = response(parseSample('thomson-speedtouch780-r7.4.1.7-GetParameterNamesResponse.http'));
    assert.ok(gpn.name === 'GetParameterNamesResponse');
    assert.equal(gpn.parameterList.length, 18);
    assert.deepEqual(gpn.parameterList[0], { name: 'InternetGatewayDevice.DeviceInfo.Manufacturer', writable: false });

    const gpv = response(parseSample('thomson-speedtouch780-r7.4.1.7-GetParameterValuesResponse.http'));
    assert.ok(gpv.name === 'GetParameterValuesResponse');
    assert.equal(gpv.parameterList.length, 6);
    assert.deepEqual(gpv.parameterList[2], {
      name: 'InternetGatewayDevice.DeviceInfo.VendorConfigFile.1.Date',
      value: '0001-01-01T00:00:00Z',
      type: 'xsd:dateTime',
    });

    const gpa = response(parseSample('thomson-speedtouch780-r7.4.1.7-GetParameterAttributesResponse.http'));
    assert.ok(gpa.name === 'GetParameterAttributesResponse');
    assert.deepEqual(gpa.parameterList[0], {
      name: 'InternetGatewayDevice.DeviceInfo.SerialNumber',
      notification: 0,
      accessList: ['subscriber'],
    });
  });
});

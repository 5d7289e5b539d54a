import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtinModel } from '../../electron/simulator/builtin-models.ts';
import { SimulatedCpe } from '../../electron/simulator/cpe.ts';
import { readAcsMessage } from '../../electron/simulator/soap-reader.ts';
import { writeCpeMessage, type CpeOutgoing } from '../../electron/simulator/soap-writer.ts';
import { parseXml } from '../../electron/simulator/xml-tree.ts';
import { parseRetryAfter } from '../../electron/simulator/session-client.ts';
import { transferFaultForVersion } from '../../electron/simulator/transfers.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const validator = path.resolve(repoRoot, '../shared/cwmp/schemas/validate-cwmp-body.sh');

test('reads ACS requests by namespace whatever the prefixes, without a Header, with xsi:type and entities', () => {
  const xml = ` <e:Envelope xmlns:e='http://schemas.xmlsoap.org/soap/envelope/' xmlns:soap="http://schemas.xmlsoap.org/soap/encoding/" xmlns:x="http://www.w3.org/2001/XMLSchema-instance" xmlns:c="urn:dslforum-org:cwmp-1-2">
    <e:Body>\t<c:SetParameterValues><ParameterList soap:arrayType="c:ParameterValueStruct[07]">
      <ParameterValueStruct><Name>Device.A</Name><Value x:type="xsd:unsignedInt">42</Value></ParameterValueStruct>
      <ParameterValueStruct><Name>Device.B</Name><Value>a &lt;b&gt; &#233;</Value></ParameterValueStruct>
    </ParameterList><ParameterKey/></c:SetParameterValues></e:Body></e:Envelope>`;
  const env = readAcsMessage(xml);
  assert.equal(env.id, undefined);
  assert.equal(env.cwmpNamespace, 'urn:dslforum-org:cwmp-1-2');
  assert.deepEqual(env.message, {
    kind: 'request',
    request: {
      name: 'SetParameterValues',
      parameterKey: '',
      parameterList: [
        { name: 'Device.A', value: '42', type: 'xsd:unsignedInt' },
        { name: 'Device.B', value: 'a <b> é', type: 'xsd:string' },
      ],
    },
  });
});

test('reads InformResponse, HoldRequests, ACS faults and unknown methods', () => {
  const wrap = (body: string, header = ''): string =>
    `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:cwmp="urn:dslforum-org:cwmp-1-0"><soapenv:Header><cwmp:ID>7</cwmp:ID>${header}</soapenv:Header><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;
  const ir = readAcsMessage(
    wrap('<cwmp:InformResponse><MaxEnvelopes>1</MaxEnvelopes></cwmp:InformResponse>', '<cwmp:HoldRequests>1</cwmp:HoldRequests>'),
  );
  assert.deepEqual([ir.id, ir.holdRequests, ir.message], ['7', true, { kind: 'InformResponse', maxEnvelopes: 1 }]);
  const fault = readAcsMessage(
    wrap(
      '<soapenv:Fault><faultcode>Client</faultcode><faultstring>CWMP fault</faultstring><detail><cwmp:Fault><FaultCode>8005</FaultCode><FaultString>Retry request</FaultString></cwmp:Fault></detail></soapenv:Fault>',
    ),
  );
  assert.deepEqual(fault.message, { kind: 'fault', code: 8005, string: 'Retry request' });
  assert.deepEqual(readAcsMessage(wrap('<cwmp:ScheduleDownload/>')).message, { kind: 'unsupported', method: 'ScheduleDownload' });
  const gpn = readAcsMessage(
    wrap('<cwmp:GetParameterNames><ParameterPath>Device.</ParameterPath><NextLevel>true</NextLevel></cwmp:GetParameterNames>'),
  );
  assert.deepEqual(gpn.message, { kind: 'request', request: { name: 'GetParameterNames', parameterPath: 'Device.', nextLevel: true } });
  const spa = readAcsMessage(
    wrap(
      '<cwmp:SetParameterAttributes><ParameterList><SetParameterAttributesStruct><Name>Device.X</Name><NotificationChange>1</NotificationChange><Notification>2</Notification><AccessListChange>0</AccessListChange><AccessList/></SetParameterAttributesStruct></ParameterList></cwmp:SetParameterAttributes>',
    ),
  );
  assert.deepEqual(spa.message, {
    kind: 'request',
    request: {
      name: 'SetParameterAttributes',
      parameterList: [{ name: 'Device.X', notificationChange: true, notification: 2, accessListChange: false, accessList: [] }],
    },
  });
  assert.throws(() => readAcsMessage('<html>nope</html>'), /Expected a SOAP Envelope/);
});

test('writes a CPE envelope that reads back: escaped values, echoed ID, no header when asked', () => {
  const xml = writeCpeMessage(
    { name: 'GetParameterValuesResponse', parameterList: [{ name: 'Device.X', value: `<&>"'`, type: 'xsd:string' }] },
    { id: 'abc' },
  );
  assert.ok(!xml.startsWith('<?xml'));
  const root = parseXml(xml);
  const body = root.children.find((c) => c.local === 'Body');
  assert.equal(root.children.find((c) => c.local === 'Header')?.children[0]?.text, 'abc');
  assert.equal(body?.children[0]?.local, 'GetParameterValuesResponse');
  assert.equal(body?.children[0]?.ns, 'urn:dslforum-org:cwmp-1-0');
  assert.equal(body?.children[0]?.children[0]?.children[0]?.children[1]?.text, `<&>"'`);
  assert.ok(!writeCpeMessage({ name: 'RebootResponse' }, { id: undefined }).includes('Header'));
});

test('Retry-After accepts seconds and HTTP dates', () => {
  assert.equal(parseRetryAfter('120'), 120);
  assert.equal(parseRetryAfter(new Date(Date.UTC(2030, 0, 1, 0, 0, 30)).toUTCString(), Date.UTC(2030, 0, 1)), 30);
  assert.equal(parseRetryAfter('soon'), undefined);
});

test('CWMP 1.0 TransferComplete reports detailed transfer faults as 9010/9011', () => {
  const f = { code: 9016, string: 'File transfer failure: unable to access file: HTTP 404' };
  assert.deepEqual(transferFaultForVersion(f, 'urn:dslforum-org:cwmp-1-0', true), {
    code: 9010,
    string: 'File transfer failure: unable to access file: HTTP 404',
  });
  assert.equal(transferFaultForVersion(f, 'urn:dslforum-org:cwmp-1-0', false).code, 9011);
  assert.equal(transferFaultForVersion(f, 'urn:dslforum-org:cwmp-1-2', true).code, 9016);
  assert.equal(transferFaultForVersion({ code: 9012, string: 'auth' }, 'urn:dslforum-org:cwmp-1-0', true).code, 9012);
});

function xmllintAvailable(): boolean {
  return spawnSync('xmllint', ['--version']).status === 0;
}

test('what the simulator emits is valid against the BBF cwmp schema', (t) => {
  if (!existsSync(validator)) return t.skip(`schema validator not found at ${validator} (../shared is external material)`);
  if (!xmllintAvailable()) return t.skip('xmllint not installed (Debian package libxml2-utils)');
  const cpe = new SimulatedCpe(builtinModel('tr098'));
  cpe.handle({
    name: 'SetParameterAttributes',
    parameterList: [
      {
        name: 'InternetGatewayDevice.DeviceInfo.SoftwareVersion',
        notificationChange: false,
        notification: 0,
        accessListChange: true,
        accessList: ['Subscriber'],
      },
    ],
  });
  const messages: CpeOutgoing[] = [
    cpe.buildInform(new Date(), 0),
    {
      name: 'TransferComplete',
      commandKey: 'k',
      fault: { code: 9010, string: 'File transfer failure' },
      startTime: new Date().toISOString(),
      completeTime: new Date().toISOString(),
    },
    cpe.handle({ name: 'GetRPCMethods' }),
    cpe.handle({ name: 'GetParameterNames', parameterPath: 'InternetGatewayDevice.DeviceInfo.', nextLevel: true }),
    cpe.handle({ name: 'GetParameterValues', parameterNames: ['InternetGatewayDevice.DeviceInfo.'] }),
    cpe.handle({ name: 'GetParameterAttributes', parameterNames: ['InternetGatewayDevice.DeviceInfo.SoftwareVersion'] }),
    cpe.handle({
      name: 'SetParameterValues',
      parameterKey: '',
      parameterList: [{ name: 'InternetGatewayDevice.DeviceInfo.SerialNumber', value: 'x', type: 'xsd:string' }],
    }),
    cpe.handle({ name: 'AddObject', objectName: 'InternetGatewayDevice.Layer3Forwarding.Forwarding.', parameterKey: '' }),
    { name: 'DownloadResponse', status: 1, startTime: '0001-01-01T00:00:00Z', completeTime: '0001-01-01T00:00:00Z' },
    { name: 'RebootResponse' },
  ];
  const dir = mkdtempSync(path.join(tmpdir(), 'sim-xsd-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const files = ['urn:dslforum-org:cwmp-1-0', 'urn:dslforum-org:cwmp-1-2'].flatMap((ns, v) =>
    messages.map((m, i) => {
      const file = path.join(dir, `${v}-${i}-${m.name}.xml`);
      writeFileSync(file, writeCpeMessage(m, { id: String(i), cwmpNamespace: ns }));
      return file;
    }),
  );
  const detailed: CpeOutgoing = {
    name: 'TransferComplete',
    commandKey: 'k',
    fault: { code: 9016, string: 'x' },
    startTime: '2026-01-01T00:00:00Z',
    completeTime: '2026-01-01T00:00:01Z',
  };
  files.push(path.join(dir, 'tc-1-2.xml'));
  writeFileSync(files.at(-1) ?? '', writeCpeMessage(detailed, { id: 'x', cwmpNamespace: 'urn:dslforum-org:cwmp-1-2' }));
  try {
    execFileSync('sh', [validator, ...files], { encoding: 'utf8', stdio: 'pipe' });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    assert.fail(`schema validation failed:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
});

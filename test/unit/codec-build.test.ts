// Building ACS messages: envelope shape, namespaces per version, escaping, arrays, faults,
// version checks, and round trips through the parser where both directions exist.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { XMLValidator } from 'fast-xml-parser';
import { buildEnvelope, cwmpNamespace, CwmpBuildError, parseEnvelope } from '../../electron/core/cwmp/codec/index.ts';
import type { AcsOutgoing, CpeFault, CwmpVersion } from '../../electron/core/cwmp/messages.ts';
import { buildCases } from '../fixtures/cwmp/build-cases.ts';

const VERSIONS: readonly CwmpVersion[] = ['1.0', '1.1', '1.2', '1.3', '1.4'];
const ORDER: Record<CwmpVersion, number> = { '1.0': 0, '1.1': 1, '1.2': 2, '1.3': 3, '1.4': 4 };

function build(body: AcsOutgoing, version: CwmpVersion = '1.0', id = 'id-1'): string {
  return buildEnvelope({ version, id, body });
}

describe('envelope shape', () => {
  test('exact output for GetParameterNames', () => {
    assert.equal(
      build({ name: 'GetParameterNames', parameterPath: 'Device.', nextLevel: false }, '1.0', '42'),
      '<soap-env:Envelope xmlns:soap-env="http://schemas.xmlsoap.org/soap/envelope/" ' +
        'xmlns:soap-enc="http://schemas.xmlsoap.org/soap/encoding/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" ' +
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:cwmp="urn:dslforum-org:cwmp-1-0">' +
        '<soap-env:Header><cwmp:ID soap-env:mustUnderstand="1">42</cwmp:ID></soap-env:Header>' +
        '<soap-env:Body><cwmp:GetParameterNames><ParameterPath>Device.</ParameterPath><NextLevel>0</NextLevel>' +
        '</cwmp:GetParameterNames></soap-env:Body></soap-env:Envelope>',
    );
  });

  test('every builder emits well-formed XML with no declaration, a header ID and the version namespace', () => {
    let built = 0;
    for (const version of VERSIONS) {
      for (const c of buildCases) {
        if (ORDER[c.since] > ORDER[version]) continue;
        const xml = build(c.body, version, `id-${c.label}`);
        built += 1;
        assert.equal(XMLValidator.validate(xml), true, `${c.label} ${version} is not well-formed`);
        assert.ok(xml.startsWith('<soap-env:Envelope '), c.label);
        assert.ok(!xml.includes('<?xml'), c.label);
        assert.ok(xml.includes(`<cwmp:ID soap-env:mustUnderstand="1">id-${c.label}</cwmp:ID>`), c.label);
        assert.ok(xml.includes(`xmlns:cwmp="${cwmpNamespace(version)}"`), c.label);
      }
    }
    assert.equal(built, 25 + 27 + 32 * 3);
  });

  test('namespaces: 1.3 and 1.4 answer in the cwmp-1-2 namespace', () => {
    assert.equal(cwmpNamespace('1.0'), 'urn:dslforum-org:cwmp-1-0');
    assert.equal(cwmpNamespace('1.1'), 'urn:dslforum-org:cwmp-1-1');
    assert.equal(cwmpNamespace('1.2'), 'urn:dslforum-org:cwmp-1-2');
    assert.equal(cwmpNamespace('1.3'), 'urn:dslforum-org:cwmp-1-2');
    assert.equal(cwmpNamespace('1.4'), 'urn:dslforum-org:cwmp-1-2');
  });
});

describe('RPC bodies', () => {
  test('SetParameterValues: arrayType count, xsi:type on every value, escaping', () => {
    const xml = build({
      name: 'SetParameterValues',
      parameterKey: 'k&1',
      parameterList: [
        { name: 'A.B', value: 'x < y & "z"', type: 'xsd:string' },
        { name: 'A.C', value: '12', type: 'unsignedInt' },
        { name: 'A.D', value: 'line1\r\nline2', type: '' },
      ],
    });
    assert.ok(xml.includes('<ParameterList soap-enc:arrayType="cwmp:ParameterValueStruct[3]">'));
    assert.ok(xml.includes('<Name>A.B</Name><Value xsi:type="xsd:string">x &lt; y &amp; "z"</Value>'));
    assert.ok(xml.includes('<Name>A.C</Name><Value xsi:type="xsd:unsignedInt">12</Value>'));
    assert.ok(xml.includes('<Value xsi:type="xsd:string">line1&#13;\nline2</Value>'));
    assert.ok(xml.includes('<ParameterKey>k&amp;1</ParameterKey>'));
  });

  test('string arrays use xsd:string[n]', () => {
    const xml = build({ name: 'GetParameterValues', parameterNames: ['A.', 'B.C', 'D.'] });
    assert.ok(
      xml.includes(
        '<ParameterNames soap-enc:arrayType="xsd:string[3]"><string>A.</string><string>B.C</string><string>D.</string></ParameterNames>',
      ),
    );
    const empty = build({ name: 'GetRPCMethodsResponse', methods: [] });
    assert.ok(empty.includes('<MethodList soap-enc:arrayType="xsd:string[0]"></MethodList>'));
  });

  test('SetParameterAttributes, ScheduleDownload and ChangeDUState structures', () => {
    const spa = build(buildCases.find((c) => c.label === 'SetParameterAttributes')?.body ?? assert.fail());
    assert.ok(spa.includes('<ParameterList soap-enc:arrayType="cwmp:SetParameterAttributesStruct[2]">'));
    assert.ok(
      spa.includes(
        '<NotificationChange>1</NotificationChange><Notification>2</Notification><AccessListChange>0</AccessListChange><AccessList soap-enc:arrayType="xsd:string[0]"></AccessList>',
      ),
    );
    const sd = build(buildCases.find((c) => c.label === 'ScheduleDownload')?.body ?? assert.fail(), '1.2');
    assert.ok(sd.includes('<TimeWindowList soap-enc:arrayType="cwmp:TimeWindowStruct[2]">'));
    assert.ok(sd.includes('<MaxRetries>-1</MaxRetries>'));
    const du = build(buildCases.find((c) => c.label === 'ChangeDUState')?.body ?? assert.fail(), '1.2');
    assert.ok(du.includes('<Operations xsi:type="cwmp:InstallOpStruct"><URL>http://files.example.net/app.ipk</URL><UUID>'));
    assert.ok(du.includes('<Operations xsi:type="cwmp:UninstallOpStruct"><UUID>6ba7b812-9dad-51d1-80b4-00c04fd430c8</UUID></Operations>'));
  });

  test('ACS faults: Client for 8003 Invalid arguments, Server for the others', () => {
    const expected: Record<number, string> = {
      8000: 'Server',
      8001: 'Server',
      8002: 'Server',
      8003: 'Client',
      8004: 'Server',
      8005: 'Server',
    };
    for (const code of [8000, 8001, 8002, 8003, 8004, 8005] as const) {
      const xml = build({ name: 'Fault', code, string: 'why' });
      assert.ok(
        xml.includes(
          `<soap-env:Fault><faultcode>${expected[code]}</faultcode><faultstring>CWMP fault</faultstring>` +
            `<detail><cwmp:Fault><FaultCode>${code}</FaultCode><FaultString>why</FaultString></cwmp:Fault></detail></soap-env:Fault>`,
        ),
        String(code),
      );
    }
  });
});

describe('refusals', () => {
  const notInVersion: Array<[AcsOutgoing, CwmpVersion]> = [
    [{ name: 'GetAllQueuedTransfers' }, '1.0'],
    [{ name: 'AutonomousTransferCompleteResponse' }, '1.0'],
    [{ name: 'CancelTransfer', commandKey: 'x' }, '1.1'],
    [{ name: 'ChangeDUState', commandKey: '', operations: [{ op: 'Uninstall', uuid: 'u' }] }, '1.1'],
    [{ name: 'DUStateChangeCompleteResponse' }, '1.0'],
    [{ name: 'AutonomousDUStateChangeCompleteResponse' }, '1.1'],
  ];
  for (const [body, version] of notInVersion) {
    test(`${body.name} is refused for CWMP ${version}`, () => {
      assert.throws(
        () => build(body, version),
        (e: unknown) =>
          e instanceof CwmpBuildError && e.method === body.name && e.version === version && /needs CWMP 1\.[12] or later/.test(e.message),
      );
    });
  }

  test('ScheduleDownload is refused before 1.2 and built from 1.2', () => {
    const body = buildCases.find((c) => c.label === 'ScheduleDownload')?.body ?? assert.fail();
    assert.throws(() => build(body, '1.1'), CwmpBuildError);
    assert.ok(build(body, '1.3').includes('<cwmp:ScheduleDownload>'));
  });

  test('invalid arguments and unrepresentable text are refused', () => {
    assert.throws(() => build({ name: 'ScheduleInform', delaySeconds: -1, commandKey: '' }), /DelaySeconds -1 is not an unsignedInt/);
    assert.throws(() => build({ name: 'InformResponse', maxEnvelopes: 1.5 }), CwmpBuildError);
    assert.throws(
      () => build({ name: 'Reboot', commandKey: 'bad\u0001key' }),
      (e: unknown) => e instanceof CwmpBuildError && e.message.includes('U+0001'),
    );
    assert.throws(() => build({ name: 'Reboot', commandKey: 'lone \uD800 surrogate' }), CwmpBuildError);
    assert.throws(
      () => build({ name: 'ChangeDUState', commandKey: '', operations: [{ op: 'Install' }] }, '1.2'),
      /Install operation needs a URL/,
    );
    assert.ok(build({ name: 'Reboot', commandKey: 'emoji \u{1F600} ok' }).includes('emoji \u{1F600} ok'));
  });
});

describe('round trips through the parser', () => {
  test('GetRPCMethodsResponse', () => {
    const methods = ['Inform', 'TransferComplete', 'GetRPCMethods', 'A&B <odd>'];
    const env = parseEnvelope(build({ name: 'GetRPCMethodsResponse', methods }, '1.2', 'rt-1'));
    assert.equal(env.id, 'rt-1');
    assert.equal(env.version, '1.2');
    assert.deepEqual(env.body, { kind: 'response', message: { name: 'GetRPCMethodsResponse', methods } });
    assert.deepEqual(env.warnings, []);
  });

  test('GetRPCMethods', () => {
    const env = parseEnvelope(build({ name: 'GetRPCMethods' }, '1.1', 'rt-2'));
    assert.deepEqual([env.id, env.version, env.body.kind, env.body.message.name], ['rt-2', '1.1', 'request', 'GetRPCMethods']);
  });

  test('ACS Fault read back as a fault', () => {
    for (const version of VERSIONS) {
      const env = parseEnvelope(build({ name: 'Fault', code: 8005, string: 'Retry <later> & "soon"' }, version, 'rt-3'));
      assert.equal(env.body.kind, 'fault');
      const f = env.body.message as CpeFault;
      assert.deepEqual(
        [f.faultCode, f.faultString, f.code, f.string, f.setParameterValuesFaults],
        ['Server', 'CWMP fault', 8005, 'Retry <later> & "soon"', []],
      );
      assert.equal(env.version, version === '1.3' || version === '1.4' ? '1.2' : version);
    }
  });
});

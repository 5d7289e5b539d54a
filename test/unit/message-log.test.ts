// What the session inspector keeps of a message: secrets masked whatever the prefixes, CDATA or
// spacing, long messages cut at 64 KiB on a character boundary, and which sessions are kept.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cutAtBytes, MASK, maskSecrets, MAX_MESSAGE_BYTES, MessageLog } from '../../electron/core/cwmp/message-log.ts';
import { buildEnvelope } from '../../electron/core/cwmp/codec/index.ts';
import { keepSessionLog, toSessionMessages } from '../../electron/core/services/session-log.ts';

test('values of Password, KeyPassphrase, PreSharedKey and WEPKey parameters are masked, others kept', () => {
  const xml = buildEnvelope({
    version: '1.2',
    id: 'x1',
    body: {
      name: 'SetParameterValues',
      parameterKey: 'k',
      parameterList: [
        { name: 'Device.PPP.Interface.1.Password', value: 'ppp-secret', type: 'xsd:string' },
        { name: 'Device.WiFi.AccessPoint.1.Security.KeyPassphrase', value: 'wifi secret', type: 'xsd:string' },
        {
          name: 'InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.PreSharedKey.1.PreSharedKey',
          value: 'a'.repeat(64),
          type: 'xsd:string',
        },
        { name: 'InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.WEPKey.1.WEPKey', value: '0123456789', type: 'xsd:string' },
        { name: 'Device.ManagementServer.ConnectionRequestPassword', value: 'cr-secret', type: 'xsd:string' },
        { name: 'Device.WiFi.SSID.1.SSID', value: 'shop', type: 'xsd:string' },
      ],
    },
  });
  const masked = maskSecrets(xml);
  for (const secret of ['ppp-secret', 'wifi secret', 'a'.repeat(64), '0123456789', 'cr-secret'])
    assert.ok(!masked.includes(secret), secret);
  assert.equal(masked.split(MASK).length - 1, 5);
  assert.match(masked, /<Value xsi:type="xsd:string">shop<\/Value>/);
});

test('a CPE’s own spelling: other prefixes, whitespace, CDATA, empty values left empty', () => {
  const cpe = `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><cwmp:GetParameterValuesResponse>
    <ParameterList><ParameterValueStruct>
      <Name> Device.ManagementServer.Password </Name>
      <Value xsi:type="xsd:string"><![CDATA[a<b]]></Value>
    </ParameterValueStruct><ParameterValueStruct><Name>Device.X.Password</Name><Value xsi:type="xsd:string"></Value></ParameterValueStruct>
    <ParameterValueStruct><Name>Device.X.Passwords.Count</Name><Value>3</Value></ParameterValueStruct>
    </ParameterList></cwmp:GetParameterValuesResponse></soap:Body></soap:Envelope>`;
  const masked = maskSecrets(cpe);
  assert.ok(!masked.includes('a<b'));
  assert.match(masked, /Device\.X\.Password<\/Name><Value xsi:type="xsd:string"><\/Value>/, 'an empty password stays empty');
  assert.match(masked, /<Value>3<\/Value>/);
});

test('<Password> elements of Download and Upload are masked', () => {
  const xml = buildEnvelope({
    version: '1.0',
    id: 'd1',
    body: {
      name: 'Download',
      commandKey: 'k',
      fileType: '1 Firmware Upgrade Image',
      url: 'http://files.example/fw.bin',
      username: 'fw-user',
      password: 'fw-pass',
      fileSize: 0,
      targetFileName: '',
      delaySeconds: 0,
      successUrl: '',
      failureUrl: '',
    },
  });
  const masked = maskSecrets(xml);
  assert.ok(!masked.includes('fw-pass'));
  assert.match(masked, /<Password>\*{8}<\/Password>/);
  assert.match(masked, /fw-user/);
});

test('long messages are cut at 64 KiB of UTF-8, never inside a character', () => {
  const text = `<x>${'é'.repeat(40_000)}</x>`;
  const cut = cutAtBytes(text, MAX_MESSAGE_BYTES);
  assert.equal(cut.truncated, true);
  assert.ok(Buffer.byteLength(cut.text) <= MAX_MESSAGE_BYTES);
  assert.ok(!cut.text.includes('\uFFFD'));
  assert.deepEqual(cutAtBytes('<short/>', MAX_MESSAGE_BYTES), { text: '<short/>', truncated: false });
  const log = new MessageLog();
  log.add('cpe', 'GetParameterValuesResponse', text);
  const [m] = toSessionMessages(log.take());
  assert.equal(m?.truncated, true);
  assert.equal(m?.seq, 1);
});

test('a secret whose value runs past the cut is masked, as is every one before it', () => {
  const struct = (name: string, value: string): string =>
    `<ParameterValueStruct><Name>${name}</Name><Value xsi:type="xsd:string">${value}</Value></ParameterValueStruct>`;
  const filler = struct('Device.X.Filler', 'f'.repeat(MAX_MESSAGE_BYTES - 500));
  const early = struct('Device.A.Password', 'early-secret');
  const straddling = struct('Device.B.KeyPassphrase', `straddling-${'s'.repeat(40_000)}`);
  const log = new MessageLog();
  log.add('cpe', 'GetParameterValuesResponse', `<x>${early}${filler}${straddling}${struct('Device.C.Password', 'late-secret')}</x>`);
  const [m] = toSessionMessages(log.take());
  assert.equal(m?.truncated, true);
  assert.ok(!m?.soap.includes('early-secret'));
  assert.ok(!m?.soap.includes('straddling'), 'the cut part of a secret is masked too');
  assert.ok(m?.soap.endsWith(`>${MASK}`), 'the cut ends in the masked value');
  assert.ok(Buffer.byteLength(m?.soap ?? '') <= MAX_MESSAGE_BYTES);
});

test('a plain periodic session is not kept unless asked; anything more is', () => {
  const plain = (): MessageLog => {
    const log = new MessageLog();
    log.add('cpe', 'Inform', '<Inform/>', true);
    log.add('acs', 'InformResponse', '<InformResponse/>');
    log.add('cpe', 'empty', '');
    log.add('acs', 'empty', '');
    return log;
  };
  const ok = { outcome: 'ok', warnings: 0 };
  assert.equal(keepSessionLog(plain().take(), ok, false), false);
  assert.equal(keepSessionLog(plain().take(), ok, true), true);
  assert.equal(keepSessionLog(plain().take(), { outcome: 'ok', warnings: 1 }, false), true, 'a warning is worth seeing');
  assert.equal(keepSessionLog(plain().take(), { outcome: 'timeout', warnings: 0 }, false), true);
  const boot = new MessageLog();
  boot.add('cpe', 'Inform', '<Inform/>', false);
  boot.add('acs', 'InformResponse', '<InformResponse/>');
  boot.add('cpe', 'empty', '');
  boot.add('acs', 'empty', '');
  assert.equal(keepSessionLog(boot.take(), ok, false), true, 'a BOOT Inform is kept');
  const task = plain();
  task.add('acs', 'Reboot', '<Reboot/>');
  assert.equal(keepSessionLog(task.take(), ok, false), true);
});

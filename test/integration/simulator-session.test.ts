import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator } from '../../electron/simulator/simulator.ts';
import { ScriptedAcs, eventCodes, find, findAll, rpc } from './simulator-acs-helper.ts';

const GPV = rpc(
  'GetParameterValues',
  '<ParameterNames SOAP-ENC:arrayType="xsd:string[1]"><string>Device.DeviceInfo.</string></ParameterNames>',
);
const SPV = rpc(
  'SetParameterValues',
  '<ParameterList SOAP-ENC:arrayType="cwmp:ParameterValueStruct[1]"><ParameterValueStruct><Name>Device.WiFi.SSID.1.SSID</Name>' +
    '<Value xsi:type="xsd:string">Office &amp; Lab</Value></ParameterValueStruct></ParameterList><ParameterKey>pk-1</ParameterKey>',
);

test('a bootstrap session informs, answers GetParameterValues and SetParameterValues, and ends on 204', async (t) => {
  const acs = await ScriptedAcs.start();
  const sim = await startSimulator({ acsUrl: acs.url, model: 'tr181', serial: 'SESSION-1', connectionRequest: false });
  t.after(async () => Promise.all([sim.close(), acs.close()]));
  acs.queue(GPV, SPV);

  const report = await sim.runSession();

  assert.equal(report.ok, true, report.error);
  assert.deepEqual(report.statuses, [200, 200, 200, 204]);
  assert.deepEqual(report.rpcs, ['GetParameterValues', 'SetParameterValues']);
  assert.deepEqual(report.events, ['0 BOOTSTRAP', '1 BOOT']);
  const inform = acs.informs()[0];
  assert.equal(find(inform, 'SerialNumber')?.text, 'SESSION-1');
  assert.equal(find(inform, 'OUI')?.text, '0A1B2C');
  assert.deepEqual(eventCodes(inform), ['0 BOOTSTRAP', '1 BOOT']);
  const names = findAll(inform, 'Name').map((n) => n.text);
  assert.ok(names.includes('Device.ManagementServer.ConnectionRequestURL'));
  assert.ok(names.includes('Device.RootDataModelVersion'));

  const gpv = acs.received.find((r) => r.kind === 'GetParameterValuesResponse');
  assert.equal(find(gpv?.root, 'ID')?.text, 'acs-GetParameterValues', 'the response echoes the request cwmp:ID');
  assert.ok(findAll(gpv?.root, 'Name').some((n) => n.text === 'Device.DeviceInfo.SoftwareVersion'));
  assert.equal(find(acs.received.find((r) => r.kind === 'SetParameterValuesResponse')?.root, 'Status')?.text, '0');
  assert.equal(sim.model.value('Device.WiFi.SSID.1.SSID'), 'Office & Lab');
  assert.equal(sim.model.value('Device.ManagementServer.ParameterKey'), 'pk-1');
});

test('the session keeps one TCP connection and echoes the ACS cookie', async (t) => {
  const acs = await ScriptedAcs.start();
  const sim = await startSimulator({ acsUrl: acs.url, connectionRequest: false });
  t.after(async () => Promise.all([sim.close(), acs.close()]));
  acs.queue(GPV);
  await sim.runSession();
  const [first, ...rest] = acs.received;
  assert.ok(first);
  assert.equal(first.headers.cookie, undefined);
  for (const r of rest) {
    assert.equal(r.headers.cookie, 'session=s3ss10n');
    assert.equal(r.socket, first.socket);
  }
  assert.equal(acs.received.at(-1)?.kind, 'GetParameterValuesResponse');
  assert.equal(acs.received[1]?.kind, 'empty');
});

test('a second session informs 1 BOOT only once bootstrap was acknowledged, then 2 PERIODIC', async (t) => {
  const acs = await ScriptedAcs.start();
  const sim = await startSimulator({ acsUrl: acs.url, connectionRequest: false });
  t.after(async () => Promise.all([sim.close(), acs.close()]));
  await sim.runSession();
  const report = await sim.runSession(['2 PERIODIC']);
  assert.deepEqual(report.events, ['2 PERIODIC']);
});

test('Digest authentication: answers the 401 challenge and reuses the nonce', async (t) => {
  const acs = await ScriptedAcs.start({ auth: { scheme: 'Digest', username: 'cpe', password: 's3cret' } });
  const sim = await startSimulator({ acsUrl: acs.url, username: 'cpe', password: 's3cret', connectionRequest: false });
  t.after(async () => Promise.all([sim.close(), acs.close()]));
  acs.queue(GPV);
  const report = await sim.runSession();
  assert.equal(report.ok, true, report.error);
  assert.deepEqual(report.statuses, [401, 200, 200, 204], 'the challenge, then the nonce is reused without a new 401');
  const ncs = acs.received.map((r) => /nc=(\w+)/.exec(r.headers.authorization ?? '')?.[1]);
  assert.deepEqual(ncs, ['00000001', '00000002', '00000003']);
});

test('Digest authentication with a wrong password fails with a clear error', async (t) => {
  const acs = await ScriptedAcs.start({ auth: { scheme: 'Digest', username: 'cpe', password: 's3cret' } });
  const sim = await startSimulator({ acsUrl: acs.url, username: 'cpe', password: 'wrong', connectionRequest: false, autoSessions: false });
  t.after(async () => Promise.all([sim.close(), acs.close()]));
  const report = await sim.runSession();
  assert.equal(report.ok, false);
  assert.match(report.error ?? '', /Inform to http:\/\/127\.0\.0\.1:\d+\/acs failed: 401 credentials rejected/);
});

test('Basic authentication and no credentials at all', async (t) => {
  const acs = await ScriptedAcs.start({ auth: { scheme: 'Basic', username: 'cpe', password: 'pw' } });
  const good = await startSimulator({ acsUrl: acs.url, username: 'cpe', password: 'pw', connectionRequest: false });
  const none = await startSimulator({ acsUrl: acs.url, connectionRequest: false, autoSessions: false });
  t.after(async () => Promise.all([good.close(), none.close(), acs.close()]));
  assert.equal((await good.runSession()).ok, true);
  const failed = await none.runSession();
  assert.match(failed.error ?? '', /401 challenge not answered: no credentials configured/);
  assert.deepEqual(
    none.cpe.events.list().map((e) => e.code),
    ['0 BOOTSTRAP', '1 BOOT'],
    'undelivered events are kept',
  );
});

test('503 with Retry-After: waits, then informs again with RetryCount 1', async (t) => {
  const acs = await ScriptedAcs.start({ busy: { times: 1, retryAfter: '1' } });
  const sim = await startSimulator({ acsUrl: acs.url, connectionRequest: false });
  t.after(async () => Promise.all([sim.close(), acs.close()]));
  const started = Date.now();
  const report = await sim.runSession();
  assert.equal(report.ok, true, report.error);
  assert.ok(Date.now() - started >= 950, 'waited for Retry-After');
  const [first, second] = acs.informs();
  assert.equal(find(first, 'RetryCount')?.text, '0');
  assert.equal(find(second, 'RetryCount')?.text, '1');
  assert.equal(sim.sessions.length, 1);
});

test('an unknown ACS method is answered with Fault 9000 and the session goes on', async (t) => {
  const acs = await ScriptedAcs.start();
  const sim = await startSimulator({ acsUrl: acs.url, connectionRequest: false });
  t.after(async () => Promise.all([sim.close(), acs.close()]));
  acs.queue(rpc('X_VENDOR_Frobnicate'), rpc('GetRPCMethods'));
  const report = await sim.runSession();
  assert.equal(report.ok, true, report.error);
  assert.deepEqual(report.faults, [{ rpc: 'X_VENDOR_Frobnicate', code: 9000 }]);
  const fault = acs.received.find((r) => r.kind === 'Fault');
  assert.equal(find(fault?.root, 'FaultCode')?.text, '9000');
  assert.equal(find(fault?.root, 'faultcode')?.text, 'Client');
  const methods = findAll(acs.received.at(-1)?.root, 'string').map((s) => s.text);
  assert.ok(methods.includes('GetParameterNames') && methods.includes('ScheduleInform'));
});

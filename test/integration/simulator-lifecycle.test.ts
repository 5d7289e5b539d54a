import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AuthClient } from '../../electron/core/http-auth/client.ts';
import { httpRequest, requestWithAuth } from '../../electron/simulator/http-util.ts';
import { startSimulator } from '../../electron/simulator/simulator.ts';
import { ScriptedAcs, eventCodes, find, findAll, rpc } from './simulator-acs-helper.ts';

const CR = { username: 'cr-user', password: 'cr-pass' };

test('connection request: Digest required, then a session with 6 CONNECTION REQUEST', async (t) => {
  const acs = await ScriptedAcs.start();
  const sim = await startSimulator({ acsUrl: acs.url, serial: 'CR-1', connectionRequest: CR });
  t.after(async () => Promise.all([sim.close(), acs.close()]));
  await sim.runSession();
  const url = new URL(sim.connectionRequestUrl ?? '');
  assert.equal(url.hostname, '127.0.0.1');
  assert.equal(sim.model.value('Device.ManagementServer.ConnectionRequestURL'), url.href);

  const anonymous = await httpRequest(url, { method: 'GET' });
  assert.equal(anonymous.status, 401);
  assert.match(anonymous.authenticate[0] ?? '', /^Digest .*qop="auth"/);
  const wrong = await requestWithAuth(url, { method: 'GET' }, new AuthClient(CR.username, 'nope'));
  assert.equal(wrong.status, 401);

  const next = sim.nextSession();
  const ok = await requestWithAuth(url, { method: 'GET' }, new AuthClient(CR.username, CR.password));
  assert.equal(ok.status, 200);
  const report = await next;
  assert.equal(report.ok, true, report.error);
  assert.deepEqual(report.events, ['6 CONNECTION REQUEST']);
});

test('connection request credentials follow SetParameterValues from the ACS', async (t) => {
  const acs = await ScriptedAcs.start();
  const sim = await startSimulator({ acsUrl: acs.url, connectionRequest: CR });
  t.after(async () => Promise.all([sim.close(), acs.close()]));
  acs.queue(
    rpc(
      'SetParameterValues',
      '<ParameterList><ParameterValueStruct><Name>Device.ManagementServer.ConnectionRequestPassword</Name><Value>n3w</Value></ParameterValueStruct></ParameterList><ParameterKey/>',
    ),
  );
  await sim.runSession();
  const url = new URL(sim.connectionRequestUrl ?? '');
  assert.equal((await requestWithAuth(url, { method: 'GET' }, new AuthClient(CR.username, CR.password))).status, 401);
  const next = sim.nextSession();
  assert.equal((await requestWithAuth(url, { method: 'GET' }, new AuthClient(CR.username, 'n3w'))).status, 200);
  await next;
});

test('Reboot: the next session informs M Reboot with the CommandKey and 1 BOOT', async (t) => {
  const acs = await ScriptedAcs.start();
  const sim = await startSimulator({ acsUrl: acs.url, connectionRequest: false });
  t.after(async () => Promise.all([sim.close(), acs.close()]));
  acs.queue(rpc('Reboot', '<CommandKey>rb-42</CommandKey>'));
  const next = (async () => {
    await sim.runSession();
    return sim.nextSession();
  })();
  const after = await next;
  assert.equal(after.ok, true, after.error);
  assert.deepEqual(after.events, ['M Reboot', '1 BOOT']);
  const inform = acs.informs()[1];
  const mReboot = findAll(inform, 'EventStruct').find((e) => find(e, 'EventCode')?.text === 'M Reboot');
  assert.equal(find(mReboot, 'CommandKey')?.text, 'rb-42');
});

test('FactoryReset restores the initial model and bootstraps again', async (t) => {
  const acs = await ScriptedAcs.start();
  const sim = await startSimulator({ acsUrl: acs.url, model: 'tr098', connectionRequest: false });
  t.after(async () => Promise.all([sim.close(), acs.close()]));
  const ssid = 'InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.SSID';
  acs.queue(
    rpc(
      'SetParameterValues',
      `<ParameterList><ParameterValueStruct><Name>${ssid}</Name><Value>Changed</Value></ParameterValueStruct></ParameterList><ParameterKey>k</ParameterKey>`,
    ),
    rpc('FactoryReset'),
  );
  const next = sim.runSession().then(() => sim.nextSession());
  const after = await next;
  assert.deepEqual(after.events, ['0 BOOTSTRAP', '1 BOOT']);
  assert.equal(sim.model.value(ssid), 'DeskACS-2G');
  assert.equal(sim.model.value('InternetGatewayDevice.ManagementServer.URL'), acs.url, 'the ACS URL survives the reset');
});

test('Download: status 1, then TransferComplete in a new session (success, 404 -> 9016, refused -> 9015)', async (t) => {
  const acs = await ScriptedAcs.start({ files: { 'fw.bin': 'SoftwareVersion=2.0.0\nbinary' } });
  const sim = await startSimulator({ acsUrl: acs.url, connectionRequest: false });
  const closed = http.createServer();
  await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
  const deadPort = (closed.address() as AddressInfo).port;
  await new Promise<void>((r) => closed.close(() => r()));
  t.after(async () => Promise.all([sim.close(), acs.close()]));
  const download = (key: string, url: string): string =>
    rpc(
      'Download',
      `<CommandKey>${key}</CommandKey><FileType>1 Firmware Upgrade Image</FileType><URL>${url}</URL><Username/><Password/><FileSize>0</FileSize><TargetFileName/><DelaySeconds>0</DelaySeconds><SuccessURL/><FailureURL/>`,
    );
  acs.queue(
    download('ok', `${acs.base}/files/fw.bin`),
    download('missing', `${acs.base}/files/none.bin`),
    download('dead', `http://127.0.0.1:${deadPort}/x`),
  );
  const first = await sim.runSession();
  assert.deepEqual(first.rpcs, ['Download', 'Download', 'Download']);
  const response = acs.received.find((r) => r.kind === 'DownloadResponse');
  assert.equal(find(response?.root, 'Status')?.text, '1');
  await sim.idle();
  const completes = acs.received.filter((r) => r.kind === 'TransferComplete');
  const byKey = Object.fromEntries(completes.map((c) => [find(c.root, 'CommandKey')?.text, find(c.root, 'FaultCode')?.text]));
  assert.deepEqual(byKey, { ok: '0', missing: '9016', dead: '9015' });
  const codes = acs.informs().slice(1).flatMap(eventCodes);
  assert.ok(codes.includes('7 TRANSFER COMPLETE') && codes.includes('M Download'));
  assert.equal(sim.model.value('Device.DeviceInfo.SoftwareVersion'), '2.0.0');
});

test('Download with an ftp:// URL is refused at once with Fault 9013', async (t) => {
  const acs = await ScriptedAcs.start();
  const sim = await startSimulator({ acsUrl: acs.url, connectionRequest: false });
  t.after(async () => Promise.all([sim.close(), acs.close()]));
  acs.queue(
    rpc(
      'Download',
      '<CommandKey>f</CommandKey><FileType>1 Firmware Upgrade Image</FileType><URL>ftp://127.0.0.1/fw</URL><DelaySeconds>0</DelaySeconds>',
    ),
  );
  const report = await sim.runSession();
  assert.deepEqual(report.faults, [{ rpc: 'Download', code: 9013 }]);
});

test('Upload PUTs the configuration and reports TransferComplete with M Upload', async (t) => {
  const acs = await ScriptedAcs.start();
  const sim = await startSimulator({ acsUrl: acs.url, connectionRequest: false });
  t.after(async () => Promise.all([sim.close(), acs.close()]));
  acs.queue(
    rpc(
      'Upload',
      `<CommandKey>up</CommandKey><FileType>1 Vendor Configuration File</FileType><URL>${acs.base}/upload/cfg.csv</URL><Username/><Password/><DelaySeconds>0</DelaySeconds>`,
    ),
  );
  await sim.runSession();
  await sim.idle();
  assert.equal(acs.uploads.length, 1);
  assert.match(acs.uploads[0]?.body ?? '', /^# DESKACS-CONFIG model=\S+ version=\S+ serial=\S+\nDevice\.[^=\n]+=/);
  const tc = acs.received.find((r) => r.kind === 'TransferComplete');
  assert.equal(find(tc?.root, 'FaultCode')?.text, '0');
  assert.ok(eventCodes(acs.informs()[1]).includes('M Upload'));
});

test('ScheduleInform: after the delay, a session with 3 SCHEDULED and M ScheduleInform', async (t) => {
  const acs = await ScriptedAcs.start();
  const sim = await startSimulator({ acsUrl: acs.url, connectionRequest: false });
  t.after(async () => Promise.all([sim.close(), acs.close()]));
  acs.queue(rpc('ScheduleInform', '<DelaySeconds>1</DelaySeconds><CommandKey>sched</CommandKey>'));
  await sim.runSession();
  const report = await sim.nextSession();
  assert.deepEqual(report.events, ['3 SCHEDULED', 'M ScheduleInform']);
});

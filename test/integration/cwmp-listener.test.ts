import assert from 'node:assert/strict';
import { Agent } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { deflateSync, gzipSync } from 'node:zlib';
import { CpeConnection, send, startHarness, type Harness } from '../helpers/acs-harness.ts';
import { informXml, peek, rpcXml } from '../helpers/cpe-messages.ts';

const deviceIdOfSerial = (serial: string): string => `00AA11-HG1-${serial}`;

describe('CWMP listener over real HTTP', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h.close();
  });

  test('a periodic session: Inform -> InformResponse (cookie set, Content-Length, no XML declaration) -> empty POST -> 204', async () => {
    const cpe = new CpeConnection(h.cwmpUrl);
    const first = await cpe.post(informXml({ serial: 'S1', id: 'abc-1' }));
    assert.equal(first.status, 200);
    assert.equal(peek(first.body).method, 'InformResponse');
    assert.equal(peek(first.body).id, 'abc-1');
    assert.ok(!first.body.startsWith('<?xml'));
    assert.equal(first.headers['content-length'], String(Buffer.byteLength(first.body)));
    assert.equal(first.headers['transfer-encoding'], undefined);
    assert.match(String(first.headers['set-cookie']), /deskacs_session=[0-9a-f]{32}/);
    const second = await cpe.post('');
    assert.equal(second.status, 204);
    cpe.close();
    const device = h.store.devices.get(deviceIdOfSerial('S1'));
    assert.equal(device?.softwareVersion, 'V1.2.3');
    const sessions = h.store.sessions.listForDevice(deviceIdOfSerial('S1'), 5);
    assert.equal(sessions[0]?.outcome, 'ok');
    assert.equal(sessions[0]?.messages, 2);
  });

  test('a CPE that drops cookies is followed by its TCP connection', async () => {
    const cpe = new CpeConnection(h.cwmpUrl, false);
    assert.equal((await cpe.post(informXml({ serial: 'NOCOOKIE' }))).status, 200);
    h.store.tasks.enqueue(deviceIdOfSerial('NOCOOKIE'), 'getParameterValues', {
      name: 'getParameterValues',
      names: ['InternetGatewayDevice.DeviceInfo.UpTime'],
    });
    const req = await cpe.post('');
    assert.equal(req.status, 200);
    assert.equal(peek(req.body).method, 'GetParameterValues');
    const answer = rpcXml(
      '<cwmp:GetParameterValuesResponse><ParameterList enc:arrayType="cwmp:ParameterValueStruct[1]"><ParameterValueStruct>' +
        '<Name>InternetGatewayDevice.DeviceInfo.UpTime</Name><Value xsi:type="xsd:unsignedInt">42</Value></ParameterValueStruct></ParameterList>' +
        '</cwmp:GetParameterValuesResponse>',
      peek(req.body).id ?? '',
    );
    assert.equal((await cpe.post(answer)).status, 204);
    cpe.close();
    const row = h.store.parameters.get(deviceIdOfSerial('NOCOOKIE'), 'InternetGatewayDevice.DeviceInfo.UpTime');
    assert.equal(row?.value, '42');
    assert.equal(row?.type, 'xsd:unsignedInt');
    const [task] = h.store.tasks.listForDevice(deviceIdOfSerial('NOCOOKIE'));
    assert.equal(task?.status, 'done');
  });

  test('RFC 2109 cookies ($Version, quoted value, $Path) find the session across connections', async () => {
    const a = new CpeConnection(h.cwmpUrl, false);
    const first = await a.post(informXml({ serial: 'RFC2109' }));
    a.close();
    const token = /deskacs_session=([0-9a-f]+)/.exec(String(first.headers['set-cookie']))?.[1];
    const b = new CpeConnection(h.cwmpUrl, false);
    const res = await b.post('', { Cookie: `$Version="0"; deskacs_session="${token}"; $Path=/` });
    b.close();
    assert.equal(res.status, 204);
    assert.equal(h.store.sessions.listForDevice(deviceIdOfSerial('RFC2109'), 1)[0]?.outcome, 'ok');
  });

  test('gzip and deflate request bodies, and ISO-8859-1 text, are decoded', async () => {
    const gz = new CpeConnection(h.cwmpUrl);
    const r1 = await gz.post(gzipSync(informXml({ serial: 'GZIP' })), { 'Content-Encoding': 'gzip' });
    assert.equal(r1.status, 200);
    gz.close();
    const df = new CpeConnection(h.cwmpUrl);
    const latin = Buffer.from(
      informXml({ serial: 'LATIN', extraParams: [['InternetGatewayDevice.DeviceInfo.Description', 'Café']] }),
      'latin1',
    );
    const r2 = await df.post(deflateSync(latin), { 'Content-Encoding': 'deflate', 'Content-Type': 'text/xml; charset=ISO-8859-1' });
    assert.equal(r2.status, 200);
    df.close();
    assert.equal(h.store.parameters.get(deviceIdOfSerial('LATIN'), 'InternetGatewayDevice.DeviceInfo.Description')?.value, 'Café');
  });

  test('Expect: 100-continue and a chunked body are accepted', async () => {
    const body = Buffer.from(informXml({ serial: 'CHUNKED' }));
    const res = await new Promise<number>((resolve, reject) => {
      const agent = new Agent({ keepAlive: false });
      import('node:http').then(({ request }) => {
        const req = request(
          h.cwmpUrl,
          { method: 'POST', agent, headers: { 'Content-Type': 'text/xml', Expect: '100-continue', 'Transfer-Encoding': 'chunked' } },
          (r) => {
            r.resume();
            r.on('end', () => resolve(r.statusCode ?? 0));
          },
        );
        req.on('error', reject);
        req.on('continue', () => {
          req.write(body.subarray(0, 100));
          req.end(body.subarray(100));
        });
      }, reject);
    });
    assert.equal(res, 200);
    assert.ok(h.store.devices.get(deviceIdOfSerial('CHUNKED')));
  });

  test('methods other than POST get 405 with Allow: POST', async () => {
    const res = await send(h.cwmpUrl, 'GET', {}, null);
    assert.equal(res.status, 405);
    assert.equal(res.headers.allow, 'POST');
  });

  test('malformed XML and garbage bytes get 400 and leave no device behind', async () => {
    const before = h.store.devices.count();
    const cpe = new CpeConnection(h.cwmpUrl);
    const broken = informXml({ serial: 'BROKEN' }).replace('</DeviceId>', '');
    assert.equal((await cpe.post(broken)).status, 400);
    assert.equal((await cpe.post(Buffer.from([0xff, 0x00, 0x13, 0x37, 0x80]))).status, 400);
    cpe.close();
    assert.equal(h.store.devices.count(), before);
    assert.equal(h.store.devices.get(deviceIdOfSerial('BROKEN')), undefined);
  });

  test('a DTD (XXE, billion laughs) is refused with 400', async () => {
    const xxe = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]>' + informXml({ serial: 'XXE' });
    const res = await new CpeConnection(h.cwmpUrl).post(xxe);
    assert.equal(res.status, 400);
    assert.equal(h.store.devices.get(deviceIdOfSerial('XXE')), undefined);
  });

  test('an oversized body gets 413', async () => {
    const big = Buffer.alloc(9 * 1024 * 1024, 0x20);
    const res = await new CpeConnection(h.cwmpUrl).post(big);
    assert.equal(res.status, 413);
  });

  test('an unknown method inside a session gets SOAP Fault 8000 with the request ID; the session goes on', async () => {
    const cpe = new CpeConnection(h.cwmpUrl);
    await cpe.post(informXml({ serial: 'UNKNOWN' }));
    const res = await cpe.post(rpcXml('<cwmp:Frobnicate><X>1</X></cwmp:Frobnicate>', 'q-77'));
    assert.equal(res.status, 200);
    assert.equal(peek(res.body).method, 'Fault');
    assert.equal(peek(res.body).id, 'q-77');
    assert.match(res.body, /<FaultCode>8000<\/FaultCode>/);
    assert.equal((await cpe.post('')).status, 204);
    cpe.close();
  });

  test('an empty POST with no session gets 400; a request before Inform gets Fault 8003', async () => {
    assert.equal((await new CpeConnection(h.cwmpUrl).post('')).status, 400);
    const res = await new CpeConnection(h.cwmpUrl).post(rpcXml('<cwmp:GetRPCMethods></cwmp:GetRPCMethods>'));
    assert.equal(peek(res.body).method, 'Fault');
    assert.match(res.body, /<FaultCode>8003<\/FaultCode>/);
  });

  test('TransferComplete is answered and closes the Download task with the same CommandKey', async () => {
    const id = deviceIdOfSerial('TC');
    const cpe = new CpeConnection(h.cwmpUrl);
    await cpe.post(informXml({ serial: 'TC', events: ['7 TRANSFER COMPLETE', 'M Download'] }));
    const task = h.store.tasks.enqueue(
      id,
      'Download',
      { commandKey: 'fw-42', fileType: '1 Firmware Upgrade Image', url: 'http://127.0.0.1/fw.bin' },
      { commandKey: 'fw-42' },
    );
    h.store.tasks.markRunning(task.id, new Date());
    const tc = rpcXml(
      '<cwmp:TransferComplete><CommandKey>fw-42</CommandKey><FaultStruct><FaultCode>9010</FaultCode><FaultString>Download failed</FaultString></FaultStruct>' +
        '<StartTime>2026-11-21T10:00:00Z</StartTime><CompleteTime>2026-11-21T10:00:05Z</CompleteTime></cwmp:TransferComplete>',
      'tc-1',
    );
    const res = await cpe.post(tc);
    assert.equal(peek(res.body).method, 'TransferCompleteResponse');
    assert.equal((await cpe.post('')).status, 204);
    cpe.close();
    const after = h.store.tasks.get(task.id);
    assert.equal(after?.status, 'fault');
    assert.equal(after?.fault?.code, 9010);
    assert.equal(h.store.faults.listForDevice(id)[0]?.code, 9010);
  });

  test('RequestDownload and Kicked are answered and recorded with the device', async () => {
    const id = deviceIdOfSerial('ASKS');
    const cpe = new CpeConnection(h.cwmpUrl);
    await cpe.post(informXml({ serial: 'ASKS' }));
    const rd = await cpe.post(
      rpcXml(
        '<cwmp:RequestDownload><FileType>1 Firmware Upgrade Image</FileType><FileTypeArg enc:arrayType="cwmp:ArgStruct[1]"><ArgStruct><Name>Version</Name><Value>2.0</Value></ArgStruct></FileTypeArg></cwmp:RequestDownload>',
        'rd-1',
      ),
    );
    assert.equal(peek(rd.body).method, 'RequestDownloadResponse');
    const kicked = await cpe.post(
      rpcXml(
        '<cwmp:Kicked><Command>go</Command><Referer>r</Referer><Arg>a</Arg><Next>http://portal.example/next</Next></cwmp:Kicked>',
        'k-1',
      ),
    );
    assert.equal(peek(kicked.body).method, 'KickedResponse');
    assert.match(kicked.body, /<NextURL>http:\/\/portal.example\/next<\/NextURL>/);
    assert.equal((await cpe.post('')).status, 204);
    cpe.close();
    const recorded = h.store.cpeRequests.listForDevice(id, 10);
    assert.deepEqual(
      recorded.map((r) => r.method),
      ['Kicked', 'RequestDownload'],
    );
    assert.deepEqual((recorded[1]?.detail as { fileType: string } | undefined)?.fileType, '1 Firmware Upgrade Image');
  });

  test('a cookie naming no live session is ignored: the CPE is followed by its connection', async () => {
    const cpe = new CpeConnection(h.cwmpUrl, false);
    const bogus = { Cookie: 'deskacs_session=0123456789abcdef0123456789abcdef' };
    assert.equal((await cpe.post(informXml({ serial: 'BADCOOKIE' }), bogus)).status, 200);
    assert.equal((await cpe.post('', { Cookie: 'deskacs_session=%%%; junk' })).status, 204);
    cpe.close();
    assert.equal(h.store.sessions.listForDevice(deviceIdOfSerial('BADCOOKIE'), 1)[0]?.outcome, 'ok');
  });

  test('a CPE fault to a queued request is stored with the task', async () => {
    const id = deviceIdOfSerial('FAULTY');
    const cpe = new CpeConnection(h.cwmpUrl);
    await cpe.post(informXml({ serial: 'FAULTY' }));
    const task = h.store.tasks.enqueue(id, 'setParameterValues', {
      name: 'setParameterValues',
      values: [{ name: 'InternetGatewayDevice.DeviceInfo.UpTime', value: '1', type: 'xsd:unsignedInt' }],
    });
    const req = await cpe.post('');
    assert.equal(peek(req.body).method, 'SetParameterValues');
    const fault = rpcXml(
      '<s:Fault><faultcode>Client</faultcode><faultstring>CWMP fault</faultstring><detail><cwmp:Fault><FaultCode>9003</FaultCode><FaultString>Invalid arguments</FaultString>' +
        '<SetParameterValuesFault><ParameterName>InternetGatewayDevice.DeviceInfo.UpTime</ParameterName><FaultCode>9008</FaultCode><FaultString>read-only</FaultString></SetParameterValuesFault>' +
        '</cwmp:Fault></detail></s:Fault>',
      peek(req.body).id ?? '',
    );
    assert.equal((await cpe.post(fault)).status, 204);
    cpe.close();
    const after = h.store.tasks.get(task.id);
    assert.equal(after?.status, 'fault');
    assert.equal(after?.fault?.code, 9003);
    assert.match(JSON.stringify(after?.fault?.detail), /9008/);
    // The fault is explained in plain language, with a suggested fix.
    const detail = after?.fault?.detail as { suggestedFix?: string } | undefined;
    assert.ok(detail, 'the fault has a detail');
    assert.match(String(detail.suggestedFix), /\w/);
  });

  test('a CPE that answers the wrong RPC fails that task with a clear message; the session goes on', async () => {
    const id = deviceIdOfSerial('WRONGRPC');
    const cpe = new CpeConnection(h.cwmpUrl);
    await cpe.post(informXml({ serial: 'WRONGRPC' }));
    const task = h.store.tasks.enqueue(id, 'reboot', { name: 'reboot' }, { commandKey: 'k1' });
    const req = await cpe.post('');
    assert.equal(peek(req.body).method, 'Reboot');
    const wrong = rpcXml(
      '<cwmp:GetRPCMethodsResponse><MethodList enc:arrayType="xsd:string[1]"><string>Inform</string></MethodList></cwmp:GetRPCMethodsResponse>',
      peek(req.body).id ?? '',
    );
    assert.equal((await cpe.post(wrong)).status, 204);
    cpe.close();
    const after = h.store.tasks.get(task.id);
    assert.equal(after?.status, 'fault');
    assert.match(after?.fault?.message ?? '', /answered Reboot with GetRPCMethodsResponse/);
  });
});

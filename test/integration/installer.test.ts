// The installer mode's core on a real ACS with simulated CPEs: a device bound by its serial gets
// its subscriber's PPPoE and Wi-Fi through a profile (asserted on the simulator's own tree); the
// waiting list shows new and unbound devices with a suggested subscriber; the handover sets the
// production ACS URL and periodic inform on the simulator; the report (HTML and a real PDF)
// holds the device, the subscriber and the steps, with every secret masked.
import assert from 'node:assert/strict';
import { inflateSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import type { CreateTaskResult } from '../../shared/models.ts';
import type { ProvisioningReport, WaitingDevice } from '../../shared/models-provisioning.ts';
import { startSimulator, type SimulatorHandle } from '../../electron/simulator/index.ts';
import { storePath } from '../../electron/core/store/data-dir.ts';
import { apiGet, apiPost } from '../helpers/acs-harness.ts';
import { apiRaw, startSubscriberHarness, type SubscriberHarness } from './subscribers-helpers.ts';

const CR = { username: 'cr-user', password: 'cr-secret' };
const SECRETS = { ppp: 'inst-ppp-Pass9', wifi: 'inst-wifi-Key9' };
const PROD_URL = 'https://acs.production.example:7548/cwmp';

/** The text a PDF shows: its content streams inflated, the hex and literal strings of its text operators decoded. */
function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  let text = '';
  for (const m of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    const body = Buffer.from(m[1] ?? '', 'latin1');
    let content: string;
    try {
      content = inflateSync(body).toString('latin1');
    } catch {
      content = body.toString('latin1');
    }
    for (const t of content.matchAll(/<([0-9a-fA-F]+)>|\(((?:\\.|[^\\)])*)\)/g)) {
      text += t[1] !== undefined ? Buffer.from(t[1], 'hex').toString('latin1') : (t[2] ?? '');
    }
    text += '\n';
  }
  return text;
}

describe('installer mode', () => {
  let h: SubscriberHarness;
  const sims: SimulatorHandle[] = [];
  let bound = '';
  let sim: SimulatorHandle;

  const deviceIdOf = (serial: string): string => {
    const d = h.store.devices.search({ q: serial }).items.find((x) => x.serialNumber === serial);
    assert.ok(d, `device ${serial} did not inform`);
    return d.id;
  };
  async function boot(serial: string): Promise<SimulatorHandle> {
    const s = await startSimulator({ acsUrl: h.cwmpUrl, model: 'tr181', serial, connectionRequest: CR });
    sims.push(s);
    await s.idle();
    if (s.sessions.length === 0) await s.runSession();
    await s.idle();
    return s;
  }
  const waiting = async (query = ''): Promise<WaitingDevice[]> => {
    const r = await apiGet(h, `/api/installer/waiting${query}`);
    assert.equal(r.status, 200, JSON.stringify(r.json));
    return r.json as WaitingDevice[];
  };

  before(async () => {
    h = await startSubscriberHarness();
    const profile = await apiPost(h, '/api/profiles', {
      name: 'subscriber-basics',
      // The TR-181 gateways only: the TR-098 device of the handover test is left alone.
      match: { productClass: 'VG181' },
      set: {
        'wifi.ssid': '{{subscriber.wifiSsid}}',
        'wifi.key': '{{subscriber.wifiKey}}',
        'wan.pppoe.username': '{{subscriber.pppoeUsername}}',
        'wan.pppoe.password': '{{subscriber.pppoePassword}}',
      },
    });
    assert.equal(profile.status, 200, JSON.stringify(profile.json));
    const put = await apiPost(
      h,
      '/api/subscribers/ACC-7',
      {
        name: 'Installer <Ines> & Co',
        serial: 'INST-7',
        pppoeUsername: 'ines@isp',
        pppoePassword: SECRETS.ppp,
        wifiSsid: 'Ines-Home',
        wifiKey: SECRETS.wifi,
      },
      'PUT',
    );
    assert.equal(put.status, 200, JSON.stringify(put.json));
  });
  after(async () => {
    for (const s of sims) await s.close();
    await h?.close();
  });

  test("a device bound by serial gets its subscriber's PPPoE and Wi-Fi", async () => {
    sim = await boot('INST-7');
    bound = deviceIdOf('INST-7');
    assert.equal(h.store.subscribers.get('ACC-7')?.deviceId, bound);
    assert.equal(sim.model.value('Device.WiFi.SSID.1.SSID'), 'Ines-Home');
    assert.equal(sim.model.value('Device.WiFi.AccessPoint.1.Security.KeyPassphrase'), SECRETS.wifi);
    assert.equal(sim.model.value('Device.PPP.Interface.1.Username'), 'ines@isp');
    assert.equal(sim.model.value('Device.PPP.Interface.1.Password'), SECRETS.ppp);
  });

  test('waiting devices: new or unbound, newest first, with a suggested subscriber', async () => {
    await boot('WAIT-1');
    const unboundId = deviceIdOf('WAIT-1');
    await apiPost(h, '/api/subscribers/ACC-8', { name: 'Waiting Walt', serial: 'wait-1' }, 'PUT');
    const list = await waiting();
    assert.deepEqual(
      list.map((d) => [d.deviceId, d.subscriber?.accountId ?? null, d.suggested]),
      [
        [unboundId, null, 'ACC-8'],
        [bound, 'ACC-7', null],
      ],
    );
    assert.equal(list[0]?.serialNumber, 'WAIT-1');
    assert.equal(list[0]?.online, true);
    assert.deepEqual(
      (await waiting('?limit=1')).map((d) => d.deviceId),
      [unboundId],
    );

    // Both first informed long ago: the bound one is no longer waiting, the unbound one still is.
    const db = new Database(storePath(h.dataDir, process.platform));
    try {
      db.prepare("UPDATE devices SET first_seen = '2020-01-01T00:00:00.000Z'").run();
    } finally {
      db.close();
    }
    assert.deepEqual(
      (await waiting('?hours=24')).map((d) => d.deviceId),
      [unboundId],
    );
    const bad = await apiGet(h, '/api/installer/waiting?hours=0');
    assert.equal(bad.status, 400);
  });

  test('the report holds the device, the subscriber and the steps, with secrets masked', async () => {
    const r = await apiGet(h, `/api/devices/${encodeURIComponent(bound)}/provisioning/report?format=html`);
    assert.equal(r.status, 200, JSON.stringify(r.json));
    const report = r.json as ProvisioningReport;
    assert.equal(report.deviceId, bound);
    assert.ok(!Number.isNaN(Date.parse(report.generatedAt)));
    const html = report.html;
    assert.match(html, /^<!DOCTYPE html>/);
    assert.match(html, /<style>[\s\S]*@media print/);
    assert.ok(html.includes('INST-7'));
    assert.ok(html.includes('ACC-7'));
    assert.ok(html.includes('Installer &lt;Ines&gt; &amp; Co'), 'text is escaped');
    assert.ok(html.includes('Ines-Home'));
    assert.ok(html.includes('ines@isp'));
    assert.ok(html.includes('••••••'));
    assert.ok(html.includes('subscriber-basics'));
    assert.ok(html.includes('Settings applied') && html.includes('Checks'));
    for (const secret of Object.values(SECRETS)) assert.equal(html.includes(secret), false, `${secret} in the report`);
    // Self-contained: no script, no external resource.
    assert.equal(/<script|\ssrc=|<link/i.test(html), false);
    const missing = await apiGet(h, '/api/devices/nope/provisioning/report');
    assert.equal(missing.status, 404);
  });

  test('the PDF report is a real PDF with the device and no secret', async () => {
    const path = `/api/devices/${encodeURIComponent(bound)}/provisioning/report.pdf`;
    const r = await apiRaw(h, 'GET', path, null);
    assert.equal(r.status, 200);
    assert.equal(r.headers['content-type'], 'application/pdf');
    const res = await fetch(`${h.apiUrl}${path}`, { headers: { Authorization: `Bearer ${h.acs.info.apiToken}` } });
    const pdf = Buffer.from(await res.arrayBuffer());
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.match(pdf.subarray(-32).toString('latin1'), /%%EOF\s*$/);
    const pages = /\/Type \/Pages[\s\S]*?\/Count (\d+)/.exec(pdf.toString('latin1'));
    assert.ok(pages !== null && Number(pages[1]) >= 1, 'a page tree with pages');
    const text = pdfText(pdf);
    assert.ok(text.includes('INST-7'), 'the serial is printed');
    assert.ok(text.includes('ACC-7'));
    assert.ok(text.includes('Ines-Home'));
    for (const secret of Object.values(SECRETS)) assert.equal(text.includes(secret), false, `${secret} in the PDF`);
    const anonymous = await fetch(`${h.apiUrl}${path}`);
    assert.equal(anonymous.status, 401);
    const missing = await apiRaw(h, 'GET', '/api/devices/nope/provisioning/report.pdf', null);
    assert.equal(missing.status, 404);

    // Through the contract too (the desktop app's window cannot fetch the raw route): base64.
    const viaContract = await apiGet(h, `/api/devices/${encodeURIComponent(bound)}/provisioning/report?format=pdf`);
    assert.equal(viaContract.status, 200);
    const decoded = Buffer.from((viaContract.json as ProvisioningReport).pdfBase64 ?? '', 'base64');
    assert.equal(decoded.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.ok(pdfText(decoded).includes('INST-7'));
  });

  test('handover sets the production ACS URL and periodic inform on the device', async () => {
    const put = await apiPost(h, `/api/devices/${encodeURIComponent(bound)}/credentials`, CR, 'PUT');
    assert.equal(put.status, 200);
    const r = await apiPost(h, `/api/devices/${encodeURIComponent(bound)}/handover`, {
      url: PROD_URL,
      periodicInformInterval: 1800,
      connectionRequest: true,
      waitSeconds: 30,
    });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    const result = r.json as CreateTaskResult;
    await sim.idle();
    const task = h.store.tasks.get(result.task.id);
    assert.equal(task?.status, 'done', JSON.stringify(task?.fault));
    assert.equal(task?.name, 'setParameterValues');
    assert.deepEqual(
      ((task?.args ?? { values: [] }) as { values: { name: string; value: string }[] }).values.map((v) => [v.name, v.value]).sort(),
      [
        ['Device.ManagementServer.PeriodicInformEnable', 'true'],
        ['Device.ManagementServer.PeriodicInformInterval', '1800'],
        ['Device.ManagementServer.URL', PROD_URL],
      ],
    );
    assert.equal(sim.model.value('Device.ManagementServer.URL'), PROD_URL);
    assert.equal(sim.model.value('Device.ManagementServer.PeriodicInformInterval'), '1800');
    assert.equal(sim.model.value('Device.ManagementServer.PeriodicInformEnable'), 'true');
    const report = (await apiGet(h, `/api/devices/${encodeURIComponent(bound)}/provisioning/report`)).json as ProvisioningReport;
    assert.match(report.html, /<h2>Handover<\/h2>.*Production ACS.*acs\.production\.example.*done/s);

    const bad = await apiPost(h, `/api/devices/${encodeURIComponent(bound)}/handover`, { url: 'acs.example' });
    assert.equal(bad.status, 400);
    assert.match(JSON.stringify(bad.json), /'url' must be an http:\/\/ or https:\/\/ URL/);
  });
  test('handover of a TR-098 device never read: a refresh first, then the URL at its next sessions', async () => {
    const s098 = await startSimulator({ acsUrl: h.cwmpUrl, model: 'tr098', serial: 'HAND-098' });
    sims.push(s098);
    await s098.idle();
    if (s098.sessions.length === 0) await s098.runSession();
    await s098.idle();
    const id = deviceIdOf('HAND-098');
    const path = `/api/devices/${encodeURIComponent(id)}/handover`;
    const first = await apiPost(h, path, { url: PROD_URL });
    assert.equal(first.status, 409, JSON.stringify(first.json));
    assert.match(
      JSON.stringify(first.json),
      /InternetGatewayDevice\.ManagementServer\. was never read: a refresh of it is queued \(task \d+\)/,
    );
    await s098.runSession();
    await s098.idle();
    const second = await apiPost(h, path, { url: PROD_URL });
    assert.equal(second.status, 200, JSON.stringify(second.json));
    const taskId = (second.json as CreateTaskResult).task.id;
    assert.equal(h.store.tasks.get(taskId)?.status, 'queued');
    await s098.runSession();
    await s098.idle();
    assert.equal(h.store.tasks.get(taskId)?.status, 'done');
    assert.equal(s098.model.value('InternetGatewayDevice.ManagementServer.URL'), PROD_URL);
  });
});

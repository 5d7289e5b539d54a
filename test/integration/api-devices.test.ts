import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { DeviceDetail, DeviceSummary, Page, ParameterRow } from '../../shared/models.ts';
import { apiGet, CpeConnection, send, startHarness, type Harness } from '../helpers/acs-harness.ts';
import { informXml } from '../helpers/cpe-messages.ts';

describe('JSON API: devices', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
    for (const [serial, ip] of [
      ['ALPHA-1', '198.51.100.7'],
      ['ALPHA-2', '198.51.100.8'],
      ['BETA-1', '203.0.113.9'],
    ] as const) {
      const cpe = new CpeConnection(h.cwmpUrl);
      await cpe.post(
        informXml({
          serial,
          events: ['0 BOOTSTRAP', '1 BOOT'],
          extraParams: [['InternetGatewayDevice.WANDevice.1.WANConnectionDevice.1.WANIPConnection.1.ExternalIPAddress', ip]],
        }),
      );
      await cpe.post('');
      cpe.close();
    }
  });
  after(async () => {
    await h.close();
  });

  test('every API request needs the bearer token', async () => {
    const none = await send(`${h.apiUrl}/api/devices`, 'GET', {}, null);
    assert.equal(none.status, 401);
    assert.match(String(none.headers['www-authenticate']), /Bearer/);
    const wrong = await send(`${h.apiUrl}/api/devices`, 'GET', { Authorization: 'Bearer nope' }, null);
    assert.equal(wrong.status, 401);
    assert.deepEqual((JSON.parse(wrong.body) as { error: { code: string } }).error.code, 'unauthorized');
  });

  test('GET /api/devices lists devices with their fields; q searches serial and IP', async () => {
    const all = (await apiGet(h, '/api/devices')).json as Page<DeviceSummary>;
    assert.equal(all.total, 3);
    const alpha = (await apiGet(h, '/api/devices?q=alpha')).json as Page<DeviceSummary>;
    assert.deepEqual(alpha.items.map((d) => d.serialNumber).sort(), ['ALPHA-1', 'ALPHA-2']);
    const byIp = (await apiGet(h, '/api/devices?q=203.0.113')).json as Page<DeviceSummary>;
    assert.deepEqual(
      byIp.items.map((d) => d.serialNumber),
      ['BETA-1'],
    );
    const d = byIp.items[0];
    assert.equal(d?.ipAddress, '203.0.113.9');
    assert.equal(d?.softwareVersion, 'V1.2.3');
    assert.equal(d?.rootObject, 'InternetGatewayDevice');
    assert.ok(d?.lastBoot !== null);
  });

  test('search by the exact value of a parameter', async () => {
    const ip = 'InternetGatewayDevice.WANDevice.1.WANConnectionDevice.1.WANIPConnection.1.ExternalIPAddress';
    const r = (await apiGet(h, `/api/devices?param=${encodeURIComponent(ip)}&value=198.51.100.8`)).json as Page<DeviceSummary>;
    assert.deepEqual(
      r.items.map((d) => d.serialNumber),
      ['ALPHA-2'],
    );
    assert.equal(r.total, 1);
    assert.equal((await apiGet(h, `/api/devices?param=${encodeURIComponent(ip)}`)).status, 400);
  });

  test('paging with offset and limit', async () => {
    const p1 = (await apiGet(h, '/api/devices?limit=2')).json as Page<DeviceSummary>;
    const p2 = (await apiGet(h, '/api/devices?limit=2&offset=2')).json as Page<DeviceSummary>;
    assert.equal(p1.items.length, 2);
    assert.equal(p2.items.length, 1);
    assert.equal(new Set([...p1.items, ...p2.items].map((d) => d.id)).size, 3);
  });

  test('bad paging values get 400 with a message', async () => {
    const r = await apiGet(h, '/api/devices?limit=abc');
    assert.equal(r.status, 400);
    assert.match((r.json as { error: { message: string } }).error.message, /limit/);
  });

  test('GET /api/devices/:id gives the summary with recent sessions and events', async () => {
    const r = await apiGet(h, `/api/devices/${encodeURIComponent('00AA11-HG1-ALPHA%2D1')}`);
    assert.equal(r.status, 200);
    const d = r.json as DeviceDetail;
    assert.equal(d.serialNumber, 'ALPHA-1');
    assert.equal(d.sessions.length, 1);
    assert.equal(d.sessions[0]?.outcome, 'ok');
    assert.deepEqual(d.events.map((e) => e.code).sort(), ['0 BOOTSTRAP', '1 BOOT']);
    assert.equal(d.parameterCount, 5);
  });

  test('GET /api/devices/:id/parameters?prefix= returns the stored subtree', async () => {
    const id = encodeURIComponent('00AA11-HG1-BETA%2D1');
    const r = await apiGet(h, `/api/devices/${id}/parameters?prefix=InternetGatewayDevice.DeviceInfo.`);
    const rows = r.json as ParameterRow[];
    assert.deepEqual(
      rows.map((p) => p.path),
      ['InternetGatewayDevice.DeviceInfo.HardwareVersion', 'InternetGatewayDevice.DeviceInfo.SoftwareVersion'],
    );
    assert.equal(rows[1]?.value, 'V1.2.3');
  });

  test('an unknown device is 404; an unknown route is 404', async () => {
    assert.equal((await apiGet(h, '/api/devices/nope')).status, 404);
    assert.equal((await apiGet(h, '/api/devices/nope/parameters')).status, 404);
    assert.equal((await apiGet(h, '/api/nothing-here')).status, 404);
  });

  test('GET /api/info reports the server', async () => {
    const r = await apiGet(h, '/api/info');
    assert.equal((r.json as { devices: number }).devices, 3);
  });
});

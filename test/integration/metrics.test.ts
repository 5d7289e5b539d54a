// Health metrics over a compressed clock: simulator devices whose counters grow and whose Wi-Fi
// clients come and go, sampled by a GetParameterValues piggybacked on their periodic sessions,
// read back through the JSON API (raw for a day, hourly for longer ranges).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { DeviceMetricName, DeviceMetrics, FleetMetrics } from '../../shared/models-monitoring.ts';
import { send } from '../helpers/acs-harness.ts';
import { periodic, startMonitoredAcs, startMonitoredDevice, type MonitoredAcs } from './metrics-helpers.ts';

async function get<T>(m: MonitoredAcs, path: string): Promise<{ status: number; json: T }> {
  const res = await send(`${m.apiUrl}${path}`, 'GET', { Authorization: `Bearer ${m.acs.info.apiToken}` }, null);
  return { status: res.status, json: JSON.parse(res.body) as T };
}

describe('metrics sampled on periodic sessions', () => {
  let m: MonitoredAcs;
  before(async () => {
    m = await startMonitoredAcs();
  });
  after(async () => {
    await m.close();
  });

  test('tr181: throughput and per-band client series fill up; one sample per interval, after tasks', async () => {
    const { sim, deviceId } = await startMonitoredDevice(m, {
      serial: 'MET-181',
      health: { rxBytesPerSecond: 2_000_000, txBytesPerSecond: 500_000 },
    });
    const logged = m.store.sessionLogs.sessionIds(deviceId).length;
    const reports = [];
    for (let i = 0; i < 8; i++) reports.push(await periodic(m, sim, 300));
    // Each periodic session carried exactly one sampling request, after the Inform...
    for (const r of reports) assert.deepEqual(r.rpcs, ['GetParameterValues']);
    // ... and stayed a plain periodic session: no session log written for it.
    assert.equal(m.store.sessionLogs.sessionIds(deviceId).length, logged);
    // A second periodic session within the sampling interval carries none.
    const again = await periodic(m, sim, 10);
    assert.deepEqual(again.rpcs, []);
    // An operator task comes first and its session carries no sample.
    await m.acs.api.createTask({ id: deviceId, task: { name: 'getParameterValues', names: ['Device.DeviceInfo.UpTime'] } });
    const withTask = await periodic(m, sim, 600);
    assert.deepEqual(withTask.rpcs, ['GetParameterValues']);
    assert.equal(m.store.tasks.listForDevice(deviceId).filter((t) => t.status === 'done').length, 2);

    const id = encodeURIComponent(deviceId);
    const rx = await get<DeviceMetrics>(m, `/api/devices/${id}/metrics?name=wan.rx`);
    assert.equal(rx.status, 200, JSON.stringify(rx.json));
    assert.equal(rx.json.resolution, 'raw');
    assert.equal(rx.json.unit, 'bit/s');
    const points = rx.json.series[0]?.points ?? [];
    // The first reading is only a base; 7 rates follow.
    assert.equal(points.length, 7, JSON.stringify(rx.json));
    for (const p of points) assert.ok(Math.abs(p.v - 16_000_000) < 100_000, `rx ${p.v} bit/s, expected 16 Mbit/s`);
    const tx = await get<DeviceMetrics>(m, `/api/devices/${id}/metrics?name=wan.tx`);
    for (const p of tx.json.series[0]?.points ?? []) assert.ok(Math.abs(p.v - 4_000_000) < 50_000, `tx ${p.v}`);

    const clients = await get<DeviceMetrics>(m, `/api/devices/${id}/metrics?name=wifi.clients`);
    assert.deepEqual(clients.json.series.map((s) => s.part).sort(), ['2.4 GHz', '5 GHz']);
    for (const s of clients.json.series) assert.ok(s.points.length >= 8, `${s.part}: ${s.points.length} points`);

    // A long range is answered from hourly aggregates (min/avg/max).
    const from = new Date(m.clock.ms - 10 * 86_400_000).toISOString();
    const hourly = await get<DeviceMetrics>(m, `/api/devices/${id}/metrics?name=wan.rx&from=${encodeURIComponent(from)}`);
    assert.equal(hourly.json.resolution, 'hourly');
    const h = hourly.json.series[0]?.points ?? [];
    assert.ok(h.length >= 1 && h.every((p) => p.min !== undefined && p.max !== undefined && p.min <= p.v && p.v <= p.max));

    const names = await get<DeviceMetricName[]>(m, `/api/devices/${id}/metric-names`);
    const byName = new Map(names.json.map((n) => [n.name, n]));
    assert.equal(byName.get('wan.rx')?.available, true);
    // The WAN the summary card shows: the PPP interface of the built-in TR-181 model.
    assert.deepEqual(byName.get('wan.rx')?.paths, ['Device.PPP.Interface.1.Stats.BytesReceived']);
    assert.equal(byName.get('optical.rxPower')?.available, false);
    assert.match(byName.get('optical.rxPower')?.reason ?? '', /Device\.Optical\.Interface\.\*\.OpticalSignalLevel/);
    await sim.close();
  });

  test('tr098 32-bit counters that wrap, and a reboot that resets them: never a negative throughput', async () => {
    const { sim, deviceId } = await startMonitoredDevice(m, {
      serial: 'MET-098',
      model: 'tr098',
      // 1 MB/s on a 32-bit counter 400 MB below its end: the first periodic reading is 100 MB
      // below the end, the second one has wrapped.
      health: { counterBits: 32, rxBytesPerSecond: 1_000_000, startBytes: 2n ** 32n - 400_000_000n },
    });
    for (let i = 0; i < 4; i++) await periodic(m, sim, 300);
    sim.health?.rebooted();
    await periodic(m, sim, 300, ['1 BOOT', '2 PERIODIC']);
    for (let i = 0; i < 3; i++) await periodic(m, sim, 300);
    const rx = await m.acs.api.getDeviceMetrics({ id: deviceId, name: 'wan.rx' });
    const points = rx.series[0]?.points ?? [];
    // The first reading is the base; 3 rates before the reboot (the first across the wrap),
    // none for the reboot's interval (the counter restarted), 3 after.
    assert.equal(points.length, 6, JSON.stringify(rx));
    for (const p of points) assert.ok(Math.abs(p.v - 8_000_000) < 100_000, `throughput ${p.v} bit/s, expected 8 Mbit/s`);
    const counter = m.store.metrics.counter(deviceId, 'InternetGatewayDevice.WANDevice.1.WANCommonInterfaceConfig.TotalBytesReceived');
    assert.ok(counter !== undefined && BigInt(counter.value) < 2n ** 31n, 'the counter wrapped and restarted');
    await sim.close();
  });

  test('editable definitions: a new metric is sampled from the next session; bad input is refused', async () => {
    const { sim, deviceId } = await startMonitoredDevice(m, { serial: 'MET-DEF' });
    const defaults = await m.acs.api.getMetricDefinitions({});
    const custom = [
      ...defaults,
      {
        name: 'memory.total',
        label: 'Total memory',
        unit: 'KiB',
        kind: 'gauge' as const,
        aggregate: 'first' as const,
        sources: [{ path: 'Device.DeviceInfo.MemoryStatus.Total' }],
      },
    ];
    const saved = await m.acs.api.setMetricDefinitions({ definitions: custom });
    assert.equal(saved.length, defaults.length + 1);
    await periodic(m, sim, 300);
    const total = await m.acs.api.getDeviceMetrics({ id: deviceId, name: 'memory.total' });
    assert.deepEqual(
      total.series[0]?.points.map((p) => p.v),
      [262144],
    );
    const id = encodeURIComponent(deviceId);
    const badPath = await send(
      `${m.apiUrl}/api/metrics/definitions`,
      'PUT',
      { Authorization: `Bearer ${m.acs.info.apiToken}`, 'Content-Type': 'application/json' },
      Buffer.from(JSON.stringify({ definitions: [{ ...custom[0], sources: [{ path: 'Device.WiFi.' }] }] })),
    );
    assert.equal(badPath.status, 400);
    assert.match(badPath.body, /is not a parameter path/);
    const unknown = await get<{ error: { message: string } }>(m, `/api/devices/${id}/metrics?name=nope`);
    assert.equal(unknown.status, 400);
    assert.match(unknown.json.error.message, /no metric named 'nope'/);
    assert.equal((await get(m, '/api/devices/nobody/metrics?name=wan.rx')).status, 404);
    assert.equal((await get(m, `/api/devices/${id}/metrics?name=wan.rx&from=2026-03-03&to=2026-03-01`)).status, 400);
    // An empty list restores the defaults.
    assert.equal((await m.acs.api.setMetricDefinitions({ definitions: [] })).length, defaults.length);
    await sim.close();
  });

  test('fleet series: online devices sampled, informs per hour from the counter', async () => {
    m.monitoring.metrics.sampleFleet();
    const online = await get<FleetMetrics>(m, '/api/metrics/fleet?name=online');
    assert.equal(online.status, 200);
    assert.equal(online.json.points.length, 1);
    const informs = await get<FleetMetrics>(
      m,
      `/api/metrics/fleet?name=informsPerHour&from=${Date.now() - 3_600_000}&to=${Date.now() + 3_600_000}`,
    );
    assert.ok((informs.json.points[0]?.v ?? 0) > 0, JSON.stringify(informs.json));
    const bad = await get<{ code: string; message: string }>(m, '/api/metrics/fleet?name=cpu');
    assert.equal(bad.status, 400);
  });

  test('downsampling keeps hourly aggregates and prunes raw samples past their retention', async () => {
    const { sim, deviceId } = await startMonitoredDevice(m, { serial: 'MET-DS' });
    for (let i = 0; i < 6; i++) await periodic(m, sim, 1200);
    await m.monitoring.metrics.maintain(async () => {});
    const series = m.store.metrics.series(deviceId, 'uptime')[0];
    assert.ok(series);
    const before = m.store.metrics.raw(series.id, 0, Number.MAX_SAFE_INTEGER).length;
    const hours = m.store.metrics.hourly(series.id, 0, Number.MAX_SAFE_INTEGER);
    assert.ok(hours.length >= 1 && before >= 6);
    m.clock.advance(8 * 86_400);
    await m.monitoring.metrics.maintain(async () => {});
    assert.equal(m.store.metrics.raw(series.id, 0, Number.MAX_SAFE_INTEGER).length, 0);
    assert.ok(m.store.metrics.hourly(series.id, 0, Number.MAX_SAFE_INTEGER).length >= hours.length);
    await sim.close();
  });
});

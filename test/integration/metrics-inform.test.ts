// Metric values an Inform carries (forced inform parameters, active notification) are recorded
// without any request: once per sampling interval, and on every '4 VALUE CHANGE'; a '1 BOOT'
// restarts the counters (no rate across it).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { silentLogger } from '../../electron/core/log.ts';
import { DEFAULT_METRICS, defaultMetricSettings } from '../../electron/core/services/metrics/definitions.ts';
import { MetricSampler } from '../../electron/core/services/metrics/sampler.ts';
import { makeInform } from '../helpers/inform.ts';
import { tempStore } from '../helpers/temp-store.ts';

const UPTIME = 'InternetGatewayDevice.DeviceInfo.UpTime';
const RX = 'InternetGatewayDevice.WANDevice.1.WANCommonInterfaceConfig.TotalBytesReceived';

test('Inform values: recorded once per interval and on value changes; a boot restarts the counters', () => {
  const store = tempStore('metrics-inform');
  let now = Date.parse('2026-05-01T00:00:00Z');
  const at = (): Date => new Date(now);
  const inform = (events: string[], uptime: number, rx: number): void => {
    const msg = makeInform({
      serial: 'INF-1',
      events,
      parameters: [
        { name: UPTIME, value: String(uptime), type: 'xsd:unsignedInt' },
        { name: RX, value: String(rx), type: 'xsd:unsignedLong' },
      ],
    });
    store.transaction(() => {
      const r = store.informs.record({ inform: msg, remoteAddress: '127.0.0.1', cwmpVersion: '1.0', at: at(), warnings: [] });
      sampler.onInform(r.deviceId, msg);
    });
  };
  const sampler = new MetricSampler({
    store,
    log: silentLogger,
    now: at,
    definitions: () => DEFAULT_METRICS,
    settings: () => defaultMetricSettings,
  });
  inform(['0 BOOTSTRAP', '1 BOOT'], 10, 0);
  const id = store.devices.search({ q: 'INF-1' }).items[0]?.id ?? '';
  assert.notEqual(id, '');
  // The tree DeskACS knows of the device (as a refresh would have stored it).
  store.parameters.upsertValues(
    id,
    [
      { name: UPTIME, value: '10', type: 'xsd:unsignedInt' },
      { name: RX, value: '0', type: 'xsd:unsignedLong' },
    ],
    at(),
  );
  sampler.invalidate();
  const uptimePoints = (): number => store.metrics.raw(store.metrics.seriesId(id, 'uptime', ''), 0, 2 ** 40).length;
  const rates = (): number[] => store.metrics.raw(store.metrics.seriesId(id, 'wan.rx', ''), 0, 2 ** 40).map((p) => p.v);

  now += 60_000;
  inform(['2 PERIODIC'], 70, 1_000_000);
  assert.equal(uptimePoints(), 1);
  now += 60_000;
  inform(['2 PERIODIC'], 130, 2_000_000);
  assert.equal(uptimePoints(), 1, 'within the sampling interval: not kept');
  now += 60_000;
  inform(['4 VALUE CHANGE'], 190, 3_000_000);
  assert.equal(uptimePoints(), 2, 'a value change is kept');
  assert.deepEqual(rates(), [Math.round((2_000_000 * 8) / 120)]);
  now += 300_000;
  inform(['1 BOOT'], 5, 100);
  now += 300_000;
  inform(['2 PERIODIC'], 305, 3_000_100);
  // No rate across the reboot (the counter went back to 100); the next interval has one.
  assert.deepEqual(rates(), [Math.round((2_000_000 * 8) / 120), Math.round((3_000_000 * 8) / 300)]);
  assert.equal(sampler.takePending(id).length > 0, true);
});

// Metric paths found on devices built from real dumps (../shared/cwmp/datamodels; skipped with a
// message when absent): Huawei EG8145V5 (TR-098, GPON: X_GponInterafceConfig), TP-Link XX230v
// (TR-181 Device.Optical), TP-Link EX220 and ZTE H199A. Each device's periodic session carries one
// GetParameterValues of its resolved paths, which it answers without a fault, and the series fill.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadCsvModel, startSimulator } from '../../electron/simulator/index.ts';
import { periodic, startMonitoredAcs, type MonitoredAcs } from './metrics-helpers.ts';

const repoRoot = resolve(new URL('../..', import.meta.url).pathname);
const datamodels = resolve(repoRoot, '../shared/cwmp/datamodels');

const DUMPS: { file: string; expect: Record<string, string> }[] = [
  {
    file: 'device-00259E-EG8145V5-48575443A94196A5-2023-03-28T154335106Z.csv',
    expect: {
      'optical.rxPower': 'InternetGatewayDevice.WANDevice.1.X_GponInterafceConfig.RXPower',
      'wan.rx': 'InternetGatewayDevice.WANDevice.1.WANCommonInterfaceConfig.TotalBytesReceived',
      cpu: 'InternetGatewayDevice.DeviceInfo.ProcessStatus.CPUUsage',
    },
  },
  {
    file: 'device-1C61B4-XX230v-22275A7000395-2023-04-27T154050686Z.csv',
    expect: { 'optical.rxPower': 'Device.Optical.Interface.1.OpticalSignalLevel' },
  },
  {
    file: 'device-1C61B4-EX220-2226469000523.csv',
    expect: { 'wifi.clients': 'Device.WiFi.AccessPoint.1.AssociatedDeviceNumberOfEntries' },
  },
  {
    file: 'device-C0B101-ZXHN%20H199A-ZTEYH86LCN10105-2023-03-28T154022233Z.csv',
    expect: { 'wan.rx': 'InternetGatewayDevice.WANDevice.1.WANCommonInterfaceConfig.TotalBytesReceived' },
  },
];

describe('metrics on devices built from real dumps', () => {
  let m: MonitoredAcs;
  before(async () => {
    m = await startMonitoredAcs();
  });
  after(async () => {
    await m.close();
  });

  DUMPS.forEach(({ file, expect }, i) => {
    test(file, async (t) => {
      const path = join(datamodels, file);
      if (!existsSync(path)) {
        t.skip(`../shared/cwmp/datamodels not found at ${datamodels}`);
        return;
      }
      const serial = `DUMP-M${i}`;
      const sim = await startSimulator({
        acsUrl: m.cwmpUrl,
        model: loadCsvModel(readFileSync(path, 'utf8')),
        serial,
        autoSessions: false,
        connectionRequest: false,
      });
      try {
        assert.ok((await sim.runSession()).ok);
        const device = (await m.acs.api.listDevices({ q: serial })).items.find((d) => d.serialNumber === serial);
        assert.ok(device);
        await m.acs.api.createTask({ id: device.id, task: { name: 'refresh' } });
        assert.ok((await sim.runSession(['6 CONNECTION REQUEST'])).ok);
        const names = await m.acs.api.listMetricNames({ id: device.id });
        for (const [metric, firstPath] of Object.entries(expect)) {
          const n = names.find((x) => x.name === metric);
          assert.equal(n?.available, true, `${metric}: ${n?.reason}`);
          assert.equal(n?.paths[0], firstPath);
        }
        const report = await periodic(m, sim, 300);
        assert.deepEqual(report.rpcs, ['GetParameterValues']);
        assert.deepEqual(report.faults, []);
        const stored = new Set(m.store.metrics.series(device.id).map((s) => s.metric));
        for (const n of names.filter((x) => x.available)) {
          const def = (await m.acs.api.getMetricDefinitions({})).find((d) => d.name === n.name);
          // Counters give a rate from the second reading on; gauges are stored at once.
          if (def?.kind === 'gauge') assert.ok(stored.has(n.name), `${n.name} sampled`);
        }
      } finally {
        await sim.close();
      }
    });
  });
});

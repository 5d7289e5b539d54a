// Metric paths found on devices built from real dumps (../shared/cwmp/datamodels; skipped with a
// message when absent): Huawei EG8145V5 (TR-098, GPON: X_GponInterafceConfig), TP-Link XX230v
// (TR-181 Device.Optical, whose OpticalSignalLevel is a "0" placeholder: X_TP_GPON_Config's raw
// 0.1 uW readings are used, in dBm), Nokia G-1425G-A (X_ALU_OntOpticalParam), TP-Link EX220 and
// ZTE H199A. Each device's periodic session carries one GetParameterValues of its resolved paths,
// which it answers without a fault, and the series fill (optical values checked in dBm).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadCsvModel, startSimulator } from '../../electron/simulator/index.ts';
import { periodic, startMonitoredAcs, type MonitoredAcs } from './metrics-helpers.ts';

const repoRoot = resolve(new URL('../..', import.meta.url).pathname);
const datamodels = resolve(repoRoot, '../shared/cwmp/datamodels');

const DUMPS: { file: string; expect: Record<string, string>; dbm?: Record<string, number> }[] = [
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
    expect: {
      'optical.rxPower': 'Device.Optical.Interface.1.X_TP_GPON_Config.RXPower',
      'optical.txPower': 'Device.Optical.Interface.1.X_TP_GPON_Config.TXPower',
    },
    // RXPower 5624 and TXPower 14880 in 0.1 uW: 10*log10(0.5624 mW) and 10*log10(1.488 mW).
    dbm: { 'optical.rxPower': -2.5, 'optical.txPower': 1.73 },
  },
  {
    file: 'device-9075BC-G%2D1425G%2DA-ALCLFC265D6F-2023-03-28T160833431Z.csv',
    expect: {
      'optical.rxPower': 'InternetGatewayDevice.X_ALU_OntOpticalParam.RXPower',
      'optical.txPower': 'InternetGatewayDevice.X_ALU_OntOpticalParam.TXPower',
    },
    dbm: { 'optical.rxPower': -3.41, 'optical.txPower': 2.36 },
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

  DUMPS.forEach(({ file, expect, dbm }, i) => {
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
        for (const [metric, want] of Object.entries(dbm ?? {})) {
          const series = await m.acs.api.getDeviceMetrics({ id: device.id, name: metric });
          const v = series.series[0]?.points.at(-1)?.v;
          assert.ok(v !== undefined && Math.abs(v - want) < 0.02, `${metric}: ${v} dBm, expected about ${want}`);
        }
      } finally {
        await sim.close();
      }
    });
  });

  test('a definition restricted to a model applies to that model only', async (t) => {
    const serialOf = (file: string) => `DUMP-M${DUMPS.findIndex((d) => d.file === file)}`;
    const nokia = (await m.acs.api.listDevices({ q: serialOf(DUMPS[2]?.file ?? '') })).items[0];
    const huawei = (await m.acs.api.listDevices({ q: serialOf(DUMPS[0]?.file ?? '') })).items[0];
    if (nokia === undefined || huawei === undefined) {
      t.skip(`../shared/cwmp/datamodels not found at ${datamodels}`);
      return;
    }
    const uptime = { name: 'ont.uptime', label: 'ONT uptime', unit: 's', kind: 'gauge', aggregate: 'first' } as const;
    await m.acs.api.setMetricDefinitions({
      definitions: [{ ...uptime, models: [' G-1425G-A ', 'G-1425G-A'], sources: [{ path: 'InternetGatewayDevice.DeviceInfo.UpTime' }] }],
    });
    try {
      const saved = await m.acs.api.getMetricDefinitions({});
      assert.deepEqual(saved[0]?.models, ['G-1425G-A'], 'trimmed, once');
      const onNokia = (await m.acs.api.listMetricNames({ id: nokia.id })).find((n) => n.name === 'ont.uptime');
      assert.equal(onNokia?.available, true, onNokia?.reason ?? '');
      const onHuawei = (await m.acs.api.listMetricNames({ id: huawei.id })).find((n) => n.name === 'ont.uptime');
      assert.equal(onHuawei?.available, false);
      assert.match(onHuawei?.reason ?? '', /defined for G-1425G-A only, not EG8145V5/);
      await assert.rejects(
        m.acs.api.setMetricDefinitions({ definitions: [{ ...uptime, models: ['  '], sources: [{ path: 'Device.DeviceInfo.UpTime' }] }] }),
        /must not be empty/,
      );
    } finally {
      await m.acs.api.setMetricDefinitions({ definitions: [] });
    }
  });
});

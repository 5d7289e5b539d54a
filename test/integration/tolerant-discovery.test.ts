// Tolerant discovery for broken CPEs (issue #13, item 6), through the real listener, store and
// simulator: a CPE that drops the session on a partial-path GetParameterValues, one whose
// GetParameterNames lists parameters only, answers carrying parameters nobody asked for, leaving
// names out or answering an object as a value; every task keeps its RPCs; the device summary
// follows stored values.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../../electron/core/acs-types.ts';
import { startSimulator, type SimulatorHandle } from '../../electron/simulator/index.ts';
import type { SessionReport } from '../../electron/simulator/session-client.ts';
import type { CreateTaskResult, DeviceDetail, TaskRecord } from '../../shared/models.ts';
import { apiGet, apiPost, CpeConnection, startHarness, type Harness } from '../helpers/acs-harness.ts';
import { informXml, peek, rpcXml } from '../helpers/cpe-messages.ts';

interface Logged {
  msg: string;
  fields: Record<string, unknown> | undefined;
}

function capturingLog(into: Logged[]): Logger {
  return { info: () => {}, warn: (msg, fields) => into.push({ msg, fields }), error: () => {} };
}

interface Rig {
  h: Harness;
  sim: SimulatorHandle;
  id: string;
  logged: Logged[];
}

async function rig(serial: string, harness: Partial<Parameters<typeof startHarness>[0]> = {}): Promise<Rig> {
  const logged: Logged[] = [];
  const h = await startHarness({ log: capturingLog(logged), ...harness });
  const sim = await startSimulator({ acsUrl: h.cwmpUrl, model: 'tr181', serial, autoSessions: false, connectionRequest: false });
  const first = await sim.runSession();
  assert.equal(first.ok, true, first.error);
  const id = h.store.devices.search({ q: serial }).items[0]?.id ?? '';
  assert.notEqual(id, '');
  return { h, sim, id, logged };
}

async function close(r: Rig): Promise<void> {
  await r.sim.close();
  await r.h.close();
}

async function queue(r: Rig, task: unknown): Promise<number> {
  const res = await apiPost(r.h, `/api/devices/${encodeURIComponent(r.id)}/tasks`, { task });
  assert.equal(res.status, 200, JSON.stringify(res.json));
  return (res.json as CreateTaskResult).task.id;
}

async function task(r: Rig, taskId: number): Promise<TaskRecord> {
  return (await apiGet(r.h, `/api/tasks/${taskId}`)).json as TaskRecord;
}

/** A session; once more if the ACS still held the connection the CPE dropped (503 busy). */
async function session(sim: SimulatorHandle): Promise<SessionReport> {
  for (let i = 0; ; i++) {
    const report = await sim.runSession();
    if (report.retryAfterSeconds === undefined || i >= 20) return report;
    await sleep(50);
  }
}

function leafCount(sim: SimulatorHandle): number {
  return sim.model.all().filter((n) => !n.object).length;
}

describe('tolerant discovery for broken CPEs', () => {
  test('a CPE that drops the session on a partial path is refreshed by name at the next attempt, and for good', async () => {
    const r = await rig('DROPS-1');
    try {
      r.sim.cpe.misbehaviour = { dropOnPartialPathGpv: true };
      const taskId = await queue(r, { name: 'refresh' });
      const dropped = await r.sim.runSession();
      assert.deepEqual(dropped.rpcs, ['GetParameterNames', 'GetParameterValues']);
      assert.match(dropped.error ?? '', /dropped the connection/);

      // The next session: the old one is abandoned, the fact learned, the task asks by name.
      const second = await session(r.sim);
      assert.equal(second.ok, true, second.error);
      assert.equal(second.rpcs[0], 'GetParameterNames');
      assert.ok(second.rpcs.filter((x) => x === 'GetParameterValues').length > 1, second.rpcs.join(','));
      const done = await task(r, taskId);
      assert.equal(done.status, 'done', JSON.stringify(done.fault));
      assert.equal(done.attempts, 2);
      const result = done.result as { parameters: number; values: number; valueless: number; missing: string[] };
      assert.equal(result.parameters, leafCount(r.sim));
      assert.equal(result.valueless, 0);
      assert.deepEqual(result.missing, []);
      assert.equal(r.h.store.parameters.count(r.id), r.sim.model.size, 'the whole tree is stored');
      assert.deepEqual(r.h.store.learnedQuirks.get(r.id), { partialPathGpvBroken: true });
      assert.ok(
        r.logged.some((l) => /partial-path GetParameterValues/.test(l.msg) && l.fields?.device === r.id),
        JSON.stringify(r.logged),
      );

      // Later refreshes and a partial-path getParameterValues are asked by name straight away.
      const again = await queue(r, { name: 'refresh', path: 'Device.WiFi.' });
      const values = await queue(r, { name: 'getParameterValues', names: ['Device.DeviceInfo.'] });
      const third = await r.sim.runSession();
      assert.equal(third.ok, true, third.error);
      assert.equal((await task(r, again)).status, 'done');
      const read = await task(r, values);
      assert.equal(read.status, 'done', JSON.stringify(read.fault));
      const tuples = (read.result as { values: [string, string, string][] }).values;
      assert.ok(tuples.some(([name]) => name === 'Device.DeviceInfo.SerialNumber'));
    } finally {
      await close(r);
    }
  });

  test('a CPE that never answers a partial path (the session times out) is asked by name next time', async () => {
    const h = await startHarness({ sessionTimeoutMs: 150 });
    const id = '00AA11-HG1-SILENT';
    const leaves = Array.from({ length: 40 }, (_, i) => `InternetGatewayDevice.Test.P${i}`);
    const gpn = `<cwmp:GetParameterNamesResponse><ParameterList>${leaves
      .map((n) => `<ParameterInfoStruct><Name>${n}</Name><Writable>0</Writable></ParameterInfoStruct>`)
      .join('')}</ParameterList></cwmp:GetParameterNamesResponse>`;
    const asked: string[][] = [];
    /** One session; stops answering (silent) at a GetParameterValues of a partial path when told. */
    const session = async (silentOnPartial: boolean): Promise<void> => {
      const cpe = new CpeConnection(h.cwmpUrl);
      try {
        assert.equal((await cpe.post(informXml({ serial: 'SILENT' }))).status, 200);
        let res = await cpe.post('');
        while (res.status === 200) {
          const { id: rpcId, method } = peek(res.body);
          let body = gpn;
          if (method === 'GetParameterValues') {
            const names = [...res.body.matchAll(/<string>([^<]*)<\/string>/g)].map((m) => m[1] ?? '');
            asked.push(names);
            if (silentOnPartial && names.some((n) => n.endsWith('.'))) {
              await sleep(400); // no answer: the session times out
              return;
            }
            const list = names.map(
              (n) => `<ParameterValueStruct><Name>${n}</Name><Value xsi:type="xsd:string">v</Value></ParameterValueStruct>`,
            );
            body = `<cwmp:GetParameterValuesResponse><ParameterList>${list.join('')}</ParameterList></cwmp:GetParameterValuesResponse>`;
          }
          res = await cpe.post(rpcXml(body, rpcId ?? ''));
        }
        assert.equal(res.status, 204);
      } finally {
        cpe.close();
      }
    };
    try {
      await session(false);
      const created = await h.acs.api.createTask({ id, task: { name: 'refresh' } });
      await session(true);
      assert.deepEqual(asked, [['InternetGatewayDevice.']]);
      await session(true);
      assert.deepEqual(
        asked.slice(1).map((names) => names.length),
        [32, 8],
        'named batches',
      );
      const t = h.store.tasks.get(created.task.id);
      assert.equal(t?.status, 'done');
      assert.equal((t?.result as { valueless?: number } | undefined)?.valueless, 0);
      assert.equal(h.store.parameters.get(id, 'InternetGatewayDevice.Test.P39')?.value, 'v');
    } finally {
      await h.close();
    }
  });

  test('what was learned survives a restart of DeskACS', async () => {
    const r = await rig('DROPS-2');
    const dataDir = r.h.dataDir;
    try {
      r.sim.cpe.misbehaviour = { dropOnPartialPathGpv: true };
      await queue(r, { name: 'refresh' });
      await r.sim.runSession();
      assert.equal((await session(r.sim)).ok, true);
      await r.sim.close();
      await r.h.acs.close();

      const h2 = await startHarness({ dataDir });
      const sim2 = await startSimulator({
        acsUrl: h2.cwmpUrl,
        model: 'tr181',
        serial: 'DROPS-2',
        autoSessions: false,
        connectionRequest: false,
        bootstrapped: true,
      });
      try {
        sim2.cpe.misbehaviour = { dropOnPartialPathGpv: true };
        const res = await apiPost(h2, `/api/devices/${encodeURIComponent(r.id)}/tasks`, { task: { name: 'refresh' } });
        const taskId = (res.json as CreateTaskResult).task.id;
        const report = await sim2.runSession();
        assert.equal(report.ok, true, report.error);
        const t = (await apiGet(h2, `/api/tasks/${taskId}`)).json as TaskRecord;
        assert.equal(t.status, 'done');
        assert.equal(t.attempts, 1, 'no attempt was lost on the partial path');
      } finally {
        await sim2.close();
        await h2.acs.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test('addObject on a table that stored instances prove, when GetParameterNames lists no objects', async () => {
    const r = await rig('LEAVES-1');
    try {
      r.sim.cpe.handle({ name: 'AddObject', objectName: 'Device.NAT.PortMapping.', parameterKey: '' });
      r.sim.cpe.misbehaviour = { gpnLeavesOnly: true };
      const refresh = await queue(r, { name: 'refresh' });
      assert.equal((await r.sim.runSession()).ok, true);
      assert.equal((await task(r, refresh)).status, 'done');
      assert.equal(r.h.store.parameters.list(r.id).filter((p) => p.object).length, 0, 'no object was ever listed');
      assert.equal(r.h.store.parameters.get(r.id, 'Device.NAT.PortMapping.1.Enable')?.writable, true);

      const add = await queue(r, { name: 'addObject', path: 'Device.NAT.PortMapping.', values: { Enable: true, ExternalPort: 8080 } });
      assert.equal((await r.sim.runSession()).ok, true);
      const added = await task(r, add);
      assert.equal(added.status, 'done', JSON.stringify(added.fault));
      assert.equal((added.result as { path: string }).path, 'Device.NAT.PortMapping.2.');
      assert.equal(r.sim.model.get('Device.NAT.PortMapping.2.ExternalPort')?.value, '8080');
      assert.equal(r.h.store.parameters.get(r.id, 'Device.NAT.PortMapping.2.ExternalPort')?.value, '8080');

      // A later full refresh keeps the new instance: its leaves prove the object the CPE does not list.
      const again = await queue(r, { name: 'refresh' });
      assert.equal((await r.sim.runSession()).ok, true);
      assert.equal((await task(r, again)).status, 'done');
      assert.equal(r.h.store.parameters.get(r.id, 'Device.NAT.PortMapping.2.ExternalPort')?.writable, true);
      assert.equal(r.h.store.parameters.get(r.id, 'Device.NAT.PortMapping.2.')?.object, true);

      // Stored leaves that are not instances prove no table.
      const bad = await apiPost(r.h, `/api/devices/${encodeURIComponent(r.id)}/tasks`, {
        task: { name: 'addObject', path: 'Device.DeviceInfo.' },
      });
      assert.equal(bad.status, 400);
      assert.match(JSON.stringify(bad.json), /not a table/);
    } finally {
      await close(r);
    }
  });

  test('parameters nobody asked for are logged and ignored, not stored', async () => {
    const r = await rig('EXTRA-1');
    try {
      r.sim.cpe.misbehaviour = { extraGpvParameter: { name: 'Device.Injected.Backdoor', value: 'open', type: 'xsd:string' } };
      const get = await queue(r, { name: 'getParameterValues', names: ['Device.DeviceInfo.UpTime'] });
      const subtree = await queue(r, { name: 'refresh', path: 'Device.WiFi.' });
      assert.equal((await r.sim.runSession()).ok, true);
      for (const id of [get, subtree]) {
        const t = await task(r, id);
        assert.equal(t.status, 'done', JSON.stringify(t.fault));
        assert.ok((t.result as { unrequested: string[] }).unrequested.includes('Device.Injected.Backdoor'), JSON.stringify(t.result));
      }
      const read = (await task(r, get)).result as { values: [string, string, string][] };
      assert.deepEqual(
        read.values.map(([n]) => n),
        ['Device.DeviceInfo.UpTime'],
      );
      assert.equal(r.h.store.parameters.get(r.id, 'Device.Injected.Backdoor'), undefined);
      assert.ok(r.logged.some((l) => /not asked for|nobody asked for/.test(l.msg) && l.fields?.device === r.id));
    } finally {
      await close(r);
    }
  });

  test('names left out of an answer and objects answered as values are named in the result', async () => {
    const r = await rig('OMITS-1');
    try {
      r.sim.cpe.misbehaviour = { omitGpvNames: ['Device.DeviceInfo.UpTime'], objectAsValue: true };
      const get = await queue(r, { name: 'getParameterValues', names: ['Device.DeviceInfo.UpTime', 'Device.DeviceInfo.SerialNumber'] });
      const refresh = await queue(r, { name: 'refresh' });
      const report = await r.sim.runSession();
      assert.equal(report.ok, true, report.error);

      const read = await task(r, get);
      assert.equal(read.status, 'done');
      assert.deepEqual((read.result as { missing: string[] }).missing, ['Device.DeviceInfo.UpTime']);

      const whole = await task(r, refresh);
      assert.equal(whole.status, 'done', JSON.stringify(whole.fault));
      const result = whole.result as { parameters: number; values: number; valueless: number; missing: string[]; objectValues: string[] };
      assert.equal(result.parameters, leafCount(r.sim));
      assert.equal(result.valueless, 1, 'one leaf of all stayed valueless');
      assert.deepEqual(result.missing, ['Device.DeviceInfo.UpTime']);
      assert.deepEqual(result.objectValues, ['Device.']);
      // The partial path's answer lacked a leaf: it was asked for by name once more.
      const rpcs = (whole.result as { rpcs: { rpc: string }[] }).rpcs.map((x) => x.rpc);
      assert.deepEqual(rpcs, ['GetParameterNames', 'GetParameterValues', 'GetParameterValues']);
      const root = r.h.store.parameters.get(r.id, 'Device.');
      assert.ok(root === undefined || root.object, 'an object answered as a value is not stored as a value');
    } finally {
      await close(r);
    }
  });

  test('a download keeps its rpcs when its TransferComplete settles it', async () => {
    let files: Server | undefined;
    const logged: Logged[] = [];
    const h = await startHarness({ log: capturingLog(logged) });
    const sim = await startSimulator({ acsUrl: h.cwmpUrl, model: 'tr181', serial: 'RPCS-1', connectionRequest: false });
    try {
      files = createServer((_req, res) => {
        const fw = Buffer.from('SoftwareVersion=2.0.0\nfirmware image bytes\n');
        res.writeHead(200, { 'Content-Length': fw.length }).end(fw);
      });
      const server = files;
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/fw.bin`;
      await sim.idle();
      if (sim.sessions.length === 0) await sim.runSession();
      const id = h.store.devices.search({ q: 'RPCS-1' }).items[0]?.id ?? '';
      const created = await h.acs.api.createTask({ id, task: { name: 'download', fileType: '1 Firmware Upgrade Image', url } });
      await sim.runSession();
      for (let i = 0; i < 50 && h.store.tasks.get(created.task.id)?.status !== 'done'; i++) {
        await sim.idle();
        await sleep(20);
      }
      const t = (await apiGet(h, `/api/tasks/${created.task.id}`)).json as TaskRecord;
      assert.equal(t.status, 'done', JSON.stringify(t));
      assert.ok((t.result as { transferComplete?: unknown }).transferComplete !== undefined);
      assert.deepEqual(
        (t.result as { rpcs: { rpc: string; answer: string }[] }).rpcs.map((x) => `${x.rpc}->${x.answer}`),
        ['Download->DownloadResponse'],
      );
    } finally {
      await sim.close();
      await h.close();
      if (files !== undefined) await new Promise((resolve) => files?.close(resolve));
    }
  });

  test("the device summary's periodic inform interval follows values read or set, not only Informs", async () => {
    // A scripted CPE whose Informs never carry PeriodicInformInterval.
    const h = await startHarness();
    const id = '00AA11-HG1-INTERVAL';
    const iv = 'InternetGatewayDevice.ManagementServer.PeriodicInformInterval';
    const interval = async (): Promise<number | null> =>
      ((await apiGet(h, `/api/devices/${encodeURIComponent(id)}`)).json as DeviceDetail).periodicInformInterval;
    /** One session answering each ACS request with `answer(method)`; returns the methods asked. */
    const session = async (answer: (method: string) => string): Promise<string[]> => {
      const cpe = new CpeConnection(h.cwmpUrl);
      const methods: string[] = [];
      try {
        assert.equal((await cpe.post(informXml({ serial: 'INTERVAL' }))).status, 200);
        let res = await cpe.post('');
        while (res.status === 200) {
          const { id: rpcId, method } = peek(res.body);
          methods.push(method ?? '?');
          res = await cpe.post(rpcXml(answer(method ?? ''), rpcId ?? ''));
        }
        assert.equal(res.status, 204);
        return methods;
      } finally {
        cpe.close();
      }
    };
    try {
      await session(() => '');
      assert.equal(await interval(), null, 'no Inform reported it');
      const get = await h.acs.api.createTask({ id, task: { name: 'getParameterValues', names: [iv] } });
      const value = `<ParameterValueStruct><Name>${iv}</Name><Value xsi:type="xsd:unsignedInt">300</Value></ParameterValueStruct>`;
      assert.deepEqual(
        await session(() => `<cwmp:GetParameterValuesResponse><ParameterList>${value}</ParameterList></cwmp:GetParameterValuesResponse>`),
        ['GetParameterValues'],
      );
      assert.equal(h.store.tasks.get(get.task.id)?.status, 'done');
      assert.equal(await interval(), 300, 'a value read is followed');
      const set = await h.acs.api.createTask({ id, task: { name: 'setParameterValues', values: [[iv, 900]] } });
      assert.deepEqual(await session(() => '<cwmp:SetParameterValuesResponse><Status>0</Status></cwmp:SetParameterValuesResponse>'), [
        'SetParameterValues',
      ]);
      assert.equal(h.store.tasks.get(set.task.id)?.status, 'done');
      assert.equal(await interval(), 900, 'a value set is followed');
    } finally {
      await h.close();
    }
  });
});

// Tasks when things go wrong: transient faults retried later, a device that never answers,
// and a full refresh of a real 5,000-parameter device in as few round trips as it allows.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CreateTaskResult, TaskRecord } from '../../shared/models.ts';
import { loadCsvModel, startSimulator } from '../../electron/simulator/index.ts';
import { apiGet, apiPost, CpeConnection, startHarness } from '../helpers/acs-harness.ts';
import { informXml, peek } from '../helpers/cpe-messages.ts';

const datamodels = resolve(new URL('../..', import.meta.url).pathname, '../shared/cwmp/datamodels');

describe('tasks when things go wrong', () => {
  test('a transient CPE fault (9002) puts the task back in the queue with a retry time', async () => {
    const h = await startHarness();
    const sim = await startSimulator({ acsUrl: h.cwmpUrl, model: 'tr098', serial: 'FLAKY', autoSessions: false, connectionRequest: false });
    try {
      await sim.runSession();
      const id = h.store.devices.search({ q: 'FLAKY' }).items[0]?.id ?? '';
      sim.cpe.injectFaults.GetRPCMethods = 9002;
      const created = (await apiPost(h, `/api/devices/${encodeURIComponent(id)}/tasks`, { task: { name: 'getRPCMethods' } }))
        .json as CreateTaskResult;
      const first = await sim.runSession();
      assert.deepEqual(first.faults, [{ rpc: 'GetRPCMethods', code: 9002 }]);
      const task = (await apiGet(h, `/api/tasks/${created.task.id}`)).json as TaskRecord;
      assert.equal(task.status, 'queued');
      assert.equal(task.attempts, 1);
      assert.equal(task.fault?.code, 9002);
      assert.match(task.fault?.message ?? '', /retrying/);
      assert.ok(task.notBefore !== null && Date.parse(task.notBefore) > Date.now() + 30_000, `retry at ${task.notBefore}`);
      // Before its retry time the task is not sent again.
      delete sim.cpe.injectFaults.GetRPCMethods;
      const second = await sim.runSession();
      assert.deepEqual(second.rpcs, []);
    } finally {
      await sim.close();
      await h.close();
    }
  });

  test('a device that never answers: the task is retried in later sessions, then fails after three attempts', async () => {
    const h = await startHarness({ sessionTimeoutMs: 100 });
    try {
      const id = '00AA11-HG1-MUTE';
      const first = new CpeConnection(h.cwmpUrl);
      await first.post(informXml({ serial: 'MUTE' }));
      await first.post('');
      first.close();
      const created = (await apiPost(h, `/api/devices/${encodeURIComponent(id)}/tasks`, { task: { name: 'reboot' } }))
        .json as CreateTaskResult;
      for (let attempt = 1; attempt <= 3; attempt++) {
        const cpe = new CpeConnection(h.cwmpUrl);
        await cpe.post(informXml({ serial: 'MUTE' }));
        const req = await cpe.post('');
        assert.equal(peek(req.body).method, 'Reboot', `attempt ${attempt}`);
        await sleep(300); // the CPE goes silent; the session times out
        cpe.close();
      }
      const task = (await apiGet(h, `/api/tasks/${created.task.id}`)).json as TaskRecord;
      assert.equal(task.status, 'fault');
      assert.match(task.fault?.message ?? '', /no answer from the device after 3 attempts/);
    } finally {
      await h.close();
    }
  });

  test('a full refresh of a real 5,000-parameter device takes two round trips', async (t) => {
    const file = join(datamodels, 'device-1C61B4-EX220-2226469000523.csv');
    if (!existsSync(file)) {
      t.skip(`../shared/cwmp/datamodels not found at ${datamodels}`);
      return;
    }
    const model = loadCsvModel(readFileSync(file, 'utf8'));
    assert.ok(model.size > 5000, `model has ${model.size} rows`);
    const h = await startHarness();
    const sim = await startSimulator({ acsUrl: h.cwmpUrl, model, serial: 'BIG-1', autoSessions: false, connectionRequest: false });
    try {
      await sim.runSession();
      const id = h.store.devices.search({ q: 'BIG-1' }).items[0]?.id ?? '';
      await apiPost(h, `/api/devices/${encodeURIComponent(id)}/tasks`, { task: { name: 'refresh' } });
      const report = await sim.runSession();
      assert.deepEqual(report.rpcs, ['GetParameterNames', 'GetParameterValues']);
      assert.equal(h.store.parameters.count(id), sim.model.size);
      const [task] = h.store.tasks.listForDevice(id);
      assert.equal(task?.status, 'done');
    } finally {
      await sim.close();
      await h.close();
    }
  });
});

// Secrets in task arguments against the real ACS and the CPE simulator: a setParameterValues task
// with a Wi-Fi passphrase and a PPPoE password is sent in clear to the device (the stored task
// keeps them: the runner needs them), but every view of the task leaving the core masks them:
// the createTask answer, GET /api/tasks, getTask over HTTP and the contract, the taskUpdated
// events, the session inspector. So do a download's and the connection-request credentials'
// password fields.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SessionDetail } from '../../shared/models-device.ts';
import type { CreateTaskResult, SessionRecord, TaskRecord } from '../../shared/models.ts';
import { startSimulator, type SimulatorHandle } from '../../electron/simulator/index.ts';
import { apiGet, apiPost, startHarness, type Harness } from '../helpers/acs-harness.ts';

const CR = { username: 'cr-user', password: 'cr-secret' };
const WIFI_KEY = 'wifi-passphrase-7731';
const PPP_PASSWORD = 'pppoe-password-9146';
const MASK = '••••••';
const KEY_PATH = 'Device.WiFi.AccessPoint.1.Security.KeyPassphrase';
const PPP_PATH = 'Device.PPP.Interface.1.Password';

describe('secrets in task arguments are masked in every view', () => {
  let h: Harness;
  let sim: SimulatorHandle;
  let id = '';
  const events: unknown[] = [];

  const clear = (what: unknown): boolean => {
    const text = JSON.stringify(what);
    return text.includes(WIFI_KEY) || text.includes(PPP_PASSWORD);
  };

  before(async () => {
    h = await startHarness();
    h.acs.events.on('taskUpdated', (e) => events.push(e));
    sim = await startSimulator({ acsUrl: h.cwmpUrl, model: 'tr181', serial: 'SECRETS-1', connectionRequest: CR });
    await sim.idle();
    if (sim.sessions.length === 0) await sim.runSession();
    const d = h.store.devices.search({ q: 'SECRETS-1' }).items[0];
    assert.ok(d, 'the simulator did not bootstrap');
    id = d.id;
    await h.acs.api.setDeviceCredentials({ id, ...CR });
    const refresh = await h.acs.api.createTask({ id, task: { name: 'refresh' }, connectionRequest: true, waitSeconds: 15 });
    assert.equal(refresh.task.status, 'done');
  });
  after(async () => {
    await sim?.close();
    await h?.close();
  });

  test('setParameterValues: the device gets the clear values, the API, events and inspector show the mask', async () => {
    const r = await apiPost(h, `/api/devices/${encodeURIComponent(id)}/tasks`, {
      task: {
        name: 'setParameterValues',
        values: [
          [KEY_PATH, WIFI_KEY],
          [PPP_PATH, PPP_PASSWORD],
          ['Device.PPP.Interface.1.Username', 'erin@isp'],
        ],
      },
      connectionRequest: true,
      waitSeconds: 15,
    });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    const created = r.json as CreateTaskResult;
    assert.equal(created.task.status, 'done', JSON.stringify(created.task.fault));
    await sim.idle();
    assert.equal(sim.model.value(KEY_PATH), WIFI_KEY, 'the device got the clear passphrase');
    assert.equal(sim.model.value(PPP_PATH), PPP_PASSWORD, 'the device got the clear password');
    assert.ok(clear(h.store.tasks.get(created.task.id)?.args), 'the stored task keeps the clear values');

    const taskId = created.task.id;
    assert.ok(!clear(created), 'createTask masks');
    assert.deepEqual((created.task.args as { values: { name: string; value: string }[] }).values, [
      { name: KEY_PATH, value: MASK, type: 'xsd:string' },
      { name: PPP_PATH, value: MASK, type: 'xsd:string' },
      { name: 'Device.PPP.Interface.1.Username', value: 'erin@isp', type: 'xsd:string' },
    ]);
    const listed = (await apiGet(h, `/api/tasks?deviceId=${encodeURIComponent(id)}`)).json as TaskRecord[];
    const inList = listed.find((t) => t.id === taskId);
    assert.ok(inList, 'the task is listed');
    assert.ok(!clear(listed), 'GET /api/tasks masks');
    assert.match(JSON.stringify(inList.args), new RegExp(MASK));
    const one = await apiGet(h, `/api/tasks/${taskId}`);
    assert.equal(one.status, 200);
    assert.ok(!clear(one.json), 'GET /api/tasks/:id masks');
    assert.deepEqual((one.json as TaskRecord).args, created.task.args);
    const viaContract = await h.acs.api.getTask({ taskId });
    assert.ok(!clear(viaContract), 'getTask masks');
    assert.ok(!clear(viaContract.result), 'the result (and its rpcs) carry no secret');
    assert.ok(events.some((e) => (e as { taskId: number }).taskId === taskId));
    assert.ok(!clear(events), 'taskUpdated events carry no secret');

    const [latest] = (await apiGet(h, `/api/devices/${encodeURIComponent(id)}/sessions?limit=1`)).json as SessionRecord[];
    assert.ok(latest);
    const detail = (await apiGet(h, `/api/sessions/${latest.id}`)).json as SessionDetail;
    const spv = detail.messageLog.find((m) => m.rpc === 'SetParameterValues');
    assert.ok(spv, 'the inspector kept the SetParameterValues');
    assert.match(spv.soap, /KeyPassphrase<\/Name>\s*<Value[^>]*>\*{8}<\/Value>/);
    assert.match(spv.soap, /erin@isp/, 'other values are shown as sent');
    assert.ok(!clear(detail), 'getSession masks');
  });

  test("a download's password and the connection-request credentials' password are masked", async () => {
    const download = await h.acs.api.createTask({
      id,
      task: {
        name: 'download',
        fileType: '1 Firmware Upgrade Image',
        url: 'http://127.0.0.1:9/fw.bin',
        username: 'fw',
        password: 'fw-pass-5521',
      },
    });
    const args = download.task.args as { username?: string; password?: string };
    assert.equal(args.username, 'fw');
    assert.equal(args.password, MASK);
    assert.ok(!JSON.stringify(await h.acs.api.listTasks({ deviceId: id })).includes('fw-pass-5521'));
    assert.equal((h.store.tasks.get(download.task.id)?.args as { password?: string } | undefined)?.password, 'fw-pass-5521');
    await h.acs.api.cancelTask({ taskId: download.task.id });

    const creds = await h.acs.api.createTask({
      id,
      task: { name: 'setConnectionRequestCredentials', username: 'new-cr', password: 'new-cr-pass-3390' },
    });
    const text = JSON.stringify(creds);
    assert.ok(!text.includes('new-cr-pass-3390'), text);
    assert.equal((creds.task.args as { username?: string }).username, 'new-cr');
    await h.acs.api.cancelTask({ taskId: creds.task.id });
  });
});

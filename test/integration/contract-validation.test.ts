// One contract, validated once: every method refuses a bad argument object with bad_request and
// a message naming the field, the same way over HTTP (the mechanical route mapping), over the
// IPC path (main's handlers + the preload bridge, Electron faked in memory) and called directly.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { apiMethods } from '../../shared/bridge.ts';
import type { AcsApi, ApiMethod } from '../../shared/contract.ts';
import { apiRoutes } from '../../shared/contract.ts';
import { AcsError } from '../../shared/errors.ts';
import { classifyError } from '../../electron/core/api-validate.ts';
import { registerIpcHandlers } from '../../electron/main/ipc.ts';
import { createBridge } from '../../electron/preload/create-bridge.ts';
import { startHarness, type Harness } from '../helpers/acs-harness.ts';
import { loopbackIpc } from '../helpers/ipc-loopback.ts';

interface BadCall {
  args: Record<string, unknown>;
  /** What the error message must say. */
  message: RegExp;
}

const unknownArg: BadCall = { args: { bogus: '1' }, message: /unknown argument 'bogus'/ };
const unknownArgFor = (id: string): BadCall => ({ args: { id, bogus: '1' }, message: /unknown argument 'bogus'/ });

/** A bad call for every method: the compiler refuses a contract method without one. */
const badCalls: Record<ApiMethod, BadCall> = {
  serverInfo: unknownArg,
  getOverview: unknownArg,
  listDevices: { args: { limit: 0 }, message: /'limit' must be a whole number from 1 to 1000/ },
  getDevice: unknownArgFor('dev-1'),
  deleteDevice: unknownArgFor('dev-1'),
  getParameters: unknownArgFor('dev-1'),
  getDeviceSummary: unknownArgFor('dev-1'),
  getDeviceSettings: unknownArgFor('dev-1'),
  listCommonSettings: unknownArg,
  setDeviceSettings: { args: { id: 'dev-1', values: { 'wifi.ssid': ['a'] } }, message: /a value must be text, a number or true\/false/ },
  checkValues: {
    args: { id: 'dev-1', values: [['Device.X', { nested: true }]] },
    message: /a value must be text, a number or true\/false/,
  },
  listFaults: { args: { id: 'dev-1', limit: 9999 }, message: /'limit' must be a whole number from 1 to 500/ },
  listSessions: { args: { id: 'dev-1', limit: 0 }, message: /'limit' must be a whole number from 1 to 500/ },
  getSession: { args: { sessionId: 'latest' }, message: /'sessionId' must be a whole number/ },
  listTags: unknownArg,
  tagDevices: { args: { selection: { ids: ['dev-1'] }, add: ['no<html>'] }, message: /a tag may hold letters/ },
  deleteDevices: { args: { selection: {} }, message: /'selection' must be \{ids/ },
  createTask: {
    args: { id: 'dev-1', task: { name: 'reboot' }, waitSeconds: 500 },
    message: /'waitSeconds' must be a whole number from 0 to 120/,
  },
  createTasks: {
    args: { selection: { filter: { status: 'asleep' } }, task: { name: 'reboot' } },
    message: /selection\.filter: 'status' must be one of online, late, offline/,
  },
  getTaskBatch: { args: { batchId: ' ' }, message: /'batchId' must not be empty/ },
  listTasks: { args: { status: 'sleeping' }, message: /'status' must be one of queued, running/ },
  getTask: { args: { taskId: 'abc' }, message: /'taskId' must be a whole number/ },
  cancelTask: { args: { taskId: 0 }, message: /'taskId' must be a whole number from 1/ },
  retryTask: { args: { taskId: -3 }, message: /'taskId' must be a whole number from 1/ },
  connectionRequest: unknownArgFor('dev-1'),
  enableStun: { args: { id: 'dev-1', serverAddress: ' ' }, message: /'serverAddress' must not be empty/ },
  getReachability: unknownArgFor('dev-1'),
  getCaCertificate: unknownArg,
  getCwmpTlsSettings: unknownArg,
  setCwmpTlsSettings: { args: { port: 7548, certPath: '/tmp/c.pem' }, message: /'certPath' and 'keyPath' go together/ },
  getDeviceCredentials: unknownArgFor('dev-1'),
  setDeviceCredentials: { args: { id: 'dev-1', username: ' ', password: 'p' }, message: /'username' must not be empty/ },
  deleteDeviceCredentials: unknownArgFor('dev-1'),
  getCpeCredentials: unknownArgFor('dev-1'),
  setCpeCredentials: { args: { id: 'dev-1', username: 'u', password: 5 }, message: /'password' must be a string/ },
  deleteCpeCredentials: unknownArgFor('dev-1'),
  getDefaultCredentials: unknownArg,
  setDefaultCredentials: { args: { username: 'u' }, message: /missing argument 'password'/ },
  deleteDefaultCredentials: unknownArg,
  getCpeAuth: unknownArg,
  setCpeAuth: { args: { mode: 'kerberos' }, message: /'mode' must be one of digest, basic, none/ },
  importDeviceCredentials: { args: { rows: 'x' }, message: /'rows' must be a list/ },
  getQuirkRules: unknownArg,
  setQuirkRules: { args: {}, message: /missing argument 'rules'/ },
  listRegistrations: unknownArg,
  registerDevice: { args: { id: 5 }, message: /'id' must be a string/ },
  unregisterDevice: unknownArgFor('dev-1'),
  getHistorySettings: unknownArg,
  setHistorySettings: { args: { days: 0 }, message: /'days' must be a whole number from 1 to 3650/ },
  pruneHistory: unknownArg,
  listFiles: unknownArg,
  getFile: { args: { fileId: 'fw.bin' }, message: /'fileId' must be a whole number/ },
  updateFile: { args: { fileId: 1, fileType: 'firmware' }, message: /'fileType' must be a TR-069 file type/ },
  deleteFile: { args: { fileId: 0 }, message: /'fileId' must be a whole number from 1/ },
  beginFileUpload: { args: { name: 'fw.bin', size: 0 }, message: /'size' must be a whole number from 1/ },
  appendFileUpload: { args: { uploadId: 'u1', offset: 0, chunk: 'AAAA' }, message: /'chunk' must be bytes/ },
  finishFileUpload: { args: { uploadId: '' }, message: /'uploadId' must not be empty/ },
  cancelFileUpload: { args: { uploadId: ' ' }, message: /'uploadId' must not be empty/ },
  listFileFetches: { args: { limit: 5000 }, message: /'limit' must be a whole number from 1 to 1000/ },
  createRollout: {
    args: { fileId: 1, selection: { ids: ['dev-1'] }, waveSizes: [2, 20], concurrency: 5, failureThreshold: 1.5 },
    message: /'failureThreshold' must be a number from 0 to 1/,
  },
  listRollouts: unknownArg,
  getRollout: { args: { rolloutId: 'x' }, message: /'rolloutId' must be a whole number/ },
  pauseRollout: { args: { rolloutId: 0 }, message: /'rolloutId' must be a whole number from 1/ },
  resumeRollout: { args: { rolloutId: 0 }, message: /'rolloutId' must be a whole number from 1/ },
  cancelRollout: { args: { rolloutId: 0 }, message: /'rolloutId' must be a whole number from 1/ },
  previewPush: { args: { fileId: 1, selection: { ids: [] } }, message: /'ids' must name at least one device/ },
  listBackups: unknownArgFor('dev-1'),
  getBackup: { args: { backupId: 'latest' }, message: /'backupId' must be a whole number/ },
  createSnapshot: { args: { id: 'dev-1', label: 5 }, message: /'label' must be a string/ },
  updateBackup: { args: { backupId: 1 }, message: /missing argument 'label'/ },
  deleteBackup: { args: { backupId: 0 }, message: /'backupId' must be a whole number from 1/ },
  diffBackups: { args: { backupId: 1, to: 0 }, message: /'to' must be a whole number from 1/ },
  restoreBackup: { args: { backupId: 1, connectionRequest: 'yes' }, message: /'connectionRequest' must be true or false/ },
  getBackupSettings: unknownArg,
  setBackupSettings: { args: { everyDays: 0 }, message: /'everyDays' must be a whole number from 1 to 365/ },
  getDatabaseBackups: unknownArg,
  setDatabaseBackups: { args: { keep: 0 }, message: /'keep' must be a whole number from 1 to 100/ },
  backupDatabaseNow: unknownArg,
  listDiagnostics: { args: { id: 'dev-1', limit: 0 }, message: /'limit' must be a whole number from 1 to 500/ },
  getDeviceLog: unknownArgFor('dev-1'),
  getApiToken: unknownArg,
  regenerateApiToken: unknownArg,
  listProfiles: unknownArg,
  getProfile: { args: { name: '' }, message: /'name' must not be empty/ },
  createProfile: { args: { name: 'p', priority: 'high' }, message: /'priority' must be a whole number/ },
  updateProfile: { args: { name: 'p', when: ['sometimes'] }, message: /'when' items must be one of/ },
  deleteProfile: { args: { name: 'p', bogus: '1' }, message: /unknown argument 'bogus'/ },
  dryRunProfile: { args: { name: 'p' }, message: /missing argument 'deviceId'/ },
  applyProfile: { args: { name: 'p', concurrency: 0 }, message: /'concurrency' must be a whole number from 1 to 100/ },
  listProfileApplications: { args: { id: 'dev-1', limit: 0 }, message: /'limit' must be a whole number from 1 to 1000/ },
  getProvisioning: unknownArgFor('dev-1'),
  retryProvisioning: unknownArgFor('dev-1'),
  listSubscribers: { args: { limit: 0 }, message: /'limit' must be a whole number from 1 to 1000/ },
  getSubscriber: { args: { accountId: ' ' }, message: /'accountId' must not be empty/ },
  putSubscriber: { args: { accountId: 'A1', tags: 'vip' }, message: /'tags' must be a list of tags/ },
  deleteSubscriber: { args: { accountId: 'A1', bogus: '1' }, message: /unknown argument 'bogus'/ },
  exportSubscribers: { args: { reveal: 'yes' }, message: /'reveal' must be true or false/ },
  importSubscribers: { args: { csv: 'a', mapping: { phone: 'Tel' } }, message: /'mapping' keys must be subscriber fields/ },
  bindSubscriber: { args: { id: 'dev-1' }, message: /missing argument 'accountId'/ },
  unbindSubscriber: unknownArgFor('dev-1'),
  getDeviceSubscriber: { args: { id: 'dev-1', reveal: 'yes' }, message: /'reveal' must be true or false/ },
  listWaitingDevices: { args: { hours: 0 }, message: /'hours' must be a whole number from 1 to 720/ },
  handoverDevice: { args: { id: 'dev-1', url: 'ftp://acs' }, message: /'url' must be an http:\/\/ or https:\/\/ URL/ },
  getProvisioningReport: { args: { id: 'dev-1', format: 'docx' }, message: /'format' must be html or pdf/ },
  getDeviceMetrics: { args: { id: 'dev-1', name: 'wan.rx', from: 'yesterday' }, message: /'from' must be a time/ },
  listMetricNames: unknownArgFor('dev-1'),
  getFleetMetrics: { args: { name: 'cpu' }, message: /'name' must be one of online, informsPerHour/ },
  getMetricDefinitions: unknownArg,
  setMetricDefinitions: { args: { definitions: [{ name: 'x' }] }, message: /missing argument 'definitions.0.label'/ },
  getMetricSettings: unknownArg,
  setMetricSettings: { args: { samplingIntervalSeconds: 1 }, message: /'samplingIntervalSeconds' must be a whole number from 10/ },
  listAlertRules: unknownArg,
  createAlertRule: { args: { kind: 'sometimes' }, message: /'kind' must be one of offline/ },
  updateAlertRule: { args: { ruleId: 1, op: '=' }, message: /'op' must be one of <, >/ },
  deleteAlertRule: { args: { ruleId: 0 }, message: /'ruleId' must be a whole number from 1/ },
  listAlerts: { args: { state: 'maybe' }, message: /'state' must be one of open, closed/ },
  ackAlert: { args: { alertId: 'x' }, message: /'alertId' must be a whole number/ },
  muteAlert: { args: { alertId: 1, minutes: 0 }, message: /'minutes' must be a whole number from 1/ },
  unmuteAlert: { args: { alertId: 1, bogus: '1' }, message: /unknown argument 'bogus'/ },
  getAlertSettings: unknownArg,
  setAlertSettings: { args: { webhooks: ['not a url'] }, message: /'webhooks' must be http\(s\) URLs/ },
};

/** Sends a contract call over HTTP exactly as the route table says (path, then query or body). */
async function callHttp(h: Harness, method: ApiMethod, args: Record<string, unknown>): Promise<{ status: number; body: unknown }> {
  const route = apiRoutes[method];
  const rest = { ...args };
  const path = route.path.replace(/:([A-Za-z]+)/g, (_m, key: string) => {
    const value = String(rest[key]);
    delete rest[key];
    return encodeURIComponent(value);
  });
  const url = new URL(path, h.apiUrl);
  const init: RequestInit = {
    method: route.method,
    headers: { Authorization: `Bearer ${h.acs.info.apiToken}`, 'Content-Type': 'application/json' },
  };
  if (route.method === 'GET' || route.method === 'DELETE') {
    for (const [key, value] of Object.entries(rest)) url.searchParams.append(key, String(value));
  } else {
    init.body = JSON.stringify(rest);
  }
  const response = await fetch(url, init);
  return { status: response.status, body: (await response.json()) as unknown };
}

describe('contract validation', () => {
  let h: Harness;
  let bridge: ReturnType<typeof createBridge>;
  before(async () => {
    h = await startHarness();
    const ipc = loopbackIpc('file:///app/dist/renderer/index.html');
    registerIpcHandlers({ ipcMain: ipc.ipcMain, api: h.acs.api, isTrustedSender: () => true });
    bridge = createBridge(ipc.ipcRenderer);
  });
  after(() => h?.close());

  test('every contract method has a bad call here, and no more', () => {
    assert.deepEqual(Object.keys(badCalls).sort(), [...apiMethods].sort());
  });

  for (const method of apiMethods) {
    const bad = badCalls[method];
    test(`${method}: a bad argument is bad_request over HTTP, IPC and direct calls alike`, async () => {
      const http = await callHttp(h, method, bad.args);
      assert.equal(http.status, 400, JSON.stringify(http.body));
      const httpError = (http.body as { error: { code: string; message: string } }).error;
      assert.equal(httpError.code, 'bad_request');
      assert.match(httpError.message, bad.message);

      const viaIpc = await (bridge[method] as (a: unknown) => Promise<{ ok: boolean; error?: { code: string; message: string } }>)(
        bad.args,
      );
      assert.equal(viaIpc.ok, false);
      assert.equal(viaIpc.error?.code, 'bad_request');
      assert.match(viaIpc.error?.message ?? '', bad.message);

      const direct = (h.acs.api[method] as (a: unknown) => Promise<unknown>)(bad.args);
      await assert.rejects(
        direct,
        (err: unknown) => err instanceof AcsError && err.code === 'bad_request' && bad.message.test(err.message),
      );
    });
  }

  test('a non-object argument is refused, not crashed on', async () => {
    const api: AcsApi = h.acs.api;
    await assert.rejects((api.listDevices as (a: unknown) => Promise<unknown>)(42), /listDevices expects one argument object/);
    const viaIpc = await (bridge.getDevice as (a: unknown) => Promise<{ ok: boolean; error?: { code: string } }>)([1, 2]);
    assert.equal(viaIpc.error?.code, 'bad_request');
  });

  test('query parameters become the types the schema declares (numbers, booleans, repeated lists)', async () => {
    const ok = await callHttp(h, 'listDevices', { limit: 5, failing: 'true' });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.equal((ok.body as { limit: number }).limit, 5);
    const url = new URL('/api/devices?ids=a&ids=b&limit=2', h.apiUrl);
    const both = await fetch(url, { headers: { Authorization: `Bearer ${h.acs.info.apiToken}` } });
    assert.equal(both.status, 200);
    const bad = await callHttp(h, 'listDevices', { limit: 'ten' });
    assert.equal(bad.status, 400);
  });

  test('a store constraint failure reaches callers as bad_request with its message', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (id TEXT PRIMARY KEY)');
    db.prepare("INSERT INTO t VALUES ('a')").run();
    let thrown: unknown;
    try {
      db.prepare("INSERT INTO t VALUES ('a')").run();
    } catch (err) {
      thrown = err;
    }
    db.close();
    const classified = classifyError(thrown);
    assert.ok(classified instanceof AcsError);
    assert.equal(classified.code, 'bad_request');
    assert.match(classified.message, /UNIQUE constraint failed/);
    const other = new Error('disk on fire');
    assert.equal(classifyError(other), other);
  });
});

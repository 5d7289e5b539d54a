// Operator settings through the API: per-model quirk rules change how tasks talk to matching
// devices; connection-request credentials can be imported in bulk.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CredentialImportResult, DeviceCredentials } from '../../shared/models.ts';
import { startSimulator, type SimulatorHandle } from '../../electron/simulator/index.ts';
import { apiGet, apiPost, startHarness, type Harness } from '../helpers/acs-harness.ts';

describe('settings API', () => {
  let h: Harness;
  let sim: SimulatorHandle;
  let id: string;
  before(async () => {
    h = await startHarness();
    sim = await startSimulator({ acsUrl: h.cwmpUrl, model: 'tr181', serial: 'QUIRKY', autoSessions: false, connectionRequest: false });
    await sim.runSession();
    id = h.store.devices.search({ q: 'QUIRKY' }).items[0]?.id ?? '';
  });
  after(async () => {
    await sim.close();
    await h.close();
  });

  test('a quirk rule for the model makes a refresh walk the top-level objects in small batches', async () => {
    const productClass = h.store.devices.get(id)?.productClass ?? '';
    const rules = [
      { match: { productClass }, quirks: { skipRootGetParameterNames: true, gpvBatchSize: 1000 }, note: 'root GPN crashes this model' },
    ];
    const saved = await apiPost(h, '/api/settings/quirks', { rules }, 'PUT');
    assert.equal(saved.status, 200, JSON.stringify(saved.json));
    assert.deepEqual((await apiGet(h, '/api/settings/quirks')).json, rules);
    await apiPost(h, `/api/devices/${encodeURIComponent(id)}/tasks`, { task: { name: 'refresh' } });
    const report = await sim.runSession();
    const gpn = report.rpcs.filter((r) => r === 'GetParameterNames').length;
    assert.ok(gpn > 2, `expected one GetParameterNames per top-level object, got ${report.rpcs.join(',')}`);
    assert.equal(h.store.parameters.count(id), sim.model.size);
  });

  test('bad quirk rules are refused with the place of each problem', async () => {
    const bad = await apiPost(h, '/api/settings/quirks', { rules: [{ match: {}, quirks: { gpvBatchSize: 0 }, note: 'x' }] }, 'PUT');
    assert.equal(bad.status, 400);
    assert.match(JSON.stringify(bad.json), /gpvBatchSize/);
  });

  test('connection-request credentials import: known devices stored, unknown ones reported', async () => {
    const r = await apiPost(h, '/api/credentials/import', {
      rows: [
        { deviceId: id, username: 'u1', password: 'p1' },
        { deviceId: 'NOPE-NOPE-NOPE', username: 'u2', password: 'p2' },
      ],
    });
    const result = r.json as CredentialImportResult;
    assert.equal(result.inserted, 1);
    assert.deepEqual(result.unknownDevices, ['NOPE-NOPE-NOPE']);
    const creds = (await apiGet(h, `/api/devices/${encodeURIComponent(id)}/credentials`)).json as DeviceCredentials;
    assert.equal(creds.username, 'u1');
    assert.equal(creds.source, 'import');
  });
});

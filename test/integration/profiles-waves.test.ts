// Applying a profile in waves (POST /api/profiles/:name/apply) against a real ACS on loopback and
// three simulated devices: waveSizes [1, 2], the first wave's device refuses the value (a fault),
// so the rollout pauses after wave 1, GET /api/profiles/:name shows it, and the later devices do
// not get the profile, not even at their own sessions; applied again with the fault gone and a
// threshold of 1, every wave runs and every device has the value. The progress is kept in the
// profile's row, and a rollout running when DeskACS stops is resumed by the next start.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Profile, ProfileApplyProgress } from '../../shared/models-provisioning.ts';
import { startSimulator, type SimulatorHandle } from '../../electron/simulator/index.ts';
import { apiGet, apiPost, startHarness, type Harness } from '../helpers/acs-harness.ts';

describe('a profile applied in waves', () => {
  let h: Harness;
  const sims: SimulatorHandle[] = [];
  const ssid = (sim: SimulatorHandle): string | undefined => sim.model.value('Device.WiFi.SSID.1.SSID');

  before(async () => {
    h = await startHarness();
    // Connection-request credentials DeskACS knows, so that a wave can wake its devices.
    const cr = await apiPost(h, '/api/profiles', {
      name: 'waves-cr',
      match: { serial: 'PRFWV*' },
      connectionRequest: { username: 'cr-{{serialNumber}}', password: '{{random:12}}' },
    });
    assert.equal(cr.status, 200, JSON.stringify(cr.json));
    for (const serial of ['PRFWV1', 'PRFWV2', 'PRFWV3']) {
      const sim = await startSimulator({ acsUrl: h.cwmpUrl, model: 'tr181', serial });
      sims.push(sim);
      await sim.idle();
      if (sim.sessions.length === 0) await sim.runSession();
      await sim.idle();
    }
  });
  after(async () => {
    for (const s of sims) await s.close();
    await h.close();
  });

  /** The rollout's progress once it stopped running (each wave ends with its devices' applications). */
  async function settled(name: string): Promise<ProfileApplyProgress> {
    for (let i = 0; i < 600; i++) {
      const p = (await apiGet(h, `/api/profiles/${name}`)).json as Profile;
      if (p.apply != null && p.apply.state !== 'running') return p.apply;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.fail('the rollout did not end');
  }

  test('a failed first wave pauses the rollout; the later devices do not get the profile', async () => {
    const [first, second, third] = sims as [SimulatorHandle, SimulatorHandle, SimulatorHandle];
    first.cpe.injectFaults.SetParameterValues = 9007;
    const created = await apiPost(h, '/api/profiles', {
      name: 'waves',
      match: { serial: 'PRFWV*' },
      when: ['profileChange'],
      set: { 'wifi.ssid': 'Wave-{{serialNumber}}' },
    });
    assert.equal(created.status, 200, JSON.stringify(created.json));
    const bad = await apiPost(h, '/api/profiles/waves/apply', { waveSizes: [1, 2], failureThreshold: 2 });
    assert.equal(bad.status, 400);
    assert.match(JSON.stringify(bad.json), /failureThreshold/);

    const r = await apiPost(h, '/api/profiles/waves/apply', { waveSizes: [1, 2], concurrency: 2, waveTimeoutSeconds: 60 });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    const started = r.json as { waves: string[][]; apply: ProfileApplyProgress };
    assert.deepEqual(
      started.waves.map((w) => w.length),
      [1, 2],
    );
    assert.equal(started.apply.state, 'running');
    const progress = await settled('waves');
    assert.equal(progress.state, 'paused', JSON.stringify(progress));
    assert.deepEqual([progress.wave, progress.waves, progress.counts.failed, progress.counts.applied], [1, 2, 1, 0]);
    assert.match(progress.message ?? '', /1 of 1 device\(s\) failed/);
    assert.notEqual(ssid(first), 'Wave-PRFWV1');

    // The held devices' own sessions do not apply it either.
    await second.runSession(['2 PERIODIC']);
    await second.idle();
    assert.notEqual(ssid(second), 'Wave-PRFWV2', 'a device of a paused wave got the profile');
    assert.notEqual(ssid(third), 'Wave-PRFWV3');
    const kept = h.store.profiles.get('waves')?.document as { apply?: { state: string } };
    assert.equal(kept.apply?.state, 'paused', 'the progress is kept in the profile row');

    delete first.cpe.injectFaults.SetParameterValues;
    const again = await apiPost(h, '/api/profiles/waves/apply', { waveSizes: [1, 2], failureThreshold: 1 });
    assert.equal(again.status, 200, JSON.stringify(again.json));
    const done = await settled('waves');
    assert.equal(done.state, 'done', JSON.stringify(done));
    assert.equal(done.wave, 2);
    assert.equal(done.counts.failed + done.counts.partial, 0, JSON.stringify(done.counts));
    for (const sim of [first, second, third]) await sim.idle();
    assert.deepEqual([ssid(first), ssid(second), ssid(third)], ['Wave-PRFWV1', 'Wave-PRFWV2', 'Wave-PRFWV3']);
  });
});

// A rollout survives an ACS restart mid-wave: its state is in SQLite, and the scheduler of the
// new ACS (same data folder, same CWMP port) carries on from it.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { AcsConfig } from '../../electron/core/acs-types.ts';
import { assembleAcs } from '../../electron/core/acs.ts';
import { silentLogger } from '../../electron/core/log.ts';
import { startFleet } from '../../electron/simulator/index.ts';
import { addFirmware } from '../helpers/firmware-image.ts';
import { waitForRollout } from '../helpers/rollout-wait.ts';

const CR = { username: 'cr-user', password: 'cr-secret' };

test('a rollout resumes after the ACS restarts mid-wave and carries the wave to its end', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'deskacs-rollout-restart-'));
  const config = (cwmpPort: number): AcsConfig => ({
    dataDir,
    cwmpHost: '127.0.0.1',
    cwmpPort,
    httpHost: '127.0.0.1',
    httpPort: null,
    webRoot: null,
    sessionTimeoutMs: 5_000,
    maxConcurrentSessions: 50,
    cpeAuth: { mode: 'none' },
    transfers: { timeoutMs: 30_000, expiryCheckMs: 200, rolloutTickMs: 100 },
    log: silentLogger,
  });
  let first = await assembleAcs(config(0));
  const port = Number(new URL(first.acs.info.cwmpUrl).port);
  // Periodic informs bring the devices back soon after the ACS was away.
  const fleet = await startFleet({
    acsUrl: first.acs.info.cwmpUrl,
    devices: 8,
    connectionRequest: CR,
    rebootDelayMs: 150,
    periodicSeconds: 1,
  });
  let second: Awaited<ReturnType<typeof assembleAcs>> | undefined;
  t.after(async () => {
    await fleet.close();
    await second?.acs.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  await first.acs.api.setDefaultCredentials(CR);
  await fleet.bootstrap();
  const ids = first.store.devices.search({ q: 'SIM' }).items.map((d) => d.id);
  assert.equal(ids.length, 8);
  const file = await addFirmware(first.acs.api, '5.0.0');
  const r = await first.acs.api.createRollout({
    fileId: file.id,
    selection: { ids },
    waveSizes: [8],
    concurrency: 2,
    failureThreshold: 0.5,
  });
  const mid = await waitForRollout(first.acs.api, r.id, (x) => x.counts.verified >= 2);
  await first.acs.close();
  assert.equal(mid.state, 'running');
  assert.ok(mid.counts.verified < 8, 'stopped mid-wave');

  second = await assembleAcs(config(port));
  const done = await waitForRollout(second.acs.api, r.id, (x) => x.state !== 'running');
  assert.equal(done.state, 'done', done.reason);
  assert.ok(done.counts.verified > mid.counts.verified, 'the new ACS carried the wave on');
  // A device that was fetching the file when its server (the ACS) stopped reports the cut
  // transfer (9015); every other one ends verified on the new version.
  for (const d of done.devices) {
    if (d.state === 'verified')
      assert.equal(d.toVersion, '5.0.0', `${d.deviceId}: ${d.message} ${JSON.stringify(second.store.tasks.get(d.taskId ?? 0)?.result)}`);
    else assert.match(`${d.state} ${d.message}`, /^failed .*unable to contact file server/i);
  }
  assert.ok(done.counts.verified >= 6, JSON.stringify(done.devices.map((d) => [d.state, d.message])));
  first = second;
});

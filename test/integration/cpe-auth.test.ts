// CPE -> ACS authentication over real HTTP: Digest by default, Basic when chosen, the policy
// for unknown devices, and the rate limit on repeated failures.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CpeAuthSettings } from '../../shared/models.ts';
import { startSimulator } from '../../electron/simulator/index.ts';
import { apiGet, apiPost, CpeConnection, startHarness } from '../helpers/acs-harness.ts';
import { informXml } from '../helpers/cpe-messages.ts';

const creds = { username: 'acs-user', password: 'acs-pass-123' };

describe('CPE authentication', () => {
  test('Digest (the default): a CPE with the right password holds its session; a wrong one stores nothing', async () => {
    const h = await startHarness({ cpeAuth: { mode: 'digest', ...creds } });
    try {
      const good = await startSimulator({ acsUrl: h.cwmpUrl, serial: 'AUTH-OK', ...creds, autoSessions: false, connectionRequest: false });
      const report = await good.runSession();
      await good.close();
      assert.ok(report.ok, JSON.stringify(report));
      assert.equal(report.statuses[0], 401, 'the first request is challenged');
      assert.ok(h.store.devices.search({ q: 'AUTH-OK' }).total === 1);

      const bad = await startSimulator({
        acsUrl: h.cwmpUrl,
        serial: 'AUTH-BAD',
        username: creds.username,
        password: 'wrong',
        autoSessions: false,
        connectionRequest: false,
      });
      const refused = await bad.runSession();
      await bad.close();
      assert.equal(refused.ok, false);
      assert.equal(h.store.devices.search({ q: 'AUTH-BAD' }).total, 0);
    } finally {
      await h.close();
    }
  });

  test('in Digest mode a preemptive Basic header is refused even with the right password', async () => {
    const h = await startHarness({ cpeAuth: { mode: 'digest', ...creds } });
    try {
      const basic = `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`;
      const res = await new CpeConnection(h.cwmpUrl).post(informXml({ serial: 'PREEMPT' }), { Authorization: basic });
      assert.equal(res.status, 401);
      assert.match(String(res.headers['www-authenticate']), /^Digest /);
      assert.equal(h.store.devices.count(), 0);
    } finally {
      await h.close();
    }
  });

  test('Basic mode: right credentials pass, wrong ones are challenged again', async () => {
    const h = await startHarness({ cpeAuth: { mode: 'basic', ...creds } });
    try {
      const sim = await startSimulator({ acsUrl: h.cwmpUrl, serial: 'BASIC-OK', ...creds, autoSessions: false, connectionRequest: false });
      assert.ok((await sim.runSession()).ok);
      await sim.close();
      const wrong = `Basic ${Buffer.from(`${creds.username}:nope`).toString('base64')}`;
      const res = await new CpeConnection(h.cwmpUrl).post(informXml({ serial: 'BASIC-BAD' }), { Authorization: wrong });
      assert.equal(res.status, 401);
      assert.match(String(res.headers['www-authenticate']), /^Basic realm=/);
      assert.equal(h.store.devices.search({ q: 'BASIC-BAD' }).total, 0);
    } finally {
      await h.close();
    }
  });

  test('refuse policy: an unregistered device gets 403 until it is pre-registered', async () => {
    const h = await startHarness({ cpeAuth: { mode: 'none', unknownDevices: 'refuse' } });
    try {
      const cpe = new CpeConnection(h.cwmpUrl);
      const refused = await cpe.post(informXml({ serial: 'NEWBIE' }));
      assert.equal(refused.status, 403);
      assert.match(refused.body, /not registered/);
      assert.equal(h.store.devices.count(), 0);
      const reg = await apiPost(h, '/api/registrations', { id: '00AA11-HG1-NEWBIE', note: 'shop on main street' });
      assert.equal(reg.status, 200, JSON.stringify(reg.json));
      const ok = await new CpeConnection(h.cwmpUrl).post(informXml({ serial: 'NEWBIE' }));
      assert.equal(ok.status, 200);
      assert.ok(h.store.devices.get('00AA11-HG1-NEWBIE'));
    } finally {
      await h.close();
    }
  });

  test('repeated failures from one address are rate-limited with 503 + Retry-After', async () => {
    const h = await startHarness({ cpeAuth: { mode: 'basic', ...creds } });
    try {
      const wrong = { Authorization: `Basic ${Buffer.from(`${creds.username}:guess`).toString('base64')}` };
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) statuses.push((await new CpeConnection(h.cwmpUrl).post(informXml({ serial: 'BRUTE' }), wrong)).status);
      assert.ok(
        statuses.slice(0, 10).every((s) => s === 401),
        statuses.join(','),
      );
      const blocked = await new CpeConnection(h.cwmpUrl).post(informXml({ serial: 'BRUTE' }), wrong);
      assert.equal(blocked.status, 503);
      assert.ok(Number(blocked.headers['retry-after']) > 0);
    } finally {
      await h.close();
    }
  });

  test('a fresh install generates credentials; the API shows them and can change the mode', async () => {
    const h = await startHarness({ cpeAuth: {} });
    try {
      const shown = (await apiGet(h, '/api/settings/cpe-auth')).json as CpeAuthSettings;
      assert.equal(shown.mode, 'digest');
      assert.ok(shown.password.length >= 16);
      assert.equal(h.acs.info.cpeAuth.password, shown.password);
      assert.equal((await new CpeConnection(h.cwmpUrl).post(informXml({ serial: 'ANON' }))).status, 401);
      const changed = await apiPost(h, '/api/settings/cpe-auth', { mode: 'none' }, 'PUT');
      assert.equal((changed.json as CpeAuthSettings).mode, 'none');
      assert.equal((await new CpeConnection(h.cwmpUrl).post(informXml({ serial: 'ANON' }))).status, 200);
      const bad = await apiPost(h, '/api/settings/cpe-auth', { mode: 'kerberos' }, 'PUT');
      assert.equal(bad.status, 400);
    } finally {
      await h.close();
    }
  });

  test('a device with its own credentials must use them; the shared ones no longer admit it', async () => {
    const h = await startHarness({ cpeAuth: { mode: 'digest', ...creds } });
    try {
      const id = '0A1B2C-VG181-OWN1';
      const own = { username: 'own-user', password: 'own-pass' };
      const set = await apiPost(h, `/api/devices/${id}/cpe-credentials`, own, 'PUT');
      assert.equal(set.status, 200, JSON.stringify(set.json));
      const clash = await apiPost(h, `/api/devices/${id}/cpe-credentials`, { username: creds.username, password: 'x' }, 'PUT');
      assert.equal(clash.status, 400, 'a device username must differ from the shared one');

      const shared = await startSimulator({ acsUrl: h.cwmpUrl, serial: 'OWN1', ...creds, autoSessions: false, connectionRequest: false });
      const refused = await shared.runSession();
      await shared.close();
      assert.equal(refused.ok, false);
      assert.equal(h.store.devices.get(id), undefined);

      const mine = await startSimulator({ acsUrl: h.cwmpUrl, serial: 'OWN1', ...own, autoSessions: false, connectionRequest: false });
      const ok = await mine.runSession();
      await mine.close();
      assert.ok(ok.ok, JSON.stringify(ok));
      assert.ok(h.store.devices.get(id));
    } finally {
      await h.close();
    }
  });
});

// Alert rules over a compressed clock, evaluated on the store's own events: a device that stops
// informing raises "offline" within k intervals and closes it when it returns; a degrading
// signal raises and clears a threshold alert; webhooks and e-mail reach loopback receivers; a
// rule on a metric a model lacks says so; acknowledge and mute over the JSON API.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Alert, AlertRule, AlertSettings } from '../../shared/models-monitoring.ts';
import { send } from '../helpers/acs-harness.ts';
import { startSmtpReceiver, startWebhookReceiver, type SmtpReceiver, type WebhookReceiver } from './alerts-receivers.ts';
import { periodic, startMonitoredAcs, startMonitoredDevice, type MonitoredAcs } from './metrics-helpers.ts';

async function call<T>(m: MonitoredAcs, method: string, path: string, body?: unknown): Promise<{ status: number; json: T }> {
  const data = body === undefined ? null : Buffer.from(JSON.stringify(body));
  const headers: Record<string, string> = { Authorization: `Bearer ${m.acs.info.apiToken}` };
  if (data !== null) {
    headers['Content-Type'] = 'application/json';
    headers['Content-Length'] = String(data.length);
  }
  const res = await send(`${m.apiUrl}${path}`, method, headers, data);
  return { status: res.status, json: (res.body === '' ? null : JSON.parse(res.body)) as T };
}

describe('alert rules on a compressed clock', () => {
  let m: MonitoredAcs;
  let hook: WebhookReceiver;
  let smtp: SmtpReceiver;
  before(async () => {
    m = await startMonitoredAcs({}, { notifyRetryDelaysMs: [10], notifyTimeoutMs: 2000 });
    hook = await startWebhookReceiver('ok');
    smtp = await startSmtpReceiver();
    const set = await call<AlertSettings>(m, 'PUT', '/api/settings/alerts', {
      webhooks: [hook.url],
      smtp: { host: '127.0.0.1', port: smtp.port, user: '', password: 'secret', from: 'acs@example.net', to: ['oncall@example.net'] },
    });
    assert.equal(set.status, 200, JSON.stringify(set.json));
    assert.equal(set.json.smtp?.password, '********', 'the SMTP password is masked');
  });
  after(async () => {
    await m.close();
    await hook.close();
    await smtp.close();
  });

  test('offline: raised after k silent intervals, closed when the device informs again', async () => {
    const rule = await call<AlertRule>(m, 'POST', '/api/alert-rules', { kind: 'offline', intervals: 2 });
    assert.equal(rule.status, 200, JSON.stringify(rule.json));
    const { sim, deviceId } = await startMonitoredDevice(m, { serial: 'ALR-OFF', periodicSeconds: 300 });
    await periodic(m, sim, 300);
    m.clock.advance(500);
    assert.equal(m.monitoring.engine.checkDeadlines(), 0, 'not yet 2 intervals of silence');
    m.clock.advance(200);
    assert.equal(m.monitoring.engine.checkDeadlines(), 1);
    await m.monitoring.notifier.idle();
    const open = await call<Alert[]>(m, 'GET', `/api/alerts?state=open&deviceId=${encodeURIComponent(deviceId)}`);
    assert.equal(open.json.length, 1);
    const alert = open.json[0] as Alert;
    assert.equal(alert.kind, 'offline');
    assert.equal(alert.value, new Date(m.clock.ms - 700_000).toISOString(), 'the last contact is the triggering value');
    await periodic(m, sim, 60);
    const closed = (await call<Alert[]>(m, 'GET', `/api/alerts?deviceId=${encodeURIComponent(deviceId)}`)).json[0];
    assert.equal(closed?.state, 'closed');
    assert.equal(closed?.closedAt, m.clock.now().toISOString());
    await m.monitoring.notifier.idle();
    const events = hook.bodies.filter((b) => (b as { alertId: number }).alertId === alert.id) as { event: string; state: string }[];
    assert.deepEqual(
      events.map((e) => e.event),
      ['opened', 'closed'],
    );
    await call(m, 'DELETE', `/api/alert-rules/${rule.json.id}`);
    await sim.close();
  });

  test('threshold held for m minutes: a degrading signal raises it, a recovered one clears it; webhook and mail sent', async () => {
    const rule = (
      await call<AlertRule>(m, 'POST', '/api/alert-rules', {
        name: 'Weak radio signal',
        kind: 'threshold',
        metric: 'radio.signal',
        op: '<',
        value: -75,
        forMinutes: 10,
      })
    ).json;
    const { sim, deviceId } = await startMonitoredDevice(m, { serial: 'ALR-SIG', health: { signalDbm: -60 } });
    sim.health?.degradeSignal(1);
    const openAlerts = async (): Promise<Alert[]> =>
      (await call<Alert[]>(m, 'GET', `/api/alerts?state=open&ruleId=${rule.id}`)).json.filter((a) => a.deviceId === deviceId);
    for (let minutes = 5; minutes <= 25; minutes += 5) {
      await periodic(m, sim, 300);
      assert.equal((await openAlerts()).length, 0, `no alert yet at ${minutes} min (signal ${sim.health?.currentSignal()})`);
    }
    await periodic(m, sim, 300);
    const open = await openAlerts();
    assert.equal(open.length, 1, 'the signal stayed below -75 dBm for 10 minutes');
    assert.equal(open[0]?.value, '-90');
    sim.health?.setSignal(-55);
    await periodic(m, sim, 300);
    assert.equal((await openAlerts()).length, 0);
    const closed = (await call<Alert[]>(m, 'GET', `/api/alerts?ruleId=${rule.id}`)).json[0];
    assert.equal(closed?.closeValue, '-55');
    await m.monitoring.notifier.idle();
    const opened = hook.bodies.find((b) => (b as { alertId: number; event: string }).alertId === closed?.id) as Record<string, unknown>;
    assert.equal(opened.state, 'open');
    assert.equal(opened.deviceId, deviceId);
    assert.deepEqual(opened.rule, { id: rule.id, name: 'Weak radio signal', kind: 'threshold' });
    const mail = smtp.mails.find((x) => x.data.includes('Weak radio signal') && x.data.includes('ALERT'));
    assert.ok(mail, `mail received: ${smtp.mails.length}`);
    assert.deepEqual(mail.to, ['<oncall@example.net>']);
    const settings = (await call<AlertSettings>(m, 'GET', '/api/settings/alerts')).json;
    assert.equal(settings.webhooks[0]?.state, 'ok');
    assert.equal(settings.email.state, 'ok');
    await sim.close();
  });

  test('a rule on a metric a model lacks says so', async () => {
    const rule = await call<AlertRule>(m, 'POST', '/api/alert-rules', {
      kind: 'threshold',
      metric: 'optical.rxPower',
      op: '<',
      value: -27,
    });
    assert.equal(rule.status, 200, JSON.stringify(rule.json));
    assert.ok(rule.json.notAvailable.devices >= 1);
    assert.match(rule.json.notAvailable.detail.join('; '), /model \S+ lacks metric optical\.rxPower/);
    const unknown = await call<{ error: { message: string } }>(m, 'POST', '/api/alert-rules', {
      kind: 'threshold',
      metric: 'nope',
      op: '<',
      value: 1,
    });
    assert.equal(unknown.status, 400);
    assert.match(unknown.json.error.message, /no metric named 'nope'/);
    await call(m, 'DELETE', `/api/alert-rules/${rule.json.id}`);
  });

  test('reboot loop, firmware, acknowledge and mute', async () => {
    const loop = (await call<AlertRule>(m, 'POST', '/api/alert-rules', { kind: 'rebootLoop', boots: 2, windowMinutes: 60 })).json;
    const fw = (await call<AlertRule>(m, 'POST', '/api/alert-rules', { kind: 'firmware', expectedVersion: '9.9.9' })).json;
    const { sim, deviceId } = await startMonitoredDevice(m, { serial: 'ALR-BOOT' });
    const mine = async (ruleId: number): Promise<Alert[]> =>
      (await call<Alert[]>(m, 'GET', `/api/alerts?state=open&ruleId=${ruleId}`)).json.filter((a) => a.deviceId === deviceId);
    // The power-on (its bootstrap session carried 1 BOOT) is the first boot.
    assert.equal((await mine(loop.id)).length, 0);
    await periodic(m, sim, 60, ['1 BOOT']);
    const alert = (await mine(loop.id))[0];
    assert.equal(alert?.value, '2');
    assert.equal((await mine(fw.id)).length, 1, 'the device does not run 9.9.9');
    const acked = await call<Alert>(m, 'POST', `/api/alerts/${alert?.id}/ack`, {});
    assert.equal(acked.status, 200);
    assert.equal(acked.json.ackedAt, m.clock.now().toISOString());
    const muted = await call<Alert>(m, 'POST', `/api/alerts/${alert?.id}/mute`, { minutes: 30 });
    assert.equal(muted.json.mutedUntil, new Date(m.clock.ms + 30 * 60_000).toISOString());
    const unmuted = await call<Alert>(m, 'POST', `/api/alerts/${alert?.id}/unmute`, {});
    assert.equal(unmuted.json.mutedUntil, null);
    assert.equal((await call(m, 'POST', '/api/alerts/999999/ack', {})).status, 404);
    // Disabling a rule closes its alerts.
    await call(m, 'PUT', `/api/alert-rules/${fw.id}`, { enabled: false });
    assert.equal((await mine(fw.id)).length, 0);
    await sim.close();
  });
});

describe('failing tasks', () => {
  let m: MonitoredAcs;
  before(async () => {
    m = await startMonitoredAcs();
  });
  after(async () => {
    await m.close();
  });

  test('n failed tasks in a row open an alert; a task done closes it', async () => {
    const rule = await m.acs.api.createAlertRule({ kind: 'taskFailures', failures: 2 });
    const { sim, deviceId } = await startMonitoredDevice(m, { serial: 'ALR-TASK' });
    sim.cpe.injectFaults = { Reboot: 9001 };
    const open = async (): Promise<number> => (await m.acs.api.listAlerts({ state: 'open', ruleId: rule.id })).length;
    for (let i = 0; i < 2; i++) {
      assert.equal(await open(), 0, `not after ${i} failures`);
      await m.acs.api.createTask({ id: deviceId, task: { name: 'reboot' } });
      await periodic(m, sim, 60, ['6 CONNECTION REQUEST']);
    }
    assert.equal(await open(), 1);
    assert.match((await m.acs.api.listAlerts({ state: 'open', ruleId: rule.id }))[0]?.message ?? '', /the last 2 tasks failed/);
    sim.cpe.injectFaults = {};
    await m.acs.api.createTask({ id: deviceId, task: { name: 'getParameterValues', names: ['Device.DeviceInfo.UpTime'] } });
    await periodic(m, sim, 60, ['6 CONNECTION REQUEST']);
    assert.equal(await open(), 0);
    await sim.close();
  });
});

describe('failing webhooks', () => {
  let m: MonitoredAcs;
  let broken: WebhookReceiver;
  let silent: WebhookReceiver;
  before(async () => {
    m = await startMonitoredAcs({}, { notifyRetryDelaysMs: [10, 10], notifyTimeoutMs: 1500 });
    broken = await startWebhookReceiver('fail');
    silent = await startWebhookReceiver('hang');
  });
  after(async () => {
    await m.close();
    await broken.close();
    await silent.close();
  });

  test('a 500 and a timeout are retried, then shown failing; CPE sessions go on meanwhile', async () => {
    await m.acs.api.setAlertSettings({ webhooks: [broken.url, silent.url] });
    await m.acs.api.createAlertRule({ kind: 'firmware', expectedVersion: 'never' });
    const { sim } = await startMonitoredDevice(m, { serial: 'HOOK-FAIL' });
    // The alert opened at the bootstrap; its notifications are still being retried now, and
    // the device's sessions do not wait for them.
    const during = await periodic(m, sim, 300);
    assert.ok(during.ok);
    assert.notEqual((await m.acs.api.getAlertSettings({})).webhooks[1]?.state, 'failing', 'still being retried while the session ran');
    await m.monitoring.notifier.idle();
    const settings = await m.acs.api.getAlertSettings({});
    const [b, s] = settings.webhooks;
    assert.equal(b?.state, 'failing');
    assert.match(b?.lastError ?? '', /answered HTTP 500/);
    assert.equal(broken.attempts, 3, 'one attempt and two retries');
    assert.equal(s?.state, 'failing');
    assert.match(s?.lastError ?? '', /did not answer within 1500 ms/);
    const later = await periodic(m, sim, 300);
    assert.ok(later.ok);
    await sim.close();
  });
});

describe('offline by the deadline timer (real clock)', () => {
  test('the timer keyed on the expected next contact opens the alert with no call from outside', async () => {
    const live = await startMonitoredAcs({}, { now: () => new Date(), timers: true });
    try {
      await live.acs.api.createAlertRule({ kind: 'offline', intervals: 1 });
      const { sim, deviceId } = await startMonitoredDevice(live, { serial: 'ALR-TIMER', periodicSeconds: 1 });
      try {
        // One second of silence is one interval: the timer fires by itself.
        for (let i = 0; i < 100; i++) {
          if ((await live.acs.api.listAlerts({ state: 'open', deviceId })).length > 0) break;
          await new Promise((r) => setTimeout(r, 50));
        }
        const [alert] = await live.acs.api.listAlerts({ state: 'open', deviceId });
        assert.equal(alert?.kind, 'offline');
        await sim.runSession(['2 PERIODIC']);
        await live.monitoring.idle();
        assert.equal((await live.acs.api.listAlerts({ state: 'open', deviceId })).length, 0);
      } finally {
        await sim.close();
      }
    } finally {
      await live.close();
    }
  });
});

describe('shutdown with notifications in flight', () => {
  test('closing the ACS cancels a hanging webhook and a pending retry instead of waiting for them', { timeout: 30_000 }, async () => {
    const silent = await startWebhookReceiver('hang');
    const m = await startMonitoredAcs({}, { notifyRetryDelaysMs: [600_000], notifyTimeoutMs: 600_000 });
    try {
      await m.acs.api.setAlertSettings({ webhooks: [silent.url] });
      await m.acs.api.createAlertRule({ kind: 'firmware', expectedVersion: 'never' });
      const { sim } = await startMonitoredDevice(m, { serial: 'HOOK-CLOSE' });
      await sim.close();
      for (let i = 0; i < 200 && silent.attempts === 0; i++) await new Promise((r) => setTimeout(r, 10));
      assert.equal(silent.attempts, 1, 'the webhook request is in flight');
    } finally {
      // Would wait ten minutes for the receiver if the request were not cancelled.
      await m.close();
      await silent.close();
    }
  });
});

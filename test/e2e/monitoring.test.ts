// Health charts and alerts in Chromium against a real core whose monitoring runs on a test
// clock: a TR-181 radio CPE whose signal degrades fills the device's Health tab (throughput,
// Wi-Fi clients per band, signal, uptime, CPU), a threshold rule raises an alert that is
// acknowledged and muted from the Alerts page, a rule on a metric the model lacks says so, and
// the Overview shows devices online over time; with notifications allowed, a new alert makes a
// desktop Notification; Settings edits the metric definitions and sampling (the core's errors
// shown, defaults restored). Screenshots at both sizes and schemes.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { SimulatorHandle } from '../../electron/simulator/index.ts';
import { browserSkip, launchChromium, openApp, type OpenOptions, screenshot, screenshotEachLook, webRoot } from '../helpers/browser.ts';
import { eventually } from '../helpers/e2e-devices.ts';
import { periodic, startMonitoredAcs, startMonitoredDevice, type MonitoredAcs } from '../integration/metrics-helpers.ts';

/** A renderer built elsewhere (vite build --outDir ...) may be tested instead of dist/renderer. */
const root = process.env.DESKACS_WEB_ROOT ?? webRoot;

// The charts follow their container's width and the theme (rebuilt on a scheme change).
const eachLook = (page: Page, name: string, prepare?: () => Promise<void>): Promise<void> =>
  screenshotEachLook(page, name, { prepare, settleMs: 300 });

const skip = root === webRoot ? browserSkip : existsSync(join(root, 'index.html')) ? false : `no web UI at ${root}`;

describe('health charts and alerts in the browser', { skip }, () => {
  let m: MonitoredAcs;
  let browser: Browser;
  let sim: SimulatorHandle;
  let deviceId = '';

  before(async () => {
    m = await startMonitoredAcs({ webRoot: root });
    // Samples over the last few hours of real time, so the 24-hour charts show them.
    m.clock.ms = Date.now() - 4 * 3_600_000;
    await m.acs.api.createAlertRule({
      name: 'Weak radio signal',
      kind: 'threshold',
      metric: 'radio.signal',
      op: '<',
      value: -75,
      forMinutes: 10,
    });
    await m.acs.api.createAlertRule({ name: 'Low fibre power', kind: 'threshold', metric: 'optical.rxPower', op: '<', value: -27 });
    await m.acs.api.createAlertRule({ kind: 'offline', intervals: 3 });
    ({ sim, deviceId } = await startMonitoredDevice(m, {
      serial: 'HEALTH0001',
      health: {
        signalDbm: -58,
        rxBytesPerSecond: 3_000_000,
        txBytesPerSecond: 600_000,
        trafficSwing: 0.5,
        clients: { '2.4 GHz': 6, '5 GHz': 3 },
      },
    }));
    for (let i = 0; i < 40; i++) {
      if (i === 20) sim.health?.degradeSignal(0.4);
      await periodic(m, sim, 300);
      if (i % 4 === 0) m.monitoring.metrics.sampleFleet();
    }
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await sim?.close();
    await m?.close();
  });

  const open = (path: string, opts: OpenOptions = {}): ReturnType<typeof openApp> =>
    openApp(browser, m.apiUrl, m.acs.info.apiToken, path, opts);

  test('the Health tab charts every metric the device has and names the ones it lacks', async () => {
    const { page, context, errors } = await open(`/devices/${encodeURIComponent(deviceId)}?tab=health`);
    try {
      await page.getByRole('tab', { name: 'Health', selected: true }).waitFor();
      for (const title of ['WAN download', 'WAN upload', 'Wi-Fi clients', 'Radio signal', 'Uptime', 'CPU'])
        await page.getByRole('heading', { name: title, exact: true }).waitFor();
      await eventually('the charts drawn', async () => (await page.locator('.health-card canvas').count()) >= 6);
      const wan = page.locator('.health-card', { has: page.getByRole('heading', { name: 'WAN download', exact: true }) });
      assert.match((await wan.locator('.chart-summary').textContent()) ?? '', /Latest: \d+(\.\d+)? Mbit\/s/);
      const wifi = page.locator('.health-card', { has: page.getByRole('heading', { name: 'Wi-Fi clients', exact: true }) });
      assert.match((await wifi.locator('.chart-summary').textContent()) ?? '', /2\.4 GHz \d+ clients?, 5 GHz \d+ clients?/);
      await page.getByText(/Not available on this device: .*Optical RX power/).waitFor();
      await page.getByRole('status').filter({ hasText: 'Weak radio signal' }).waitFor();
      await page.getByRole('radio', { name: '7 days' }).check();
      await wan.getByText('hourly average').waitFor();
      await page.getByRole('radio', { name: '24 hours' }).check();
      await wan.getByText('every sample').waitFor();
      await eachLook(page, 'monitoring-health');
      const signal = page.locator('.health-card', { has: page.getByRole('heading', { name: 'Radio signal', exact: true }) });
      await eachLook(page, 'monitoring-health-charts', () => signal.scrollIntoViewIfNeeded());
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('the Alerts page: the open alert acknowledged and muted; rules with what they cannot watch', async () => {
    const { page, context, errors } = await open('/alerts');
    try {
      await page.getByRole('heading', { name: 'Open alerts' }).waitFor();
      const row = page.locator('.alerts-table tbody tr', { hasText: 'Weak radio signal' });
      await row.waitFor();
      assert.match((await row.textContent()) ?? '', /radio\.signal -\d+ < -75/);
      await row.getByRole('button', { name: /^Acknowledge/ }).click();
      await row.getByText('acknowledged').waitFor();
      await row.getByRole('button', { name: /^Mute/ }).click();
      await row.getByText(/muted until/).waitFor();
      const [alert] = await m.acs.api.listAlerts({ state: 'open', deviceId });
      assert.ok(alert?.ackedAt !== null && alert?.mutedUntil !== null);
      const fibre = page.locator('.rules-table tbody tr', { hasText: 'Low fibre power' });
      await fibre.getByText(/Not available on 1 device: model \S+ lacks metric optical\.rxPower/).waitFor();
      await eachLook(page, 'monitoring-alerts');
      // A new alert while the app is open: told at once by a toast.
      await m.acs.api.createAlertRule({ name: 'Expected firmware', kind: 'firmware', expectedVersion: '9.9' });
      await periodic(m, sim, 300);
      await page.getByText(/Alert: Expected firmware on \S+: runs firmware 1\.0\.0, not 9\.9/).waitFor();
      await page.locator('.alerts-table tbody tr', { hasText: 'Expected firmware' }).waitFor();
      await screenshot(page, 'monitoring-alert-toast', { viewport: 'wide', colorScheme: 'light' });
      // Deleting a rule asks first.
      await fibre.getByRole('button', { name: 'Delete Low fibre power' }).click();
      const dialog = page.getByRole('dialog', { name: /Delete the rule "Low fibre power"/ });
      await dialog.waitFor();
      await screenshot(page, 'monitoring-delete-rule', { viewport: 'wide', colorScheme: 'light' });
      await dialog.getByRole('button', { name: 'Delete rule' }).click();
      await fibre.waitFor({ state: 'detached' });
      assert.equal(
        (await m.acs.api.listAlertRules({})).some((r) => r.name === 'Low fibre power'),
        false,
      );
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('a new alert becomes a desktop notification when the operator allowed them', async () => {
    const { page, context, errors } = await open('/alerts', {
      beforeOpen: async (ctx) => {
        await ctx.grantPermissions(['notifications'], { origin: new URL(m.apiUrl).origin });
        // Records each `new Notification(...)` and still makes the real one (its permission is the
        // context's): a Proxy forwards Notification.permission to the browser's own.
        await ctx.addInitScript({
          content: `(() => {
            const seen = [];
            window.deskacsNotifications = seen;
            window.Notification = new Proxy(window.Notification, {
              construct(target, args) {
                seen.push({ title: args[0], body: (args[1] && args[1].body) || '' });
                return Reflect.construct(target, args);
              },
            });
          })();`,
        });
      },
    });
    try {
      await page.getByRole('heading', { name: 'Open alerts' }).waitFor();
      assert.equal(await page.evaluate<string>('Notification.permission'), 'granted');
      // Already allowed: nothing to ask.
      assert.equal(await page.getByRole('button', { name: 'Notify me on this computer' }).count(), 0);
      await m.acs.api.createAlertRule({ name: 'Firmware 8.8', kind: 'firmware', expectedVersion: '8.8' });
      await periodic(m, sim, 300);
      await page.getByText(/Alert: Firmware 8\.8 on \S+: runs firmware 1\.0\.0, not 8\.8/).waitFor();
      const shown = await page.evaluate<{ title: string; body: string }[]>('window.deskacsNotifications');
      assert.equal(shown.length, 1, JSON.stringify(shown));
      assert.equal(shown[0]?.title, 'DeskACS: Firmware 8.8');
      assert.match(shown[0]?.body ?? '', /runs firmware 1\.0\.0, not 8\.8/);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('the Overview shows devices online over time', async () => {
    const { page, context, errors } = await open('/overview');
    try {
      const card = page.locator('.chart-card', { has: page.getByRole('heading', { name: 'Devices online' }) });
      await card.locator('canvas').first().waitFor();
      assert.match((await card.locator('.chart-summary').textContent()) ?? '', /1 online now/);
      await eachLook(page, 'monitoring-overview', () => card.scrollIntoViewIfNeeded());
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('Settings edits the health metrics: a definition saved, a bad one refused with why, defaults restored', async () => {
    const { page, context, errors } = await open('/settings?section=metrics');
    try {
      const section = page.locator('#settings-metrics');
      await section.getByRole('heading', { name: 'Health metrics' }).waitFor();
      const interval = section.getByLabel('Sample each device at most every (seconds)');
      assert.equal(await interval.inputValue(), '300');
      await interval.fill('600');
      await section.getByRole('button', { name: 'Save', exact: true }).click();
      await section.getByText(/Saved: every 600 s, samples for 7 days, hourly for 13 months/).waitFor();
      assert.equal((await m.acs.api.getMetricSettings({})).samplingIntervalSeconds, 600);

      const editor = section.getByLabel('Metric definitions (JSON)');
      const defs = JSON.parse(await editor.inputValue()) as { name: string; label: string; models?: string[] }[];
      const cpu = defs.find((d) => d.name === 'cpu');
      assert.ok(cpu);
      cpu.label = 'CPU load';
      cpu.models = ['RadioCPE-1'];
      await editor.fill(JSON.stringify(defs, null, 2));
      await section.getByRole('button', { name: 'Save definitions' }).click();
      await section.getByText(`Saved: ${defs.length} metrics`).waitFor();
      const saved = (await m.acs.api.getMetricDefinitions({})).find((d) => d.name === 'cpu');
      assert.equal(saved?.label, 'CPU load');
      assert.deepEqual(saved?.models, ['RadioCPE-1']);

      // A bad path: the core's message, by the editor; nothing saved.
      const bad = defs.map((d) => (d.name === 'cpu' ? { ...d, sources: [{ path: 'Device..CPU' }] } : d));
      await editor.fill(JSON.stringify(bad, null, 2));
      await section.getByRole('button', { name: 'Save definitions' }).click();
      await section
        .getByRole('alert')
        .filter({ hasText: /metric \d+ \(cpu\): 'Device\.\.CPU' is not a parameter path/ })
        .waitFor();
      await eachLook(page, 'settings-health-metrics', () => section.scrollIntoViewIfNeeded());
      assert.equal((await m.acs.api.getMetricDefinitions({})).find((d) => d.name === 'cpu')?.label, 'CPU load');

      await section.getByRole('button', { name: 'Restore defaults' }).click();
      await section.getByText(/Restored the \d+ metrics built in/).waitFor();
      assert.equal((await m.acs.api.getMetricDefinitions({})).find((d) => d.name === 'cpu')?.label, 'CPU');
      assert.match(await editor.inputValue(), /"label": "CPU"/);
      // The refused save is the one 400 the browser logs.
      assert.deepEqual(
        errors.filter((e) => !/status of 400/.test(e)),
        [],
      );
    } finally {
      await m.acs.api.setMetricSettings({ samplingIntervalSeconds: 300 });
      await context.close();
    }
  });
});

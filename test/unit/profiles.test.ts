// The profile engine's pure parts (versions, serial patterns, templates, waves, validation) and
// the planner over a real store: {{subscriber.*}} waits for a subscriber instead of sending an
// empty value, and a binding change (an in-memory SubscriberDirectory) makes it plannable and
// announces provisioningChanged.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Subscriber } from '../../shared/models-provisioning.ts';
import { createEventHub } from '../../electron/core/events.ts';
import { silentLogger } from '../../electron/core/log.ts';
import { defaultQuirks } from '../../electron/core/services/quirks.ts';
import { createProfileEngine } from '../../electron/core/services/profiles/engine.ts';
import { compareVersions, serialMatches } from '../../electron/core/services/profiles/match.ts';
import { createProfileService, splitWaves } from '../../electron/core/services/profiles/service.ts';
import { render, templateProblem } from '../../electron/core/services/profiles/templates.ts';
import { normalizeProfile } from '../../electron/core/services/profiles/validate.ts';
import { hostProblem } from '../../electron/core/services/stun-enable.ts';
import type { SubscriberDirectory } from '../../electron/core/services/subscribers/directory.ts';
import { builtinModel } from '../../electron/simulator/index.ts';
import { makeInform } from '../helpers/inform.ts';
import { tempStore } from '../helpers/temp-store.ts';

describe('profile building blocks', () => {
  test('versions compare segment by segment, numbers as numbers', () => {
    assert.ok(compareVersions('1.2.10', '1.2.9') > 0);
    assert.equal(compareVersions('V1.2.0', 'V1.2'), 0);
    assert.ok(compareVersions('1.0.0 Build 230301', '1.0.1') < 0);
  });

  test('serial patterns take * and ?', () => {
    assert.ok(serialMatches('2207*', '22071234'));
    assert.ok(serialMatches('AB?D', 'abcd'));
    assert.ok(!serialMatches('2207*', '12207'));
  });

  test('templates: device variables, subscriber waits, random kept by the caller', () => {
    const device = { id: 'A-B-C', oui: 'A', productClass: 'B', serialNumber: 'C', manufacturer: 'M', modelName: 'X' } as never;
    const ctx = { device, macAddress: null, subscriber: null, random: (n: number) => 'r'.repeat(n) };
    assert.deepEqual(render('Net-{{serialNumber}}-{{random:3}}', ctx), { ok: true, value: 'Net-C-rrr' });
    assert.deepEqual(render('{{subscriber.wifiKey}}', ctx), { ok: false, waiting: 'waiting for a subscriber' });
    assert.match(templateProblem('{{nope}}') ?? '', /unknown variable \{\{nope\}\}/);
    assert.match(templateProblem('{{serialNumber}') ?? '', /unclosed/);
    assert.equal(templateProblem('{{random:12}} {{subscriber.pppoeUsername}}'), null);
  });

  test('waves: the last size repeats', () => {
    assert.deepEqual(splitWaves(['a', 'b', 'c', 'd', 'e', 'f'], [1, 2]), [['a'], ['b', 'c'], ['d', 'e'], ['f']]);
  });

  test('validation names every problem at once', () => {
    assert.throws(
      () => normalizeProfile({ name: 'p', match: { oui: '12345G', serial: 'a b' }, set: { 'wifi.nme': 'x', 'Device.X.': 'y' } }),
      (e: Error) =>
        /match\.oui '12345G' must be 6 hex digits/.test(e.message) &&
        /match\.serial 'a b' may hold only/.test(e.message) &&
        /'wifi\.nme' is not a common setting/.test(e.message) &&
        /'Device\.X\.' is neither a common setting nor a parameter path/.test(e.message),
    );
    const doc = normalizeProfile({ name: ' p ', set: { 'mgmt.periodicInformInterval': 600 } });
    assert.equal(doc.name, 'p');
    assert.deepEqual(doc.set, { 'mgmt.periodicInformInterval': '600' });
    assert.deepEqual(doc.when, ['firstContact', 'everyInform']);
  });

  test('a STUN server address must be a host name or IP address', () => {
    for (const host of ['acs.example.net', 'acs', '192.0.2.10', '2001:db8::1', 'acs-1.example.net.'])
      assert.equal(hostProblem(host), null, host);
    assert.match(hostProblem('https://acs.example.net') ?? '', /is a URL/);
    assert.match(hostProblem('[2001:db8::1]') ?? '', /without brackets/);
    assert.match(hostProblem('acs.example.net:3478') ?? '', /holds a port/);
    for (const bad of ['a b', '-acs.example.net', 'acs..net', 'acs_1.net', ''])
      assert.match(hostProblem(bad) ?? '', /not a host name/, bad);
    assert.throws(
      () => normalizeProfile({ name: 'p', stun: { enabled: true, serverAddress: 'a b' } }),
      /stun\.serverAddress: 'a b' is not a host/,
    );
    assert.deepEqual(normalizeProfile({ name: 'p', stun: { enabled: true } }).stun, { enabled: true });
    assert.deepEqual(normalizeProfile({ name: 'p', stun: { enabled: false } }).stun, { enabled: false });
  });
});

describe('the profile store', () => {
  test('versions grow at each change; a rename keeps the kept random values; names are unique', () => {
    const store = tempStore('profiles-store');
    const at = new Date('2026-05-01T10:00:00Z');
    const { deviceId } = store.informs.record({
      inform: makeInform({ serial: 'ST1' }),
      remoteAddress: '127.0.0.1',
      cwmpVersion: '1.2',
      at,
      warnings: [],
    });
    const a = store.profiles.create({ name: 'a', set: { 'wifi.ssid': 'x' } }, at);
    assert.equal(a.version, 1);
    assert.equal(
      store.profiles.randomValue(deviceId, 'a', 'wifi.key', () => 'first'),
      'first',
    );
    assert.equal(
      store.profiles.randomValue(deviceId, 'a', 'wifi.key', () => 'second'),
      'first',
    );
    const renamed = store.profiles.update('a', { name: 'b', priority: 3, set: { 'wifi.ssid': 'y' } }, new Date('2026-05-02T10:00:00Z'));
    assert.deepEqual([renamed?.name, renamed?.version, renamed?.priority], ['b', 2, 3]);
    assert.equal(
      store.profiles.randomValue(deviceId, 'b', 'wifi.key', () => 'third'),
      'first',
    );
    assert.equal(store.profiles.update('nope', { name: 'nope' }, at), undefined);
    store.profiles.create({ name: 'c', set: {} }, at);
    assert.throws(() => store.profiles.update('c', { name: 'b' }, at), /a profile named 'b' already exists/);
    assert.equal(store.profiles.remove('b'), true);
    assert.equal(
      store.profiles.randomValue(deviceId, 'c', 'wifi.key', () => 'fresh'),
      'fresh',
    );
  });
});

describe('subscriber variables', () => {
  test('a step waits for a subscriber, then a binding makes it plannable and is announced', async () => {
    const store = tempStore('profiles');
    const events = createEventHub();
    const at = new Date('2026-05-01T10:00:00Z');
    const inform = makeInform({
      serial: 'SUB1',
      parameters: [{ name: 'Device.DeviceInfo.SoftwareVersion', value: '1.0.0', type: 'xsd:string' }],
    });
    const { deviceId } = store.informs.record({ inform, remoteAddress: '127.0.0.1', cwmpVersion: '1.2', at, warnings: [] });
    const model = builtinModel('tr181');
    store.parameters.upsertNames(
      deviceId,
      model.all().map((n) => ({ name: n.path, writable: n.writable })),
      at,
    );
    store.parameters.upsertValues(
      deviceId,
      model
        .all()
        .filter((n) => !n.object)
        .map((n) => ({ name: n.path, value: n.value, type: n.type })),
      at,
    );

    let bound: Subscriber | null = null;
    const listeners: ((id: string) => void)[] = [];
    const directory: SubscriberDirectory = {
      forDevice: (id) => (id === deviceId ? bound : null),
      onBindingChanged: (l) => {
        listeners.push(l);
        return () => {};
      },
    };
    const woken: string[] = [];
    const engine = createProfileEngine({
      store,
      events,
      log: silentLogger,
      now: () => at,
      quirksFor: () => ({ ...defaultQuirks }),
      changed: () => {},
      subscribers: directory,
      wake: (id) => woken.push(id),
    });
    const service = createProfileService({
      store,
      engine,
      now: () => at,
      quirksFor: () => ({ ...defaultQuirks }),
      wake: async () => {},
      log: silentLogger,
    });
    service.create({
      name: 'pppoe',
      set: { 'wan.pppoe.username': '{{subscriber.pppoeUsername}}', 'wan.pppoe.password': '{{subscriber.pppoePassword}}' },
    });

    const waiting = service.provisioning(deviceId);
    assert.deepEqual(
      waiting.steps.map((s) => [s.item, s.state, s.message]),
      [
        ['wan.pppoe.username', 'pending', 'waiting for a subscriber'],
        ['wan.pppoe.password', 'pending', 'waiting for a subscriber'],
      ],
    );
    assert.deepEqual(service.dryRun('pppoe', deviceId).rpcs, []);

    bound = {
      accountId: 'A-1',
      name: 'Ada',
      serial: 'SUB1',
      mac: null,
      pppoeUsername: 'ada@isp',
      pppoePassword: 'pw-secret',
      wifiSsid: null,
      wifiKey: null,
      tags: [],
      deviceId,
      boundAt: at.toISOString(),
      createdAt: at.toISOString(),
      updatedAt: at.toISOString(),
    };
    const announced = new Promise<string>((resolve) => events.on('provisioningChanged', (e) => resolve(e.deviceId)));
    for (const l of listeners) l(deviceId);
    assert.equal(await announced, deviceId);
    assert.deepEqual(woken, [deviceId]);
    const dry = service.dryRun('pppoe', deviceId);
    assert.deepEqual(dry.rpcs, [
      {
        method: 'SetParameterValues',
        detail: {
          parameterList: [
            { name: 'Device.PPP.Interface.1.Username', value: 'ada@isp', type: 'xsd:string' },
            { name: 'Device.PPP.Interface.1.Password', value: '••••••', type: 'xsd:string' },
          ],
        },
        reason: 'pppoe: wan.pppoe.username, pppoe: wan.pppoe.password',
      },
    ]);
    assert.equal(service.provisioning(deviceId).subscriber?.pppoePassword, '••••••');
    engine.close();
  });
});

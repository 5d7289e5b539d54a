// The profile editor's form <-> document translation (renderer/src/pages/provisioning/profiles/profile-form.ts):
// empty fields left out, common settings and raw paths in `set`, Name=Value lines, and the
// problems the form can tell before the core checks the rest.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Profile } from '../../shared/models-provisioning.ts';
import { emptyForm, formOf, inputOf, parseLines } from '../../renderer/src/pages/provisioning/profiles/profile-form.ts';

const known = new Set(['wifi.ssid', 'wifi.key', 'wan.pppoe.username']);

describe('profile form', () => {
  test('an empty form is a profile for every device with the default triggers, once named', () => {
    const { input, problems } = inputOf(emptyForm());
    assert.deepEqual(problems, ['the profile needs a name']);
    const named = inputOf({ ...emptyForm(), name: ' home ' });
    assert.deepEqual(named.problems, []);
    assert.equal(named.input.name, 'home');
    assert.deepEqual(named.input.match, {});
    assert.deepEqual(named.input.when, ['firstContact', 'everyInform']);
    assert.equal(named.input.priority, 0);
    assert.equal(named.input.connectionRequest, undefined);
    assert.equal(named.input.periodicInform, undefined);
    assert.equal(named.input.firmware, undefined);
    assert.equal(named.input.stun, undefined);
    assert.equal(input.name, '');
  });

  test('set rows: a common setting or a raw path; a duplicate or an empty target is a problem', () => {
    const f = {
      ...emptyForm(),
      name: 'p',
      set: [
        { key: 'wifi.ssid', path: '', value: 'Net-{{serialNumber}}' },
        { key: '', path: ' Device.X.Y ', value: '1' },
        { key: 'wifi.ssid', path: '', value: 'again' },
        { key: '', path: '', value: 'x' },
      ],
    };
    const { input, problems } = inputOf(f);
    assert.deepEqual(input.set, { 'wifi.ssid': 'Net-{{serialNumber}}', 'Device.X.Y': '1' });
    assert.deepEqual(problems, ['set row 3: wifi.ssid is set twice', 'set row 4: pick a setting or type a path']);
  });

  test('match, objects, management and firmware fields become the document; half-filled pairs are problems', () => {
    const f = emptyForm();
    f.name = 'p';
    f.match = { ...f.match, oui: 'A0B1C2', swMin: '1.2', serial: '2207*', paramValue: 'orphan' };
    f.objects = [{ table: 'Device.NAT.PortMapping.', key: 'ExternalPort=8080', set: 'InternalPort=80\nbroken' }];
    f.crUsername = 'cr';
    f.periodic = 'on';
    f.periodicInterval = '300';
    f.firmwareMinVersion = '2.0';
    const { input, problems } = inputOf(f);
    assert.deepEqual(input.match, { oui: 'A0B1C2', serial: '2207*', softwareVersion: { min: '1.2' } });
    assert.deepEqual(input.objects, [{ table: 'Device.NAT.PortMapping.', key: { ExternalPort: '8080' }, set: { InternalPort: '80' } }]);
    assert.deepEqual(input.periodicInform, { enabled: true, intervalSeconds: 300 });
    assert.deepEqual(problems, [
      'match: a parameter value needs its path',
      'object 1 values: “broken” is not Name=Value',
      'connection request: both a user name and a password',
      'firmware floor: pick a file and the minimum version',
    ]);
  });

  test('a stored profile round-trips through the form', () => {
    const p: Profile = {
      name: 'home',
      description: 'd',
      priority: 5,
      enabled: false,
      match: { model: 'X1', softwareVersion: { max: '3' }, parameter: { path: 'Device.A', value: 'b' } },
      when: ['boot'],
      set: { 'wifi.key': '{{random:12}}', 'Device.Raw.Path': 'v' },
      objects: [{ table: 'Device.T.', key: { K: '1' } }],
      attributes: [{ parameter: 'wan.ip', notification: 2 }],
      connectionRequest: { username: 'u', password: 'pw' },
      periodicInform: { enabled: false },
      firmware: { fileId: 7, minVersion: '1.4' },
      stun: { enabled: false },
      version: 3,
      createdAt: '2026-01-01T00:00:00Z',
      updatedAt: '2026-01-02T00:00:00Z',
      matchedDevices: 2,
    };
    const form = formOf(p, known);
    assert.deepEqual(form.set, [
      { key: 'wifi.key', path: '', value: '{{random:12}}' },
      { key: '', path: 'Device.Raw.Path', value: 'v' },
    ]);
    const { input, problems } = inputOf(form);
    assert.deepEqual(problems, []);
    assert.deepEqual(input, {
      name: 'home',
      description: 'd',
      priority: 5,
      enabled: false,
      match: p.match,
      when: ['boot'],
      set: p.set,
      objects: [{ table: 'Device.T.', key: { K: '1' } }],
      attributes: p.attributes,
      connectionRequest: p.connectionRequest,
      periodicInform: { enabled: false },
      firmware: p.firmware,
      stun: { enabled: false },
    });
    const on = formOf({ ...p, stun: { enabled: true, serverAddress: 'acs.example.net' } }, known);
    assert.deepEqual([on.stun, on.stunServerAddress], ['on', 'acs.example.net']);
    assert.deepEqual(inputOf(on).input.stun, { enabled: true, serverAddress: 'acs.example.net' });
    assert.equal(formOf({ ...p, stun: null }, known).stun, 'leave');
  });

  test('STUN: ticked without an address uses the default; an address that is a URL is a problem', () => {
    const f = { ...emptyForm(), name: 'p', stun: 'on' as const };
    assert.deepEqual(inputOf(f).input.stun, { enabled: true });
    assert.deepEqual(inputOf({ ...f, stunServerAddress: ' 192.0.2.10 ' }).input.stun, { enabled: true, serverAddress: '192.0.2.10' });
    assert.deepEqual(inputOf({ ...f, stunServerAddress: 'http://acs.example.net' }).problems, [
      'STUN server address: a host name or IP address only, such as acs.example.net',
    ]);
    // Unticked: nothing about STUN in the document, whatever address was typed.
    assert.equal(inputOf({ ...f, stun: 'leave', stunServerAddress: 'x y' }).input.stun, undefined);
  });

  test('Name=Value lines: blank lines skipped, the value may hold =', () => {
    const problems: string[] = [];
    assert.deepEqual(parseLines('A=1\n\n B = x=y \n', 'w', problems), { A: '1', B: 'x=y' });
    assert.deepEqual(problems, []);
  });
});

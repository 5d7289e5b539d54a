// The parameter tree's search by common-setting name (renderer/src/pages/device/tree/tree-model.ts
// searchTree with aliases): 'wifi.ssid' or the label finds the parameter it resolved to, first.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildTree, searchTree } from '../../renderer/src/pages/device/tree/tree-model.ts';
import type { ParameterRow } from '../../shared/models.ts';

const at = '2026-12-01T08:00:00.000Z';
const obj = (path: string): ParameterRow => ({ path, value: null, type: null, writable: false, object: true, updatedAt: at });
const leaf = (path: string, value: string): ParameterRow => ({
  path,
  value,
  type: 'xsd:string',
  writable: true,
  object: false,
  updatedAt: at,
});

const model = buildTree([
  obj('Device.'),
  obj('Device.WiFi.'),
  obj('Device.WiFi.SSID.'),
  obj('Device.WiFi.SSID.1.'),
  leaf('Device.WiFi.SSID.1.Enable', 'true'),
  leaf('Device.WiFi.SSID.1.SSID', 'Home'),
  obj('Device.WiFi.SSID.2.'),
  leaf('Device.WiFi.SSID.2.SSID', 'Home-5G'),
  obj('Device.PPP.'),
  obj('Device.PPP.Interface.'),
  obj('Device.PPP.Interface.1.'),
  leaf('Device.PPP.Interface.1.Username', 'ann'),
]);
const aliases = new Map([
  ['Device.WiFi.SSID.1.SSID', 'wifi.ssid wi-fi name (2.4 ghz)'],
  ['Device.WiFi.SSID.2.SSID', 'wifi.5g.ssid wi-fi name (5 ghz)'],
  ['Device.PPP.Interface.1.Username', 'wan.pppoe.username pppoe username'],
]);
const paths = (q: string, a?: Map<string, string>): string[] => searchTree(model, q, a).matches.map((n) => n.path);

describe('tree search by common setting', () => {
  test('the setting key finds its parameter first, then the path matches in display order', () => {
    assert.deepEqual(paths('wifi.ssid', aliases)[0], 'Device.WiFi.SSID.1.SSID');
    assert.deepEqual(paths('wan.pppoe.username', aliases), ['Device.PPP.Interface.1.Username']);
    // Without aliases the key is only a path fragment.
    assert.deepEqual(paths('wan.pppoe.username'), []);
  });

  test('the label finds the parameter, and the objects above it are revealed', () => {
    assert.deepEqual(paths('Wi-Fi name', aliases), ['Device.WiFi.SSID.1.SSID', 'Device.WiFi.SSID.2.SSID']);
    const r = searchTree(model, 'pppoe username', aliases);
    assert.ok(r.reveal.has('Device.PPP.Interface.1.'));
  });
});

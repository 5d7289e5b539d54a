// The parameter tree's pure logic (renderer/src/pages/device/tree): built from stored rows,
// flattened by what is open, searched with matches revealed, exported as CSV.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { treeCsv, treeCsvName } from '../../renderer/src/pages/device/tree/tree-csv.ts';
import {
  buildTree,
  flattenVisible,
  instanceFields,
  isSecretPath,
  onlyInformParameters,
  searchTree,
} from '../../renderer/src/pages/device/tree/tree-model.ts';
import {
  editorKind,
  enumOptions,
  fromDateTimeLocal,
  sameValue,
  stepInteger,
  toDateTimeLocal,
} from '../../renderer/src/pages/device/tree/tree-values.ts';
import type { ParameterRow } from '../../shared/models.ts';

const at = '2026-12-01T08:00:00.000Z';
const obj = (path: string): ParameterRow => ({ path, value: null, type: null, writable: false, object: true, updatedAt: at });
const leaf = (path: string, value: string, type = 'xsd:string', writable = true): ParameterRow => ({
  path,
  value,
  type,
  writable,
  object: false,
  updatedAt: at,
});

const rows: ParameterRow[] = [
  leaf('Device.NAT.PortMapping.10.Description', 'ten'),
  obj('Device.'),
  obj('Device.NAT.'),
  leaf('Device.NAT.PortMappingNumberOfEntries', '3', 'xsd:unsignedInt', false),
  obj('Device.NAT.PortMapping.'),
  obj('Device.NAT.PortMapping.2.'),
  leaf('Device.NAT.PortMapping.2.Description', 'two'),
  leaf('Device.NAT.PortMapping.2.Enable', 'true', 'xsd:boolean'),
  obj('Device.NAT.PortMapping.10.'),
  leaf('Device.NAT.PortMapping.1.Description', 'one'),
  // An object known only from its parameters' paths.
  leaf('Device.WiFi.SSID.1.SSID', 'HomeNet'),
  leaf('Device.WiFi.SSID.1.Status', 'Up', 'xsd:string', false),
  leaf('Device.WiFi.AccessPoint.1.Security.KeyPassphrase', 'hunter22'),
  leaf('Device.DeviceInfo.SerialNumber', 'SN,"1"'),
];

describe('parameter tree model', () => {
  test('builds objects from paths, adds objects known only from descendants, counts leaves', () => {
    const m = buildTree(rows);
    assert.deepEqual(
      m.roots.map((r) => r.path),
      ['Device.'],
    );
    const wifi = m.byPath.get('Device.WiFi.');
    assert.ok(wifi?.object);
    assert.equal(wifi.row, null);
    assert.equal(m.byPath.get('Device.WiFi.SSID.1.SSID')?.level, 5);
    assert.equal(m.byPath.get('Device.WiFi.SSID.1.SSID')?.name, 'SSID');
    assert.equal(m.leaves, 9);
    assert.equal(m.byPath.get('Device.')?.leafCount, 9);
    assert.equal(m.byPath.get('Device.NAT.PortMapping.')?.leafCount, 4);
  });

  test('orders instances numerically (2 before 10) and parameters before objects', () => {
    const m = buildTree(rows);
    const table = m.byPath.get('Device.NAT.PortMapping.');
    assert.deepEqual(
      table?.children.map((c) => c.name),
      ['1', '2', '10'],
    );
    assert.deepEqual(
      m.byPath.get('Device.NAT.')?.children.map((c) => c.name),
      ['PortMappingNumberOfEntries', 'PortMapping'],
    );
    assert.deepEqual(
      m.byPath.get('Device.')?.children.map((c) => c.name),
      ['DeviceInfo', 'NAT', 'WiFi'],
    );
  });

  test('marks tables and instances, also an empty table counted by a NumberOfEntries sibling', () => {
    const m = buildTree(rows);
    const table = m.byPath.get('Device.NAT.PortMapping.');
    assert.equal(table?.table, true);
    assert.equal(m.byPath.get('Device.NAT.PortMapping.2.')?.instance, true);
    assert.equal(m.byPath.get('Device.NAT.')?.table, false);
    const empty = buildTree([obj('Device.'), leaf('Device.HostNumberOfEntries', '0', 'xsd:unsignedInt', false), obj('Device.Host.')]);
    assert.equal(empty.byPath.get('Device.Host.')?.table, true);
    assert.deepEqual(instanceFields(table ?? assert.fail('no table')), [
      { name: 'Description', type: 'xsd:string' },
      { name: 'Enable', type: 'xsd:boolean' },
    ]);
  });

  test('flattens only open objects, with aria set sizes and positions', () => {
    const m = buildTree(rows);
    const closed = flattenVisible(m, () => false);
    assert.deepEqual(
      closed.map((r) => r.node.path),
      ['Device.'],
    );
    const open = new Set(['Device.', 'Device.NAT.', 'Device.NAT.PortMapping.']);
    const shown = flattenVisible(m, (p) => open.has(p));
    assert.deepEqual(
      shown.map((r) => r.node.path),
      [
        'Device.',
        'Device.DeviceInfo.',
        'Device.NAT.',
        'Device.NAT.PortMappingNumberOfEntries',
        'Device.NAT.PortMapping.',
        'Device.NAT.PortMapping.1.',
        'Device.NAT.PortMapping.2.',
        'Device.NAT.PortMapping.10.',
        'Device.WiFi.',
      ],
    );
    const ten = shown.find((r) => r.node.path === 'Device.NAT.PortMapping.10.');
    assert.deepEqual([ten?.setSize, ten?.posInSet, ten?.node.level], [3, 3, 4]);
  });

  test('search finds names and values, reveals the ancestors of every match, never searches secrets', () => {
    const m = buildTree(rows);
    const r = searchTree(m, 'ssid');
    assert.deepEqual(
      r.matches.map((n) => n.path),
      ['Device.WiFi.SSID.', 'Device.WiFi.SSID.1.SSID'],
    );
    assert.deepEqual([...r.reveal].sort(), ['Device.', 'Device.WiFi.', 'Device.WiFi.SSID.', 'Device.WiFi.SSID.1.']);
    const shown = flattenVisible(m, (p) => r.reveal.has(p)).map((x) => x.node.path);
    assert.ok(shown.includes('Device.WiFi.SSID.1.SSID'));
    assert.deepEqual(
      searchTree(m, 'homenet').matches.map((n) => n.path),
      ['Device.WiFi.SSID.1.SSID'],
    );
    assert.equal(searchTree(m, 'hunter').matches.length, 0);
    assert.deepEqual(
      searchTree(m, 'PortMapping.2.d').matches.map((n) => n.path),
      ['Device.NAT.PortMapping.2.Description'],
    );
    assert.equal(searchTree(m, '  ').matches.length, 0);
  });

  test('search stays fast at 6,000 parameters', () => {
    const big: ParameterRow[] = [obj('Device.')];
    for (let i = 1; i <= 1000; i++) {
      big.push(obj(`Device.Hosts.Host.${i}.`));
      for (const n of ['HostName', 'IPAddress', 'MACAddress', 'Active', 'Layer2Interface', 'LeaseTimeRemaining'])
        big.push(leaf(`Device.Hosts.Host.${i}.${n}`, `${n}-${i}`));
    }
    const t0 = performance.now();
    const m = buildTree(big);
    const built = performance.now() - t0;
    const t1 = performance.now();
    const r = searchTree(m, 'hostname-99');
    const rowsShown = flattenVisible(m, (p) => r.reveal.has(p)).length;
    const searched = performance.now() - t1;
    assert.equal(m.leaves, 6000);
    assert.equal(r.matches.length, 11);
    assert.ok(rowsShown > 11);
    assert.ok(built < 500 && searched < 100, `build ${built} ms, search ${searched} ms`);
  });

  test('only-Inform trees are told apart from refreshed ones', () => {
    assert.equal(onlyInformParameters([leaf('Device.DeviceInfo.SerialNumber', 'x')]), true);
    assert.equal(onlyInformParameters(rows), false);
    assert.equal(onlyInformParameters([]), false);
  });
});

describe('parameter values', () => {
  test('secrets by name', () => {
    for (const p of ['A.Password', 'A.KeyPassphrase', 'A.PreSharedKey.1.PreSharedKey', 'A.WEPKey.1.WEPKey', 'A.X_Passphrase'])
      assert.equal(isSecretPath(p), true, p);
    for (const p of ['A.PasswordPolicy', 'A.Username', 'A.Password.']) assert.equal(isSecretPath(p), false, p);
  });

  test('editor kinds, enumerations and equal values by type', () => {
    assert.equal(editorKind('Device.X', 'xsd:boolean'), 'boolean');
    assert.equal(editorKind('Device.X', 'xsd:unsignedInt'), 'number');
    assert.equal(editorKind('Device.X', 'xsd:dateTime'), 'dateTime');
    assert.equal(editorKind('Device.NAT.PortMapping.3.Protocol', 'xsd:string'), 'enum');
    assert.equal(editorKind('Device.WiFi.SSID.1.SSID', 'xsd:string'), 'text');
    assert.deepEqual(enumOptions('Device.NAT.PortMapping.3.Protocol', 'SCTP'), ['SCTP', 'TCP', 'UDP']);
    assert.equal(sameValue('xsd:boolean', '1', 'true'), true);
    assert.equal(sameValue('xsd:unsignedInt', '042', '42'), true);
    assert.equal(sameValue('xsd:string', 'a ', 'a'), false);
    assert.equal(stepInteger('4294967295', 'xsd:unsignedInt', 1), '4294967295');
    assert.equal(stepInteger('0', 'xsd:unsignedInt', -1), '0');
    assert.equal(stepInteger('abc', 'xsd:int', 1), null);
  });

  test('dateTime to and from the datetime field, in UTC', () => {
    assert.equal(toDateTimeLocal('2026-12-01T08:00:00Z'), '2026-12-01T08:00:00');
    assert.equal(toDateTimeLocal('2026-12-01T10:00:00+02:00'), '2026-12-01T08:00:00');
    assert.equal(toDateTimeLocal('0001-01-01T00:00:00Z'), '0001-01-01T00:00:00');
    assert.equal(toDateTimeLocal('garbage'), '');
    assert.equal(fromDateTimeLocal('2026-12-01T08:00'), '2026-12-01T08:00:00Z');
  });

  test('CSV: quoted fields, secrets masked, a file name with the serial', () => {
    const csv = treeCsv(buildTree(rows));
    const lines = csv.split('\r\n');
    assert.equal(lines[0], 'Path,Value,Type,Writable,Last read');
    assert.ok(lines.includes(`Device.DeviceInfo.SerialNumber,"SN,""1""",xsd:string,true,${at}`));
    assert.ok(lines.includes(`Device.WiFi.AccessPoint.1.Security.KeyPassphrase,(hidden),xsd:string,true,${at}`));
    assert.ok(!csv.includes('hunter22'));
    assert.equal(treeCsvName('SN/12 3', new Date(2026, 11, 1, 14, 32)), 'parameters-SN_12_3-2026-12-01-1432.csv');
  });
});

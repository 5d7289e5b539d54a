// The backups' diffs: Myers' line diff gives a shortest edit script that rebuilds both files,
// long unchanged runs are cut to their edges, huge files are truncated; parameter diffs count
// added, removed and changed values; the simulator's configuration file round-trips.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cutContext, diffLines, diffText, diffValues, MAX_DIFF_LINES } from '../../electron/core/services/backups-diff.ts';
import { builtinModel } from '../../electron/simulator/builtin-models.ts';
import { configFile, parseConfigFile } from '../../electron/simulator/device-files.ts';

function rebuild(lines: { op: string; text: string }[], side: 'a' | 'b'): string[] {
  return lines.filter((l) => l.op === 'same' || l.op === (side === 'a' ? 'removed' : 'added')).map((l) => l.text);
}

test('the line diff rebuilds both sides with the fewest edits', () => {
  const cases: [string[], string[], number][] = [
    [['a', 'b', 'c', 'a', 'b', 'b', 'a'], ['c', 'b', 'a', 'b', 'a', 'c'], 5],
    [[], ['x', 'y'], 2],
    [['x', 'y'], [], 2],
    [['same'], ['same'], 0],
    [['1', '2', '3', '4'], ['1', 'X', '3', '4', '5'], 3],
  ];
  for (const [a, b, edits] of cases) {
    const d = diffLines(a, b);
    assert.deepEqual(rebuild(d, 'a'), a);
    assert.deepEqual(rebuild(d, 'b'), b);
    assert.equal(d.filter((l) => l.op !== 'same').length, edits, JSON.stringify({ a, b, d }));
  }
});

test('unchanged runs keep 3 lines of context at each edge; files past the limit are truncated', () => {
  const a = Array.from({ length: 40 }, (_, i) => `line ${i}`);
  const b = a.map((l, i) => (i === 20 ? 'changed' : l));
  const { lines, added, removed, truncated } = diffText(a.join('\n'), b.join('\n'));
  assert.deepEqual([added, removed, truncated], [1, 1, false]);
  assert.deepEqual(
    lines.map((l) => l.text),
    [
      '… 17 unchanged lines …',
      'line 17',
      'line 18',
      'line 19',
      'line 20',
      'changed',
      'line 21',
      'line 22',
      'line 23',
      '… 16 unchanged lines …',
    ],
  );
  assert.deepEqual(cutContext([{ op: 'same', text: 'only' }], 3), [{ op: 'same', text: 'only' }]);
  const long = Array.from({ length: MAX_DIFF_LINES + 10 }, (_, i) => `${i}`).join('\n');
  assert.equal(diffText(long, `${long}\nmore`).truncated, true);
});

test('parameter diffs name each added, removed and changed value', () => {
  const d = diffValues(
    [
      ['A', '1', 'xsd:int'],
      ['B', 'x', 'xsd:string'],
    ],
    [
      ['A', '2', 'xsd:int'],
      ['C', 'new', 'xsd:string'],
    ],
  );
  assert.deepEqual([d.added, d.removed, d.changed], [1, 1, 1]);
  assert.deepEqual(d.changes, [
    { name: 'A', before: '1', after: '2' },
    { name: 'B', before: 'x', after: null },
    { name: 'C', before: null, after: 'new' },
  ]);
});

test("the simulator's configuration file names model and version and round-trips values with newlines", () => {
  const model = builtinModel('tr181');
  model.setValue('Device.WiFi.SSID.1.SSID', 'two\nlines \\ slash');
  const file = configFile(model);
  assert.match(file.split('\n')[0] ?? '', /^# DESKACS-CONFIG model=\S+ version=\S+/);
  const entries = new Map(parseConfigFile(file));
  assert.equal(entries.get('Device.WiFi.SSID.1.SSID'), 'two\nlines \\ slash');
  assert.equal(entries.has('Device.DeviceInfo.SerialNumber'), false, 'read-only values are not in it');
});

// What a firmware file's name tells: version, manufacturer and product class by vendor pattern;
// and the byte ranges the file server accepts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { factsFromName } from '../../electron/core/files/file-name.ts';
import { parseRange } from '../../electron/core/files/serve.ts';

test('vendor file names give the version, and the manufacturer and model where the pattern is distinctive', () => {
  assert.deepEqual(factsFromName('Archer_C6_V3_250319.bin'), { version: 'V3_250319', manufacturer: 'TP-Link', productClass: 'Archer C6' });
  assert.deepEqual(factsFromName('HG8245H_V5R020C10S115.bin'), {
    version: 'V5R020C10S115',
    manufacturer: 'Huawei',
    productClass: 'HG8245H',
  });
  assert.deepEqual(factsFromName('V300R019C10SPC200.bin'), { version: 'V300R019C10SPC200', manufacturer: 'Huawei', productClass: '' });
  assert.deepEqual(factsFromName('routeros-7.15.2-arm.npk'), { version: '7.15.2', manufacturer: 'MikroTik', productClass: '' });
  assert.deepEqual(factsFromName('ZXHN_F670L_V9.0.11P1N3.bin'), { version: 'V9.0.11P1N3', manufacturer: 'ZTE', productClass: 'F670L' });
});

test('other names: a dotted version when there is one, else nothing invented', () => {
  assert.deepEqual(factsFromName('fw-2.1.0.bin'), { version: '2.1.0', manufacturer: '', productClass: '' });
  assert.deepEqual(factsFromName('C:\\firmware\\openwrt-23.05.3-x86-64.img').version, '23.05.3');
  assert.deepEqual(factsFromName('backup.cfg'), { version: '', manufacturer: '', productClass: '' });
});

test('one byte range at a time: bounded, open-ended, suffix; outside the file is unsatisfiable', () => {
  assert.equal(parseRange(undefined, 100), null);
  assert.deepEqual(parseRange('bytes=0-9', 100), [0, 9]);
  assert.deepEqual(parseRange('bytes=90-', 100), [90, 99]);
  assert.deepEqual(parseRange('bytes=-10', 100), [90, 99]);
  assert.deepEqual(parseRange('bytes=50-500', 100), [50, 99]);
  assert.equal(parseRange('bytes=100-', 100), 'unsatisfiable');
  assert.equal(parseRange('bytes=9-3', 100), 'unsatisfiable');
  // Several ranges, or another unit: the whole file (RFC 9110 14.2 lets a server ignore Range).
  assert.equal(parseRange('bytes=0-1,5-6', 100), null);
  assert.equal(parseRange('items=0-1', 100), null);
});

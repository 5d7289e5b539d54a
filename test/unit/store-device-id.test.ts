import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { deviceIdOf } from '../../electron/core/store/device-id.ts';

const id = (oui: string, productClass: string, serialNumber: string) => ({ manufacturer: 'M', oui, productClass, serialNumber });

describe('store deviceIdOf', () => {
  test('joins OUI, product class and serial with the OUI upper-cased', () => {
    assert.equal(deviceIdOf(id('00259e', 'HG8245H', '4857544300000001')), '00259E-HG8245H-4857544300000001');
  });

  test("escapes '-' inside a part so the id splits back unambiguously", () => {
    assert.equal(deviceIdOf(id('A0B1C2', 'Archer-C6', 'SN-1')), 'A0B1C2-Archer%2DC6-SN%2D1');
    assert.notEqual(deviceIdOf(id('A', 'B-C', 'D')), deviceIdOf(id('A', 'B', 'C-D')));
  });

  test('percent-encodes spaces, slashes and non-ASCII (emoji too) as UTF-8 bytes; keeps _ . ~', () => {
    assert.equal(deviceIdOf(id('A0B1C2', 'P', 'x\u{1F600}')), 'A0B1C2-P-x%F0%9F%98%80');
    assert.equal(deviceIdOf(id('A0B1C2', 'Box v2/EU', 'é_1.2~x')), 'A0B1C2-Box%20v2%2FEU-%C3%A9_1.2~x');
    assert.equal(deviceIdOf(id('A0B1C2', 'P', '100%')), 'A0B1C2-P-100%25');
  });

  test('trims surrounding whitespace and keeps an empty product class as an empty part', () => {
    assert.equal(deviceIdOf(id(' a0b1c2 ', '', ' SN1\n')), 'A0B1C2--SN1');
  });
});

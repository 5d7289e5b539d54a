import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { booleanFormOf, canonicalType, coerceValue, inferType, type CoerceResult } from '../../electron/core/services/values.ts';

function value(r: CoerceResult): string {
  if (!r.ok) assert.fail(`expected ok, got: ${r.message}`);
  return r.value;
}

function message(r: CoerceResult): string {
  if (r.ok) assert.fail(`expected a refusal, got '${r.value}'`);
  return r.message;
}

describe('coerceValue: integers', () => {
  test('xsd:int accepts its boundaries and refuses one past them', () => {
    assert.equal(value(coerceValue('-2147483648', 'xsd:int')), '-2147483648');
    assert.equal(value(coerceValue(2147483647, 'xsd:int')), '2147483647');
    message(coerceValue('2147483648', 'xsd:int'));
    message(coerceValue(-2147483649, 'xsd:int'));
  });

  test('xsd:unsignedInt: 4294967295 ok, 4294967296 and -1 refused', () => {
    assert.equal(value(coerceValue('4294967295', 'xsd:unsignedInt')), '4294967295');
    assert.equal(value(coerceValue(0, 'xsd:unsignedInt')), '0');
    message(coerceValue('4294967296', 'xsd:unsignedInt'));
    message(coerceValue(-1, 'xsd:unsignedInt'));
    message(coerceValue('-1', 'xsd:unsignedInt'));
  });

  test('the message names the value, type, parameter and expected range', () => {
    assert.equal(
      message(coerceValue('abc', 'xsd:unsignedInt', undefined, 'Device.ManagementServer.PeriodicInformInterval')),
      "'abc' is not a valid xsd:unsignedInt for Device.ManagementServer.PeriodicInformInterval (expected a whole number 0–4294967295)",
    );
    assert.equal(message(coerceValue(1.5, 'xsd:int')), '1.5 is not a valid xsd:int (expected a whole number -2147483648–2147483647)');
  });

  test("trims surrounding whitespace (xsd whiteSpace=collapse) and canonicalises: ' 12 ', '+7', '007', '-0'", () => {
    assert.equal(value(coerceValue(' 12 ', 'xsd:int')), '12');
    assert.equal(value(coerceValue('\t300\n', 'xsd:unsignedInt')), '300');
    assert.equal(value(coerceValue('+7', 'xsd:int')), '7');
    assert.equal(value(coerceValue('007', 'xsd:unsignedInt')), '7');
    assert.equal(value(coerceValue('-0', 'xsd:unsignedInt')), '0');
  });

  test('refuses fractions, exponents, hex, empty text, inner spaces and JS booleans', () => {
    for (const raw of ['1.5', '1.0', '1e3', '0x10', '', '   ', '1 2', '12abc', true, null, undefined, {}, [], Number.NaN, Infinity]) {
      message(coerceValue(raw, 'xsd:int'));
    }
  });

  test('xsd:long and xsd:unsignedLong are checked with BigInt at their exact limits', () => {
    assert.equal(value(coerceValue('9223372036854775807', 'xsd:long')), '9223372036854775807');
    assert.equal(value(coerceValue('-9223372036854775808', 'xsd:long')), '-9223372036854775808');
    message(coerceValue('9223372036854775808', 'xsd:long'));
    message(coerceValue('-9223372036854775809', 'xsd:long'));
    assert.equal(value(coerceValue('18446744073709551615', 'xsd:unsignedLong')), '18446744073709551615');
    message(coerceValue('18446744073709551616', 'xsd:unsignedLong'));
    message(coerceValue('-1', 'xsd:unsignedLong'));
    assert.equal(value(coerceValue(18446744073709551615n, 'xsd:unsignedLong')), '18446744073709551615');
    message(coerceValue(2n ** 64n, 'xsd:unsignedLong'));
  });

  test('refuses JS numbers past 2^53, which are already rounded', () => {
    assert.equal(value(coerceValue(Number.MAX_SAFE_INTEGER, 'xsd:long')), '9007199254740991');
    assert.match(message(coerceValue(2 ** 53, 'xsd:long')), /give numbers this large as text/);
  });
});

describe('coerceValue: booleans', () => {
  const trues: unknown[] = [true, 'true', 'TRUE', 'True', ' true ', '1', 1, 1n];
  const falses: unknown[] = [false, 'false', 'FALSE', 'False', '0', ' 0\n', 0, 0n];

  test("defaults to 'true'/'false'", () => {
    for (const raw of trues) assert.equal(value(coerceValue(raw, 'xsd:boolean')), 'true', String(raw));
    for (const raw of falses) assert.equal(value(coerceValue(raw, 'xsd:boolean')), 'false', String(raw));
    assert.equal(value(coerceValue('1', 'xsd:boolean', { booleanForm: 'word' })), 'true');
  });

  test("sends '1'/'0' for booleanForm 'numeric'", () => {
    for (const raw of trues) assert.equal(value(coerceValue(raw, 'xsd:boolean', { booleanForm: 'numeric' })), '1');
    for (const raw of falses) assert.equal(value(coerceValue(raw, 'xsd:boolean', { booleanForm: 'numeric' })), '0');
  });

  test('refuses yes/no, on/off, 2, empty and other values', () => {
    for (const raw of ['yes', 'no', 'on', 'off', 'enabled', '2', '', 2, -1, null, 'tru']) {
      assert.match(
        message(coerceValue(raw, 'xsd:boolean', undefined, 'Device.WiFi.Radio.1.Enable')),
        /for Device\.WiFi\.Radio\.1\.Enable \(expected true, false, 1 or 0\)$/,
      );
    }
  });

  test('booleanFormOf reads the form a device reports', () => {
    assert.equal(booleanFormOf(['1', '0', '0']), 'numeric');
    assert.equal(booleanFormOf(['true', 'FALSE']), 'word');
    assert.equal(booleanFormOf(['1', 'true']), undefined);
    assert.equal(booleanFormOf([]), undefined);
    assert.equal(booleanFormOf(['', 'junk']), undefined);
  });
});

describe('coerceValue: dateTime', () => {
  test('keeps a UTC value and accepts the Unknown Time', () => {
    assert.equal(value(coerceValue('2024-05-31T14:00:00Z', 'xsd:dateTime')), '2024-05-31T14:00:00Z');
    assert.equal(value(coerceValue('0001-01-01T00:00:00Z', 'xsd:dateTime')), '0001-01-01T00:00:00Z');
    assert.equal(value(coerceValue('9999-12-31T23:59:59Z', 'xsd:dateTime')), '9999-12-31T23:59:59Z');
  });

  test('converts offsets to UTC, across a day and a year', () => {
    assert.equal(value(coerceValue('2024-05-31T14:00:00+02:00', 'xsd:dateTime')), '2024-05-31T12:00:00Z');
    assert.equal(value(coerceValue('2024-12-31T23:30:00-01:00', 'xsd:dateTime')), '2025-01-01T00:30:00Z');
    assert.equal(value(coerceValue('2024-03-01T01:00:00+0530', 'xsd:dateTime')), '2024-02-29T19:30:00Z');
  });

  test('takes a value without a zone as UTC (TR-106 3.2), and accepts a space, t and z', () => {
    assert.equal(value(coerceValue('2024-05-31T14:00:00', 'xsd:dateTime')), '2024-05-31T14:00:00Z');
    assert.equal(value(coerceValue(' 2024-05-31 14:00:00z ', 'xsd:dateTime')), '2024-05-31T14:00:00Z');
    assert.equal(value(coerceValue('2024-05-31t14:00:00Z', 'xsd:dateTime')), '2024-05-31T14:00:00Z');
  });

  test('keeps significant fractional seconds and drops zero ones', () => {
    assert.equal(value(coerceValue('2024-05-31T14:00:00.250Z', 'xsd:dateTime')), '2024-05-31T14:00:00.25Z');
    assert.equal(value(coerceValue('2024-05-31T14:00:00.000Z', 'xsd:dateTime')), '2024-05-31T14:00:00Z');
  });

  test('24:00:00 is the next midnight; Date objects are accepted', () => {
    assert.equal(value(coerceValue('2024-02-29T24:00:00Z', 'xsd:dateTime')), '2024-03-01T00:00:00Z');
    assert.equal(value(coerceValue(new Date(Date.UTC(2024, 0, 2, 3, 4, 5)), 'xsd:dateTime')), '2024-01-02T03:04:05Z');
    assert.equal(value(coerceValue(new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 120)), 'xsd:dateTime')), '2024-01-02T03:04:05.12Z');
  });

  test('refuses impossible dates, the 0000-00-00 CPE placeholder, leap seconds and epoch numbers', () => {
    const bad: unknown[] = [
      '0000-00-00T00:00:00',
      '2023-02-29T00:00:00Z',
      '2024-04-31T00:00:00Z',
      '2024-13-01T00:00:00Z',
      '2024-05-31T25:00:00Z',
      '2024-05-31T24:00:01Z',
      '2024-05-31T14:60:00Z',
      '2016-12-31T23:59:60Z',
      '2024-05-31T14:00:00+15:00',
      '2024-05-31',
      '31/05/2024 14:00',
      '11:54::14',
      '',
      1717164000,
      new Date(Number.NaN),
      '9999-12-31T23:59:59-01:00',
      '0001-01-01T00:00:00+01:00',
    ];
    for (const raw of bad) message(coerceValue(raw, 'xsd:dateTime'));
    assert.match(
      message(coerceValue('2023-02-29T00:00:00Z', 'xsd:dateTime', undefined, 'Device.Time.X')),
      /^'2023-02-29T00:00:00Z' is not a valid xsd:dateTime for Device\.Time\.X \(expected a date and time like/,
    );
  });
});

describe('coerceValue: base64 and hexBinary', () => {
  test('base64: valid text, padding, empty, and line breaks removed', () => {
    assert.equal(value(coerceValue('aGVsbG8=', 'xsd:base64')), 'aGVsbG8=');
    assert.equal(value(coerceValue('aGk=', 'xsd:base64')), 'aGk=');
    assert.equal(value(coerceValue('aGVsbG8h', 'xsd:base64')), 'aGVsbG8h');
    assert.equal(value(coerceValue('', 'xsd:base64')), '');
    assert.equal(value(coerceValue('aGVs\r\nbG8=', 'xsd:base64Binary')), 'aGVsbG8=');
    assert.deepEqual(coerceValue(' aGk= ', 'xsd:base64Binary'), { ok: true, value: 'aGk=', type: 'xsd:base64Binary' });
  });

  test('base64: refuses bad length, misplaced padding, foreign characters; hints at URL-safe base64', () => {
    for (const raw of ['aGVsbG8', 'aGVsbG8==', 'a===', '=aGk', 'aG=k', 'aGk*', 42]) message(coerceValue(raw, 'xsd:base64'));
    assert.match(message(coerceValue('aG-_', 'xsd:base64')), /not the URL-safe/);
  });

  test('hexBinary: even hex digits, trimmed, case kept', () => {
    assert.equal(value(coerceValue('0a1B2c', 'xsd:hexBinary')), '0a1B2c');
    assert.equal(value(coerceValue(' FF ', 'xsd:hexBinary')), 'FF');
    assert.equal(value(coerceValue('', 'xsd:hexBinary')), '');
  });

  test('hexBinary: refuses odd length, non-hex and separators (with a hint)', () => {
    message(coerceValue('ABC', 'xsd:hexBinary'));
    message(coerceValue('GG', 'xsd:hexBinary'));
    message(coerceValue(255, 'xsd:hexBinary'));
    assert.match(message(coerceValue('AA:BB:CC', 'xsd:hexBinary')), /without separators/);
  });
});

describe('coerceValue: strings, types and XML safety', () => {
  test('xsd:string keeps text exactly, and stringifies numbers, bigints and booleans', () => {
    assert.equal(value(coerceValue('  My SSID  ', 'xsd:string')), '  My SSID  ');
    assert.equal(value(coerceValue('', 'xsd:string')), '');
    assert.equal(value(coerceValue(42, 'xsd:string')), '42');
    assert.equal(value(coerceValue(1.5, 'xsd:string')), '1.5');
    assert.equal(value(coerceValue(10n, 'xsd:string')), '10');
    assert.equal(value(coerceValue(true, 'xsd:string')), 'true');
    for (const raw of [null, undefined, {}, [], Number.NaN, Infinity]) message(coerceValue(raw, 'xsd:string'));
  });

  test('refuses characters XML cannot carry, for every type', () => {
    assert.match(
      message(coerceValue('bad\u0001ssid', 'xsd:string', undefined, 'Device.WiFi.SSID.1.SSID')),
      /U\+0001, which XML cannot carry/,
    );
    message(coerceValue('x\uFFFE', 'xsd:string'));
    message(coerceValue('lone \uD800 surrogate', 'xsd:string'));
    message(coerceValue('1\u0000', 'xsd:int'));
    assert.equal(value(coerceValue('tab\tnew\nline\r', 'xsd:string')), 'tab\tnew\nline\r');
    assert.equal(value(coerceValue('emoji \u{1F600}', 'xsd:string')), 'emoji \u{1F600}');
  });

  test('type names are canonicalised; the result carries the canonical name', () => {
    const r = coerceValue('5', 'unsignedint');
    assert.deepEqual(r, { ok: true, value: '5', type: 'xsd:unsignedInt' });
    assert.deepEqual(coerceValue('5', 'xs:INT'), { ok: true, value: '5', type: 'xsd:int' });
    assert.deepEqual(coerceValue('x', ''), { ok: true, value: 'x', type: 'xsd:string' });
    assert.equal(canonicalType(' xsd:datetime '), 'xsd:dateTime');
    assert.equal(canonicalType('boolean'), 'xsd:boolean');
  });

  test('other prefixes and unknown xsd types pass through as text with the given type', () => {
    assert.deepEqual(coerceValue('192.0.2.1', 'cwmp:IPAddress'), { ok: true, value: '192.0.2.1', type: 'cwmp:IPAddress' });
    assert.deepEqual(coerceValue('not base64!', 'soap-enc:base64'), { ok: true, value: 'not base64!', type: 'soap-enc:base64' });
    assert.deepEqual(coerceValue(1.25, 'xsd:decimal'), { ok: true, value: '1.25', type: 'xsd:decimal' });
  });
});

describe('inferType', () => {
  test('booleans, whole numbers by sign and size, dates, and everything else as string', () => {
    assert.equal(inferType(true), 'xsd:boolean');
    assert.equal(inferType(0), 'xsd:unsignedInt');
    assert.equal(inferType(4294967295), 'xsd:unsignedInt');
    assert.equal(inferType(4294967296), 'xsd:unsignedLong');
    assert.equal(inferType(-1), 'xsd:int');
    assert.equal(inferType(-2147483649), 'xsd:long');
    assert.equal(inferType(2n ** 64n - 1n), 'xsd:unsignedLong');
    assert.equal(inferType(2n ** 64n), 'xsd:string');
    assert.equal(inferType(-(2n ** 63n) - 1n), 'xsd:string');
    assert.equal(inferType(1.5), 'xsd:string');
    assert.equal(inferType(new Date()), 'xsd:dateTime');
    assert.equal(inferType('1234'), 'xsd:string');
    assert.equal(inferType('true'), 'xsd:string');
    assert.equal(inferType(null), 'xsd:string');
  });

  test('an inferred type accepts the value it was inferred from', () => {
    for (const v of [true, 0, 4294967296, -5, -2147483649, 2n ** 63n, 'text']) {
      assert.equal(coerceValue(v, inferType(v)).ok, true, String(v));
    }
  });
});

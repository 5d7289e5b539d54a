// The billing CSV as DeskACS reads it: encodings (BOM, UTF-16, Latin-1), delimiters, quoted
// fields with delimiters, quotes and line breaks, header synonyms and explicit mappings, and the
// per-field checks a row gets (MAC spellings, Wi-Fi key length, tags).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AcsError } from '../../shared/errors.ts';
import { decodeCsv, detectDelimiter, parseCsv } from '../../electron/core/services/subscribers/csv.ts';
import { mapColumns } from '../../electron/core/services/subscribers/csv-mapping.ts';
import { checkFields, FieldError, masked, normaliseMac, SECRET_MASK } from '../../electron/core/services/subscribers/fields.ts';

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

describe('decodeCsv', () => {
  test('UTF-8 with or without a BOM', () => {
    assert.equal(decodeCsv(bytes([0xef, 0xbb, 0xbf], 'Account;Name\n1;Zoë')), 'Account;Name\n1;Zoë');
    assert.equal(decodeCsv(bytes('a,b')), 'a,b');
    assert.equal(decodeCsv('\uFEFFa,b'), 'a,b');
  });

  test('UTF-16 (with a BOM or without) is refused with how to save the file', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Account,Name\n', 'utf16le')]);
    assert.throws(
      () => decodeCsv(le),
      (e: unknown) => e instanceof AcsError && e.code === 'bad_request' && /UTF-16/.test(e.message) && /CSV UTF-8/.test(e.message),
    );
    assert.throws(() => decodeCsv(Buffer.from('Account,Name\n', 'utf16le')), /UTF-16/);
  });

  test('Latin-1 bytes are refused naming the line', () => {
    const latin1 = bytes('Account,Name\n1,Anna\n2,Zo', [0xeb], '\n');
    assert.throws(
      () => decodeCsv(latin1),
      (e: unknown) => e instanceof AcsError && /not UTF-8/.test(e.message) && /line 3/.test(e.message),
    );
  });
});

describe('parseCsv', () => {
  test('the delimiter is the one the header uses', () => {
    assert.equal(detectDelimiter('a;b;c\n1,2;3'), ';');
    assert.equal(detectDelimiter('"a;x",b,c\n'), ',');
    assert.equal(detectDelimiter('a\tb\n'), '\t');
  });

  test('quoted fields hold delimiters, doubled quotes and line breaks; records keep their first line', () => {
    const text = 'Account,Name,Note\r\n1,"Doe, John","said ""hi"""\r\n\r\n2,"two\nlines",x\n3,plain,';
    const { records, errors } = parseCsv(text);
    assert.deepEqual(errors, []);
    assert.deepEqual(records, [
      { line: 1, fields: ['Account', 'Name', 'Note'] },
      { line: 2, fields: ['1', 'Doe, John', 'said "hi"'] },
      { line: 4, fields: ['2', 'two\nlines', 'x'] },
      { line: 6, fields: ['3', 'plain', ''] },
    ]);
  });

  test('an unclosed quote is an error on the line it starts', () => {
    const { records, errors } = parseCsv('a,b\n1,"open\n2,x\n');
    assert.equal(records.length, 1);
    assert.deepEqual(errors, [{ line: 2, message: 'a quoted field is not closed (a " is missing) before the end of the file' }]);
  });
});

describe('mapColumns', () => {
  test('header names are matched by synonyms', () => {
    const header = ['Customer No', 'Full Name', 'Serial Number', 'MAC', 'PPPoE User', 'PPPoE Password', 'SSID', 'Wi-Fi password', 'Tags'];
    assert.deepEqual(mapColumns(header), {
      accountId: 0,
      name: 1,
      serial: 2,
      mac: 3,
      pppoeUsername: 4,
      pppoePassword: 5,
      wifiSsid: 6,
      wifiKey: 7,
      tags: 8,
    });
    assert.deepEqual(mapColumns(['account_id', 'name', 'password']), { accountId: 0, name: 1, pppoePassword: 2 });
  });

  test('an explicit mapping wins; unknown columns and missing required ones are named', () => {
    assert.deepEqual(mapColumns(['Kundennr', 'Kunde', 'User'], { accountId: 'kundennr', name: 'Kunde' }), {
      accountId: 0,
      name: 1,
      pppoeUsername: 2,
    });
    assert.throws(() => mapColumns(['A', 'B'], { accountId: 'Nope' }), /accountId: 'Nope'.*the header has: A, B/);
    assert.throws(
      () => mapColumns(['Serial', 'SSID']),
      (e: unknown) =>
        e instanceof AcsError &&
        /no column for account id \(accountId\), name \(name\)/.test(e.message) &&
        /'Serial', 'SSID'/.test(e.message),
    );
  });
});

describe('subscriber fields', () => {
  test('MACs in every usual spelling', () => {
    for (const m of ['AA:BB:CC:00:11:22', 'aa-bb-cc-00-11-22', 'aabb.cc00.1122', 'AABBCC001122'])
      assert.equal(normaliseMac(m), 'aa:bb:cc:00:11:22');
    assert.equal(normaliseMac('aa:bb:cc:00:11'), null);
    assert.equal(normaliseMac('zz:bb:cc:00:11:22'), null);
  });

  test('checks name the bad field; empty means none; the mask keeps a stored secret', () => {
    assert.deepEqual(checkFields({ name: ' Ann ', serial: '', mac: 'AABBCC001122', wifiKey: SECRET_MASK, tags: 'vip|tower-3, vip' }), {
      name: 'Ann',
      serial: null,
      mac: 'aa:bb:cc:00:11:22',
      tags: ['tower-3', 'vip'],
    });
    assert.throws(
      () => checkFields({ mac: 'nope' }),
      (e: unknown) => e instanceof FieldError && /'nope' is not a MAC address/.test(e.message),
    );
    assert.throws(() => checkFields({ wifiKey: 'short' }), /Wi-Fi password must be 8 to 63/);
    assert.throws(() => checkFields({ name: '' }), /the name is empty/);
    assert.throws(() => checkFields({ serial: 'AB 12' }), /holds spaces/);
    assert.throws(() => checkFields({ wifiSsid: 'x'.repeat(33) }), /longer than 32 bytes/);
  });

  test('results mask secrets unless revealed', () => {
    const s = {
      accountId: 'A1',
      name: 'Ann',
      serial: null,
      mac: null,
      pppoeUsername: 'ann',
      pppoePassword: 'pw-secret',
      wifiSsid: 'Net',
      wifiKey: null,
      tags: [],
      deviceId: null,
      boundAt: null,
      createdAt: '',
      updatedAt: '',
    };
    assert.equal(masked(s).pppoePassword, SECRET_MASK);
    assert.equal(masked(s).wifiKey, null);
    assert.equal(masked(s, true).pppoePassword, 'pw-secret');
  });
});

describe('importSubscribers on a store', () => {
  test('a file of bad rows lists the first 1000 and says how many more', async () => {
    const { openStore } = await import('../../electron/core/store/index.ts');
    const { importSubscribers } = await import('../../electron/core/services/subscribers/import.ts');
    const store = openStore({ memory: true });
    try {
      const rows = Array.from({ length: 1500 }, (_, i) => `A${i},Name ${i},bad-mac-${i}`);
      const { result } = importSubscribers(store, { csv: ['account,name,mac', ...rows].join('\n') });
      assert.equal(result.created, 0);
      assert.equal(result.errors.length, 1001);
      assert.deepEqual(result.errors[1000], { line: 1002, message: 'and 500 more refused lines from here on (fix the ones above first)' });
    } finally {
      store.close();
    }
  });
});

describe('csvCell', () => {
  test('quotes what needs quoting and defuses formulas', async () => {
    const { csvCell } = await import('../../electron/core/services/subscribers/export.ts');
    assert.equal(csvCell('plain'), 'plain');
    assert.equal(csvCell(null), '');
    assert.equal(csvCell('Doe, "JJ"'), '"Doe, ""JJ"""');
    assert.equal(csvCell('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
    assert.equal(csvCell('+1'), "'+1");
    assert.equal(csvCell('-5'), '-5');
  });
});

// Subscribers through the JSON API of a real ACS: a billing CSV posted as the raw body imports
// its good rows and names its bad lines (bad MAC, Wi-Fi key, duplicate serial in the file or
// with another account, a row with too many fields); missing columns, UTF-16 and Latin-1 files
// are refused with a clear message; a re-import updates by account id; dryRun writes nothing.
// Secrets are masked in list and get, shown with reveal=true, and never written to the log.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from '../../shared/models.ts';
import type { Subscriber, SubscriberImportResult } from '../../shared/models-provisioning.ts';
import { apiGet, apiPost } from '../helpers/acs-harness.ts';
import { apiRaw, startSubscriberHarness, type SubscriberHarness } from './subscribers-helpers.ts';

const MASK = '••••••';
const SECRETS = ['pppoe-Secret-1', 'wifi-Secret-11', 'pppoe-Secret-2', 'wifi-Secret-22', 'pppoe-Secret-3'];

const BILLING = [
  'Customer No;Full Name;Serial Number;MAC;PPPoE User;PPPoE Password;SSID;Wi-Fi password;Tags',
  `1001;"Doe; John";SN-1001;AA-BB-CC-00-10-01;john@isp;${SECRETS[0]};John-Net;${SECRETS[1]};vip|north`,
  `1002;Ann Smith;SN-1002;aabbcc001002;ann@isp;${SECRETS[2]};Ann-Net;${SECRETS[3]};`,
  '1003;Bad Mac;SN-1003;not-a-mac;bad@isp;x;Net;12345678;',
  '1004;Dup Serial;SN-1001;;dup@isp;;;;',
  '1005;Short Key;SN-1005;;short@isp;;Net;short;',
  '1006;Too;Many;;;;;;;extra',
  ';No Account;SN-1007;;;;;;',
  `1008;"Multi`,
  `line";SN-1008;;m@isp;${SECRETS[4]};;;`,
].join('\r\n');

describe('subscribers API', () => {
  let h: SubscriberHarness;
  const importCsv = (csv: string | Buffer, query = ''): ReturnType<typeof apiRaw> =>
    apiRaw(h, 'POST', `/api/subscribers/import${query}`, typeof csv === 'string' ? Buffer.from(csv, 'utf8') : csv);

  before(async () => {
    h = await startSubscriberHarness();
  });
  after(async () => {
    await h?.close();
  });

  test('a CSV with bad rows imports the good ones and names the bad lines', async () => {
    const r = await importCsv(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(BILLING, 'utf8')]));
    assert.equal(r.status, 200, r.body);
    const result = r.json as SubscriberImportResult;
    assert.equal(result.created, 3);
    assert.equal(result.updated, 0);
    assert.equal(result.dryRun, false);
    assert.deepEqual(
      result.errors.map((e) => e.line),
      [4, 5, 6, 7, 8],
    );
    const byLine = new Map(result.errors.map((e) => [e.line, e.message]));
    assert.match(byLine.get(4) ?? '', /'not-a-mac' is not a MAC address/);
    assert.match(byLine.get(5) ?? '', /serial number 'SN-1001' is also on line 2/);
    assert.match(byLine.get(6) ?? '', /Wi-Fi password must be 8 to 63/);
    assert.match(byLine.get(7) ?? '', /10 fields where the header has 9/);
    assert.match(byLine.get(8) ?? '', /account id is empty/);
    assert.deepEqual(result.mapping, {
      accountId: 'Customer No',
      name: 'Full Name',
      serial: 'Serial Number',
      mac: 'MAC',
      pppoeUsername: 'PPPoE User',
      pppoePassword: 'PPPoE Password',
      wifiSsid: 'SSID',
      wifiKey: 'Wi-Fi password',
      tags: 'Tags',
    });
    const john = h.store.subscribers.get('1001');
    assert.equal(john?.name, 'Doe; John');
    assert.equal(john?.mac, 'aa:bb:cc:00:10:01');
    assert.equal(john?.pppoePassword, SECRETS[0]);
    assert.deepEqual(john?.tags, ['north', 'vip']);
    assert.equal(h.store.subscribers.get('1008')?.name, 'Multi line');
    assert.equal(h.store.subscribers.get('1003'), undefined);
  });

  test('missing required columns are named, with the header the file has', async () => {
    const r = await importCsv('Serial,SSID\nSN-1,Net\n');
    assert.equal(r.status, 400);
    assert.match(JSON.stringify(r.json), /no column for account id \(accountId\), name \(name\): the header has 'Serial', 'SSID'/);
  });

  test('a text/plain body is taken as the CSV; a form body is told to send text/csv', async () => {
    const plain = await apiRaw(
      h,
      'POST',
      '/api/subscribers/import',
      Buffer.from('Account,Name\nTXT-1,Plain Pat\n'),
      'text/plain; charset=utf-8',
    );
    assert.equal(plain.status, 200, plain.body);
    assert.equal(h.store.subscribers.get('TXT-1')?.name, 'Plain Pat');
    assert.deepEqual(h.subscribers.remove('TXT-1'), { removed: true });
    const form = await apiRaw(h, 'POST', '/api/subscribers/import', Buffer.from('Account=1&Name=Ann'), 'application/x-www-form-urlencoded');
    assert.equal(form.status, 400);
    assert.match(JSON.stringify(form.json), /body is not valid JSON.*send it with Content-Type: text\/csv/);
    // A route that takes no file says nothing of CSV.
    const other = await apiRaw(h, 'POST', '/api/profiles', Buffer.from('name=x'), 'application/x-www-form-urlencoded');
    assert.equal(other.status, 400);
    assert.doesNotMatch(JSON.stringify(other.json), /text\/csv/);
  });

  test('UTF-16 and Latin-1 files are refused with how to save them', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Account,Name\n1,Ann\n', 'utf16le')]);
    const a = await importCsv(utf16);
    assert.equal(a.status, 400);
    assert.match(JSON.stringify(a.json), /UTF-16.*CSV UTF-8/);
    const latin1 = Buffer.concat([Buffer.from('Account,Name\n9001,Zo'), Buffer.from([0xeb]), Buffer.from('\n')]);
    const b = await importCsv(latin1);
    assert.equal(b.status, 400);
    assert.match(JSON.stringify(b.json), /not UTF-8 text \(line 2/);
    assert.equal(h.store.subscribers.get('9001'), undefined);
  });

  test('a serial that belongs to another account is refused on its line', async () => {
    const r = await apiPost(h, '/api/subscribers/import', { csv: 'account_id,name,serial\n2001,Eve,sn-1002\n2002,Bob,SN-2002\n' });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    const result = r.json as SubscriberImportResult;
    assert.equal(result.created, 1);
    assert.deepEqual(result.errors, [{ line: 2, message: "serial number 'sn-1002' belongs to account '1002'" }]);
  });

  test('a re-import updates by account id, leaves absent columns alone, and swaps serials', async () => {
    const dry = await apiPost(h, '/api/subscribers/import', {
      csv: 'Account,Name,Serial\n1001,John Doe,SN-1002\n1002,Ann Smith,SN-1001\n',
      dryRun: true,
    });
    assert.equal(dry.status, 200);
    assert.deepEqual(
      { ...(dry.json as SubscriberImportResult), mapping: {} },
      { created: 0, updated: 2, unchanged: 0, errors: [], mapping: {}, dryRun: true },
    );
    assert.equal(h.store.subscribers.get('1001')?.serial, 'SN-1001');

    const r = await importCsv('Account,Name,Serial\n1001,John Doe,SN-1002\n1002,Ann Smith,SN-1001\n2002,Bob,SN-2002\n', '?dryRun=false');
    assert.equal(r.status, 200, r.body);
    assert.deepEqual(r.json, {
      created: 0,
      updated: 2,
      unchanged: 1,
      errors: [],
      mapping: { accountId: 'Account', name: 'Name', serial: 'Serial' },
      dryRun: false,
    });
    const john = h.store.subscribers.get('1001');
    assert.equal(john?.name, 'John Doe');
    assert.equal(john?.serial, 'SN-1002');
    assert.equal(h.store.subscribers.get('1002')?.serial, 'SN-1001');
    // Columns the file does not have are kept.
    assert.equal(john?.pppoePassword, SECRETS[0]);
    assert.equal(john?.mac, 'aa:bb:cc:00:10:01');
  });

  test('an explicit mapping names the columns', async () => {
    const r = await apiPost(h, '/api/subscribers/import', {
      csv: 'Kundennr\tKunde\tRouter\n3001\tHans\tSN-3001\n',
      mapping: { accountId: 'Kundennr', name: 'Kunde', serial: 'Router' },
    });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    assert.equal((r.json as SubscriberImportResult).created, 1);
    assert.equal(h.store.subscribers.get('3001')?.serial, 'SN-3001');
  });

  test('list and get mask secrets; reveal=true shows them', async () => {
    const list = await apiGet(h, '/api/subscribers?limit=2');
    assert.equal(list.status, 200);
    const page = list.json as Page<Subscriber>;
    assert.equal(page.items.length, 2);
    assert.ok(page.next !== null);
    assert.equal(page.items[0]?.pppoePassword, MASK);
    assert.equal(page.items[0]?.wifiKey, MASK);
    const rest = (await apiGet(h, `/api/subscribers?after=${encodeURIComponent(page.next ?? '')}`)).json as Page<Subscriber>;
    assert.deepEqual(
      [...page.items, ...rest.items].map((s) => s.accountId),
      ['1001', '1002', '1008', '2002', '3001'],
    );
    assert.equal(JSON.stringify([page, rest]).includes('Secret'), false);

    const got = (await apiGet(h, '/api/subscribers/1001')).json as Subscriber;
    assert.equal(got.pppoePassword, MASK);
    const revealed = (await apiGet(h, '/api/subscribers/1001?reveal=true')).json as Subscriber;
    assert.equal(revealed.pppoePassword, SECRETS[0]);
    assert.equal(revealed.wifiKey, SECRETS[1]);

    const byMac = (await apiGet(h, '/api/subscribers?q=aabbcc0010')).json as Page<Subscriber>;
    assert.deepEqual(
      byMac.items.map((s) => s.accountId),
      ['1001', '1002'],
    );
    const byUser = (await apiGet(h, '/api/subscribers?q=ANN@')).json as Page<Subscriber>;
    assert.deepEqual(
      byUser.items.map((s) => s.accountId),
      ['1002'],
    );
    const unbound = (await apiGet(h, '/api/subscribers?bound=false')).json as Page<Subscriber>;
    assert.equal(unbound.total, 5);
  });

  test('export: the import columns, secrets masked unless revealed; imported again it changes nothing', async () => {
    const r = await apiPost(h, '/api/subscribers/export', {});
    assert.equal(r.status, 200, JSON.stringify(r.json));
    const { csv, count } = r.json as { csv: string; count: number };
    assert.equal(count, 5);
    const lines = csv.trimEnd().split('\r\n');
    assert.equal(lines[0], 'Account,Name,Serial,MAC,PPPoE User,PPPoE Password,SSID,Wi-Fi password,Tags,Device,Bound at');
    assert.equal(lines[1], `1001,John Doe,SN-1002,aa:bb:cc:00:10:01,john@isp,${MASK},John-Net,${MASK},north|vip,,`);
    assert.equal(
      SECRETS.some((secret) => csv.includes(secret)),
      false,
    );
    const again = await apiPost(h, '/api/subscribers/import', { csv });
    assert.deepEqual(again.json, {
      created: 0,
      updated: 0,
      unchanged: 5,
      errors: [],
      mapping: {
        accountId: 'Account',
        name: 'Name',
        serial: 'Serial',
        mac: 'MAC',
        pppoeUsername: 'PPPoE User',
        pppoePassword: 'PPPoE Password',
        wifiSsid: 'SSID',
        wifiKey: 'Wi-Fi password',
        tags: 'Tags',
      },
      dryRun: false,
    });
    assert.equal(h.store.subscribers.get('1001')?.pppoePassword, SECRETS[0]);
    const revealed = (await apiPost(h, '/api/subscribers/export', { reveal: true, q: 'john' })).json as { csv: string; count: number };
    assert.equal(revealed.count, 1);
    assert.ok(revealed.csv.includes(SECRETS[0] ?? '?') && revealed.csv.includes(SECRETS[1] ?? '?'));
  });

  test('put creates and updates; the mask keeps a secret; a taken serial is a conflict; delete', async () => {
    const created = await apiPost(h, '/api/subscribers/4001', { name: 'New', mac: '02:00:00:00:40:01', wifiKey: 'brand-new-key' }, 'PUT');
    assert.equal(created.status, 200, JSON.stringify(created.json));
    assert.equal((created.json as Subscriber).wifiKey, MASK);
    const kept = await apiPost(h, '/api/subscribers/4001', { name: 'Renamed', wifiKey: MASK }, 'PUT');
    assert.equal((kept.json as Subscriber).name, 'Renamed');
    assert.equal(h.store.subscribers.get('4001')?.wifiKey, 'brand-new-key');
    const noName = await apiPost(h, '/api/subscribers/4002', { serial: 'X' }, 'PUT');
    assert.equal(noName.status, 400);
    assert.match(JSON.stringify(noName.json), /a new subscriber needs a 'name'/);
    const taken = await apiPost(h, '/api/subscribers/4002', { name: 'Other', serial: 'sn-1001' }, 'PUT');
    assert.equal(taken.status, 409);
    assert.match(JSON.stringify(taken.json), /belongs to account '1002'/);
    const badMac = await apiPost(h, '/api/subscribers/4002', { name: 'Other', mac: '12:34' }, 'PUT');
    assert.equal(badMac.status, 400);
    assert.deepEqual((await apiPost(h, '/api/subscribers/4001', undefined, 'DELETE')).json, { removed: true });
    assert.deepEqual((await apiPost(h, '/api/subscribers/4001', undefined, 'DELETE')).json, { removed: false });
    assert.equal((await apiGet(h, '/api/subscribers/4001')).status, 404);
  });

  test('no secret ever reached the log', () => {
    assert.ok(h.logLines.some((l) => l.includes('subscribers imported')));
    for (const secret of [...SECRETS, 'brand-new-key']) {
      assert.equal(
        h.logLines.some((l) => l.includes(secret)),
        false,
        `'${secret}' was logged`,
      );
    }
  });
});

import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  builtinQuirkRules,
  defaultQuirks,
  parseQuirkRules,
  resolveQuirks,
  ruleMatches,
  type DeviceIdentity,
  type QuirkRule,
} from '../../electron/core/services/quirks.ts';

const huawei: DeviceIdentity = {
  oui: '00259E',
  productClass: 'HG8245H',
  manufacturer: 'Huawei Technologies Co., Ltd',
  softwareVersion: 'V3R017C10S100',
};

const rule = (match: QuirkRule['match'], quirks: QuirkRule['quirks'], note = 'test'): QuirkRule => ({ match, quirks, note });

describe('ruleMatches', () => {
  test('an empty match matches every device', () => {
    assert.equal(ruleMatches(rule({}, {}), huawei), true);
  });

  test('OUI is compared case-insensitively and exactly', () => {
    assert.equal(ruleMatches(rule({ oui: '00259e' }, {}), huawei), true);
    assert.equal(ruleMatches(rule({ oui: '00259' }, {}), huawei), false);
    assert.equal(ruleMatches(rule({ oui: '00259E' }, {}), { ...huawei, oui: '00259e' }), true);
  });

  test('productClass is an anchored, case-insensitive pattern', () => {
    assert.equal(ruleMatches(rule({ productClass: 'hg8245h' }, {}), huawei), true);
    assert.equal(ruleMatches(rule({ productClass: 'HG8245' }, {}), huawei), false, 'a plain name is an exact match');
    assert.equal(ruleMatches(rule({ productClass: 'HG8245.*' }, {}), huawei), true);
    assert.equal(ruleMatches(rule({ productClass: 'EG8145V5|HG8245H' }, {}), huawei), true, 'alternation is anchored as a whole');
    assert.equal(ruleMatches(rule({ productClass: 'EG8145V5|HG8245' }, {}), huawei), false);
  });

  test('a broken pattern that skipped validation matches nothing instead of throwing', () => {
    assert.equal(ruleMatches(rule({ productClass: '(' }, {}), huawei), false);
  });

  test('manufacturer is a case-insensitive substring; softwareVersion a case-insensitive prefix', () => {
    assert.equal(ruleMatches(rule({ manufacturer: 'huawei' }, {}), huawei), true);
    assert.equal(ruleMatches(rule({ manufacturer: 'zte' }, {}), huawei), false);
    assert.equal(ruleMatches(rule({ softwareVersion: 'v3r017' }, {}), huawei), true);
    assert.equal(ruleMatches(rule({ softwareVersion: 'R017' }, {}), huawei), false);
  });

  test('every given criterion must match', () => {
    assert.equal(ruleMatches(rule({ oui: '00259E', productClass: 'HG8245H', softwareVersion: 'V5' }, {}), huawei), false);
    assert.equal(ruleMatches(rule({ oui: '00259E', productClass: 'HG8245H', softwareVersion: 'V3' }, {}), huawei), true);
  });
});

describe('resolveQuirks', () => {
  test('no rules give the defaults, as a fresh object', () => {
    const q = resolveQuirks(huawei, []);
    assert.deepEqual(q, { ...defaultQuirks });
    assert.equal(q.booleanForm, 'word');
    assert.equal(q.gpnMaxDepth, undefined);
    q.gpvBatchSize = 1;
    assert.equal(defaultQuirks.gpvBatchSize, 32, 'defaults are not shared');
  });

  test('later matching rules override earlier ones key by key; non-matching rules are ignored', () => {
    const rules = [
      rule({ manufacturer: 'huawei' }, { gpvBatchSize: 10, booleanForm: 'numeric' }),
      rule({ productClass: 'HG8245H' }, { gpvBatchSize: 5 }),
      rule({ productClass: 'EG8145V5' }, { nextLevelBroken: true }),
    ];
    const q = resolveQuirks(huawei, rules);
    assert.equal(q.gpvBatchSize, 5);
    assert.equal(q.booleanForm, 'numeric', 'a later rule that does not name a key keeps the earlier value');
    assert.equal(q.nextLevelBroken, false);
  });

  test('operator overrides win over every rule', () => {
    const rules = [rule({}, { booleanForm: 'numeric', spvBatchSize: 4, gpnMaxDepth: 6 })];
    const q = resolveQuirks(huawei, rules, { booleanForm: 'word', gpnMaxDepth: 3 });
    assert.equal(q.booleanForm, 'word');
    assert.equal(q.gpnMaxDepth, 3);
    assert.equal(q.spvBatchSize, 4);
  });

  test('undefined keys in a rule or override leave the value alone', () => {
    const q = resolveQuirks(huawei, [rule({}, { gpnMaxDepth: 6 })], { gpnMaxDepth: undefined });
    assert.equal(q.gpnMaxDepth, 6);
  });

  test('built-in rules: TP-Link TD-W9970 gets numeric booleans, other TP-Links do not', () => {
    const tdw = { oui: 'F4F26D', productClass: 'TD-W9970', manufacturer: 'TP-LINK Technologies Co., Ltd.', softwareVersion: '0.6.0' };
    assert.equal(resolveQuirks(tdw, builtinQuirkRules).booleanForm, 'numeric');
    assert.equal(resolveQuirks({ ...tdw, productClass: 'Archer C6' }, builtinQuirkRules).booleanForm, 'word');
    assert.equal(resolveQuirks(tdw, builtinQuirkRules, { booleanForm: 'word' }).booleanForm, 'word');
  });

  test('every built-in rule cites its evidence and survives validation', () => {
    for (const r of builtinQuirkRules) assert.match(r.note, /https:\/\/github\.com\/\S+\/issues\/\d+/);
    assert.deepEqual(parseQuirkRules(JSON.parse(JSON.stringify(builtinQuirkRules))), builtinQuirkRules);
  });
});

describe('parseQuirkRules', () => {
  const good = {
    match: { oui: '00259E', productClass: 'HG8245.*', manufacturer: 'Huawei', softwareVersion: 'V3' },
    quirks: {
      nextLevelBroken: true,
      booleanForm: 'numeric',
      gpvBatchSize: 8,
      spvBatchSize: 4,
      gpnMaxDepth: 5,
      skipRootGetParameterNames: false,
      noTransferComplete: true,
    },
    note: '  seen on our HG8245H fleet  ',
  };

  test('accepts an array or { rules: [...] }, and trims the note', () => {
    const a = parseQuirkRules([good]);
    assert.ok(Array.isArray(a));
    assert.equal(a.length, 1);
    assert.equal(a[0]?.note, 'seen on our HG8245H fleet');
    assert.deepEqual(a[0]?.quirks, good.quirks);
    assert.deepEqual(parseQuirkRules({ rules: [good] }), a);
    assert.deepEqual(parseQuirkRules([]), []);
  });

  test('returns fresh objects that do not alias the input', () => {
    const input = structuredClone(good);
    const out = parseQuirkRules([input]);
    assert.ok(Array.isArray(out));
    input.quirks.gpvBatchSize = 999;
    assert.equal(out[0]?.quirks.gpvBatchSize, 8);
  });

  test('refuses what is not a list of rules', () => {
    for (const bad of [null, 'rules', 42, { rule: [] }, {}]) {
      assert.equal(typeof parseQuirkRules(bad), 'string', JSON.stringify(bad));
    }
  });

  test('reports every problem with its place', () => {
    const result = parseQuirkRules([
      good,
      { match: { productClass: '(' }, quirks: { gpvBatchSize: 0, booleanForm: 'yes' }, note: 'x' },
      { match: { model: 'X' }, quirks: { nextlevelBroken: true }, note: '' },
      'not a rule',
      { match: {}, quirks: { spvBatchSize: 2.5, nextLevelBroken: 'true' }, note: 'x', extra: 1 },
    ]);
    assert.equal(typeof result, 'string');
    const msg = String(result);
    assert.match(msg, /rules\[1\]\.match\.productClass is not a valid regular expression \(got '\('\)/);
    assert.match(msg, /rules\[1\]\.quirks\.gpvBatchSize must be a whole number 1–10000 \(got 0\)/);
    assert.match(msg, /rules\[1\]\.quirks\.booleanForm must be 'word' or 'numeric' \(got 'yes'\)/);
    assert.match(msg, /rules\[2\]\.match\.model is not a known setting/);
    assert.match(msg, /rules\[2\]\.quirks\.nextlevelBroken is not a known setting/);
    assert.match(msg, /rules\[2\]\.note must say why the rule exists/);
    assert.match(msg, /rules\[3\] must be an object/);
    assert.match(msg, /rules\[4\]\.quirks\.spvBatchSize must be a whole number/);
    assert.match(msg, /rules\[4\]\.quirks\.nextLevelBroken must be true or false \(got 'true'\)/);
    assert.match(msg, /rules\[4\]\.extra is not a known field/);
    assert.doesNotMatch(msg, /rules\[0\]/);
  });

  test('refuses empty match texts, missing parts and over-long patterns', () => {
    assert.match(String(parseQuirkRules([{ match: { oui: ' ' }, quirks: {}, note: 'x' }])), /match\.oui must be non-empty text/);
    assert.match(String(parseQuirkRules([{ quirks: {}, note: 'x' }])), /rules\[0\]\.match must be an object/);
    assert.match(String(parseQuirkRules([{ match: {}, note: 'x' }])), /rules\[0\]\.quirks must be an object/);
    assert.match(String(parseQuirkRules([{ match: { productClass: 'a'.repeat(201) }, quirks: {}, note: 'x' }])), /at most 200 characters/);
  });

  test('parsed rules drive resolveQuirks', () => {
    const rules = parseQuirkRules([good]);
    assert.ok(Array.isArray(rules));
    const q = resolveQuirks(huawei, rules);
    assert.deepEqual(q, {
      nextLevelBroken: true,
      skipRootGetParameterNames: false,
      booleanForm: 'numeric',
      noTransferComplete: true,
      gpvBatchSize: 8,
      spvBatchSize: 4,
      gpnMaxDepth: 5,
    });
  });
});

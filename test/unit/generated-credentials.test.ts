// The one credential generator: letters and digits only, the lengths promised, never repeating.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateCredentials, generatePassword, randomText } from '../../electron/core/generated-credentials.ts';

test('passwords are 20 letters and digits and do not repeat; usernames are recognisable and lower case', () => {
  const passwords = new Set(Array.from({ length: 2000 }, () => generatePassword()));
  assert.equal(passwords.size, 2000);
  for (const p of passwords) assert.match(p, /^[A-Za-z0-9]{20}$/);
  const { username, password } = generateCredentials();
  assert.match(username, /^deskacs-[a-z0-9]{10}$/);
  assert.equal(password.length, 20);
  assert.match(randomText(12, 'ab'), /^[ab]{12}$/);
});

test('every character of the alphabet is drawn, about equally often', () => {
  const counts = new Map<string, number>();
  for (const c of randomText(62_000)) counts.set(c, (counts.get(c) ?? 0) + 1);
  assert.equal(counts.size, 62);
  for (const n of counts.values()) assert.ok(n > 700 && n < 1300, `count ${n} within 30% of 1000`);
});

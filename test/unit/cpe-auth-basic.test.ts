import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createBasicChallenge, parseBasic, verifyBasic } from '../../electron/core/cwmp/auth/basic.ts';

const b64 = (bytes: Buffer): string => bytes.toString('base64');
const header = (text: string, encoding: BufferEncoding = 'utf8'): string => `Basic ${b64(Buffer.from(text, encoding))}`;
const users = { lookupPassword: (u: string): string | undefined => ({ cpe1: 's3cret', üser: 'pässwörd' })[u] };

describe('CPE auth: basic', () => {
  test('parses user and password, splitting at the first colon only', () => {
    assert.deepEqual(parseBasic(header('cpe1:pa:ss:word')), { username: 'cpe1', password: 'pa:ss:word' });
    assert.deepEqual(parseBasic(header('cpe1:')), { username: 'cpe1', password: '' });
    // RFC 2617 2 example: Aladdin / open sesame; scheme is case-insensitive.
    assert.deepEqual(parseBasic('basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=='), { username: 'Aladdin', password: 'open sesame' });
  });

  test('decodes UTF-8 credentials, and ISO-8859-1 ones when the bytes are not UTF-8', () => {
    assert.deepEqual(parseBasic(header('üser:pässwörd', 'utf8')), { username: 'üser', password: 'pässwörd' });
    assert.deepEqual(parseBasic(header('üser:pässwörd', 'latin1')), { username: 'üser', password: 'pässwörd' });
  });

  test('rejects what is not Basic credentials', () => {
    for (const h of [
      undefined,
      '',
      'Basic',
      'Basic !!!',
      'Basic bm9jb2xvbg==' /* "nocolon" */,
      header(':password'),
      'Digest username="a"',
    ]) {
      assert.equal(parseBasic(h), undefined, String(h));
    }
  });

  test('verifies the password', () => {
    assert.deepEqual(verifyBasic(header('cpe1:s3cret'), users), { ok: true, username: 'cpe1' });
    assert.deepEqual(verifyBasic(header('üser:pässwörd', 'latin1'), users), { ok: true, username: 'üser' });
    assert.deepEqual(verifyBasic(header('cpe1:s3cre'), users), { ok: false, reason: 'bad-password', username: 'cpe1' });
    assert.deepEqual(verifyBasic(header('cpe1:s3cret '), users), { ok: false, reason: 'bad-password', username: 'cpe1' });
    assert.deepEqual(verifyBasic(header('cpe2:s3cret'), users), { ok: false, reason: 'unknown-user', username: 'cpe2' });
    assert.deepEqual(verifyBasic('Basic', users), { ok: false, reason: 'malformed' });
  });

  test('the challenge names the realm and UTF-8', () => {
    assert.equal(createBasicChallenge('DeskACS'), 'Basic realm="DeskACS", charset="UTF-8"');
  });
});

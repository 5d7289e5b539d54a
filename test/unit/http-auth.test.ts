// The one HTTP-auth module: header parsing in both directions, the digest against the RFCs'
// vectors, and a client and a verifier on opposite sides agreeing (as DeskACS and CPEs must).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { basicMatches } from '../../electron/core/files/serve.ts';
import { basicAuthorization, parseBasicCredentials } from '../../electron/core/http-auth/basic.ts';
import { AuthClient, digestAuthorization, pickChallenge } from '../../electron/core/http-auth/client.ts';
import { digestResponse } from '../../electron/core/http-auth/digest.ts';
import { parseAuthorization, parseChallenges } from '../../electron/core/http-auth/headers.ts';
import { DigestVerifier } from '../../electron/simulator/digest.ts';

test('digest: RFC 2617 and RFC 7616 example vectors (MD5 and SHA-256)', () => {
  const rfc2617 = {
    username: 'Mufasa',
    password: 'Circle Of Life',
    realm: 'testrealm@host.com',
    nonce: 'dcd98b7102dd2f0e8b11d0f600bfb0c093',
    method: 'GET',
    uri: '/dir/index.html',
    qop: 'auth',
    nc: '00000001',
    cnonce: '0a4f113b',
  };
  assert.equal(digestResponse(rfc2617), '6629fae49393a05397450978507c4ef1');
  const rfc7616 = {
    username: 'Mufasa',
    password: 'Circle of Life',
    realm: 'http-auth@example.org',
    nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v',
    method: 'GET',
    uri: '/dir/index.html',
    qop: 'auth',
    nc: '00000001',
    cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ',
  };
  assert.equal(digestResponse({ ...rfc7616, algorithm: 'MD5' }), '8ca523f5e9506fed4657c9700eebdbec');
  assert.equal(digestResponse({ ...rfc7616, algorithm: 'SHA-256' }), '753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1');
});

test('headers: challenges several to a header, credentials strict about duplicates', () => {
  const challenges = parseChallenges(['Basic realm="r", Digest realm="a, b", qop="auth,auth-int", nonce=xyz', 'Negotiate']);
  assert.deepEqual(
    challenges.map((c) => c.scheme),
    ['Basic', 'Digest', 'Negotiate'],
  );
  assert.deepEqual(challenges[1]?.params, { realm: 'a, b', qop: 'auth,auth-int', nonce: 'xyz' });
  assert.equal(pickChallenge(challenges)?.scheme, 'Digest');
  const auth = parseAuthorization('Digest username="u", realm="r\\"q", nc=00000001');
  assert.equal(auth?.scheme, 'digest');
  assert.equal(auth?.params?.get('realm'), 'r"q');
  assert.equal(parseAuthorization('Digest username="u", username="v"')?.params, undefined);
  assert.equal(parseAuthorization('Basic dTpw')?.rest, 'dTpw');
});

test('client: Basic, then Digest answered again with a growing nonce count and its opaque', () => {
  const client = new AuthClient('u', 'p');
  assert.equal(client.authorization('POST', '/'), undefined);
  assert.equal(client.accept(['Basic realm="r"']), true);
  assert.equal(client.authorization('POST', '/'), 'Basic dTpw');
  assert.equal(client.accept(['Kerberos']), false);
  client.accept(['Basic realm="r"', 'Digest realm="r", qop="auth", nonce="n", opaque="o"']);
  const first = parseAuthorization(client.authorization('POST', '/acs'))?.params;
  const second = parseAuthorization(client.authorization('POST', '/acs'))?.params;
  assert.deepEqual([first?.get('nc'), second?.get('nc'), first?.get('opaque')], ['00000001', '00000002', 'o']);
  assert.equal(
    first?.get('response'),
    digestResponse({
      username: 'u',
      password: 'p',
      realm: 'r',
      nonce: 'n',
      method: 'POST',
      uri: '/acs',
      qop: 'auth',
      nc: '00000001',
      cnonce: first?.get('cnonce'),
    }),
  );
  // An algorithm nobody knows is not answered.
  assert.equal(
    digestAuthorization(
      { scheme: 'Digest', params: { nonce: 'n', algorithm: 'SHA-512-256' } },
      { username: 'u', password: 'p' },
      { method: 'GET', uri: '/' },
    ),
    undefined,
  );
});

test('a client and a verifier on opposite sides agree, and a wrong password or another URI is refused', () => {
  const verifier = new DigestVerifier('cpe');
  const right = new AuthClient('acs', 'secret');
  right.accept([verifier.challenge()]);
  assert.equal(verifier.verify(right.authorization('GET', '/cr'), { method: 'GET', uri: '/cr' }, 'acs', 'secret'), true);
  assert.equal(verifier.verify(right.authorization('GET', '/cr'), { method: 'GET', uri: '/other' }, 'acs', 'secret'), false);
  const wrong = new AuthClient('acs', 'guess');
  wrong.accept([verifier.challenge()]);
  assert.equal(verifier.verify(wrong.authorization('GET', '/cr'), { method: 'GET', uri: '/cr' }, 'acs', 'secret'), false);
  assert.equal(verifier.verify('Basic YWNzOnNlY3JldA==', { method: 'GET', uri: '/cr' }, 'acs', 'secret'), false);
});

test('Basic: one reader for the listener and the file URLs; UTF-8 or Latin-1, malformed refused', () => {
  const creds = { username: 'cpe', password: 'pässword' };
  assert.deepEqual(parseBasicCredentials(basicAuthorization(creds)), creds);
  const latin1 = `Basic ${Buffer.from('cpe:p\u00e4ss', 'latin1').toString('base64')}`;
  assert.deepEqual(parseBasicCredentials(latin1), { username: 'cpe', password: 'päss' });
  for (const bad of [undefined, 'Basic', 'Basic ###', 'Basic Y3Bl', 'Digest username="cpe"'])
    assert.equal(parseBasicCredentials(bad), undefined, String(bad));
  assert.equal(basicMatches(basicAuthorization(creds), creds), true);
  assert.equal(basicMatches(`basic ${Buffer.from('cpe:pässword').toString('base64')}`, creds), true);
  assert.equal(basicMatches(basicAuthorization({ ...creds, password: 'other' }), creds), false);
  assert.equal(basicMatches(basicAuthorization({ ...creds, username: 'cp' }), creds), false);
  assert.equal(basicMatches('Basic ###', creds), false);
});

// STUN messages (RFC 5389 / RFC 3489 with the TR-111 attributes): what the server reads and
// writes, MESSAGE-INTEGRITY both ways, and that no datagram, however malformed, throws.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import {
  addressValue,
  attribute,
  CONNECTION_REQUEST_BINDING_VALUE,
  decodeStun,
  encodeStun,
  MAGIC_COOKIE,
  readAddress,
  readErrorCode,
  errorCodeValue,
  StunAttr,
  StunType,
  verifyIntegrity,
} from '../../electron/core/stun/codec.ts';
import { udpConnectionRequestMessage, udpSignature } from '../../electron/core/services/udp-connection-request.ts';

function tid5389(): Buffer {
  const t = Buffer.concat([Buffer.alloc(4), randomBytes(12)]);
  t.writeUInt32BE(MAGIC_COOKIE, 0);
  return t;
}

const request = (key?: Buffer, rfc3489 = false): Buffer =>
  encodeStun(
    StunType.bindingRequest,
    rfc3489 ? randomBytes(16) : tid5389(),
    [
      { type: StunAttr.username, value: Buffer.from('deskacs-abc') },
      { type: StunAttr.connectionRequestBinding, value: Buffer.from(CONNECTION_REQUEST_BINDING_VALUE) },
      { type: StunAttr.bindingChange, value: Buffer.alloc(0) },
      // Keeps the signed part off a multiple of 64 bytes, where the two styles agree.
      ...(rfc3489 ? [{ type: StunAttr.software, value: Buffer.from('cpe') }] : []),
    ],
    key,
    rfc3489,
  );

describe('STUN codec', () => {
  test('a Binding Request with the TR-111 attributes round-trips', () => {
    const msg = decodeStun(request());
    assert.ok(typeof msg !== 'string', String(msg));
    assert.equal(msg.type, StunType.bindingRequest);
    assert.equal(msg.rfc5389, true);
    assert.equal(attribute(msg, StunAttr.username)?.value.toString(), 'deskacs-abc');
    assert.equal(attribute(msg, StunAttr.connectionRequestBinding)?.value.toString(), 'dslforum.org/TR-111 ');
    assert.equal(attribute(msg, StunAttr.connectionRequestBinding)?.value.length, 20);
    assert.equal(attribute(msg, StunAttr.bindingChange)?.value.length, 0);
  });

  test('MESSAGE-INTEGRITY verifies with the right key only, RFC 5389 and RFC 3489 style', () => {
    const key = Buffer.from('s3cret');
    const m5389 = decodeStun(request(key));
    const m3489 = decodeStun(request(key, true));
    assert.ok(typeof m5389 !== 'string' && typeof m3489 !== 'string');
    assert.equal(verifyIntegrity(m5389, key), 'rfc5389');
    assert.equal(verifyIntegrity(m3489, key), 'rfc3489');
    assert.equal(verifyIntegrity(m5389, Buffer.from('wrong')), null);
    const plain = decodeStun(request());
    assert.ok(typeof plain !== 'string');
    assert.equal(verifyIntegrity(plain, key), null, 'no MESSAGE-INTEGRITY: not verified');
  });

  test('a tampered message fails MESSAGE-INTEGRITY', () => {
    const key = Buffer.from('s3cret');
    const bytes = request(key);
    bytes[30] = (bytes[30] ?? 0) ^ 0xff;
    const msg = decodeStun(bytes);
    assert.ok(typeof msg !== 'string');
    assert.equal(verifyIntegrity(msg, key), null);
  });

  test('MAPPED-ADDRESS and XOR-MAPPED-ADDRESS for IPv4 and IPv6', () => {
    const t = tid5389();
    for (const [address, port] of [
      ['203.0.113.7', 61000],
      ['2001:db8::1', 3478],
    ] as const) {
      for (const xor of [false, true]) {
        const value = addressValue(address, port, t, xor);
        assert.ok(value !== null);
        assert.deepEqual(readAddress(value, t, xor), { address: address === '2001:db8::1' ? '2001:db8:0:0:0:0:0:1' : address, port });
      }
    }
    assert.deepEqual(readAddress(addressValue('::ffff:10.0.0.1', 5, t, true) ?? Buffer.alloc(0), t, true), {
      address: '10.0.0.1',
      port: 5,
    });
    assert.equal(addressValue('not-an-ip', 1, t, false), null);
  });

  test('ERROR-CODE', () => {
    assert.equal(readErrorCode(errorCodeValue(401, 'Unauthorized')), 401);
    assert.equal(readErrorCode(errorCodeValue(420, 'Unknown Attribute')), 420);
  });

  test('malformed datagrams are refused with a reason, never thrown', () => {
    const good = request(Buffer.from('k'));
    const cases: Buffer[] = [Buffer.alloc(0), Buffer.alloc(19), Buffer.from('GET / HTTP/1.1\r\n\r\n')];
    for (let n = 0; n < good.length; n++) cases.push(good.subarray(0, n));
    const lying = Buffer.from(good);
    lying.writeUInt16BE(0xfffc, 2);
    cases.push(lying);
    const badAttr = Buffer.from(good);
    badAttr.writeUInt16BE(0xff00, 22);
    cases.push(badAttr);
    for (const c of cases) assert.equal(typeof decodeStun(c), 'string', `accepted ${c.toString('hex')}`);
    for (let n = 0; n < 5000; n++) {
      const junk = randomBytes(Math.floor(Math.random() * 120));
      if (n % 2 === 0 && junk.length >= 20) junk.writeUInt16BE(0x0001, 0);
      const msg = decodeStun(junk);
      if (typeof msg !== 'string') verifyIntegrity(msg, Buffer.from('k'));
    }
  });
});

describe('UDP connection request (TR-069 Annex G)', () => {
  test('the message carries ts, id, un, cn and sig = HMAC-SHA1(password, ts id un cn)', () => {
    const at = new Date('2026-01-02T03:04:05Z');
    const text = udpConnectionRequestMessage({ address: '198.51.100.4', port: 5060 }, { username: 'u1', password: 'pw' }, at, '77', 'XTGR');
    const [line, host] = text.split('\r\n');
    assert.match(line ?? '', /^GET http:\/\/198\.51\.100\.4:5060\?ts=\d+&id=77&un=u1&cn=XTGR&sig=[0-9A-F]{40} HTTP\/1\.1$/);
    assert.equal(host, 'Host: 198.51.100.4:5060');
    assert.ok(text.endsWith('\r\n\r\n'));
    const ts = String(at.getTime() / 1000);
    const sig = new URL((line ?? '').split(' ')[1] ?? '').searchParams.get('sig');
    assert.equal(sig, udpSignature('pw', ts, '77', 'u1', 'XTGR'));
  });

  test('the signature matches a known HMAC-SHA1 value', () => {
    // HMAC-SHA1(key "key", "The quick brown fox jumps over the lazy dog") from RFC 2104 test vectors' common example.
    assert.equal(
      udpSignature('key', 'The quick brown ', 'fox jumps ', 'over the ', 'lazy dog'),
      'DE7C9B85B8B78AA6BC8A7A36F70A90701C9DB4D9',
    );
  });
});

// The built-in STUN server on a real UDP socket: Binding Responses with the public address,
// 401 for a known username without (or with a wrong) MESSAGE-INTEGRITY, bindings recorded only
// for CONNECTION-REQUEST-BINDING requests of known devices, and garbage never stopping it.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import { after, before, describe, test } from 'node:test';
import { silentLogger } from '../../electron/core/log.ts';
import {
  attribute,
  CONNECTION_REQUEST_BINDING_VALUE,
  decodeStun,
  encodeStun,
  MAGIC_COOKIE,
  readAddress,
  readErrorCode,
  StunAttr,
  StunType,
  verifyIntegrity,
  type OutgoingAttribute,
  type StunMessage,
} from '../../electron/core/stun/codec.ts';
import { startStunServer, type StunServer, type StunSightingReport } from '../../electron/core/stun/server.ts';

describe('STUN server', () => {
  let server: StunServer;
  let client: Socket;
  const sightings: StunSightingReport[] = [];
  const replies: Buffer[] = [];

  before(async () => {
    server = await startStunServer({
      host: '127.0.0.1',
      port: 0,
      credential: (u) =>
        u === 'dev-user' ? { deviceId: 'dev-1', password: 'pw' } : u === 'open-user' ? { deviceId: 'dev-2', password: '' } : undefined,
      sighted: (s) => sightings.push(s),
      log: silentLogger,
    });
    client = createSocket('udp4');
    client.on('message', (m) => replies.push(m));
    await new Promise<void>((resolve) => client.bind(0, '127.0.0.1', () => resolve()));
  });

  after(async () => {
    client.close();
    await server.close();
  });

  async function ask(attrs: OutgoingAttribute[], key?: Buffer): Promise<StunMessage> {
    const tid = Buffer.concat([Buffer.alloc(4), randomBytes(12)]);
    tid.writeUInt32BE(MAGIC_COOKIE, 0);
    const n = replies.length;
    client.send(encodeStun(StunType.bindingRequest, tid, attrs, key), server.port, '127.0.0.1');
    const end = Date.now() + 2000;
    while (replies.length === n) {
      if (Date.now() > end) throw new Error('no STUN answer');
      await new Promise((r) => setTimeout(r, 5));
    }
    const msg = decodeStun(replies[n] ?? Buffer.alloc(0));
    assert.ok(typeof msg !== 'string', String(msg));
    assert.deepEqual(msg.transactionId, tid);
    return msg;
  }

  const crb: OutgoingAttribute = { type: StunAttr.connectionRequestBinding, value: Buffer.from(CONNECTION_REQUEST_BINDING_VALUE) };
  const user = (u: string): OutgoingAttribute => ({ type: StunAttr.username, value: Buffer.from(u) });

  test('answers a plain Binding Request with the source address, records nothing', async () => {
    const msg = await ask([]);
    assert.equal(msg.type, StunType.bindingSuccess);
    const xor = attribute(msg, StunAttr.xorMappedAddress);
    assert.deepEqual(readAddress(xor?.value ?? Buffer.alloc(0), msg.transactionId, true), {
      address: '127.0.0.1',
      port: client.address().port,
    });
    assert.equal(sightings.length, 0);
  });

  test('a known username without MESSAGE-INTEGRITY, or with a wrong one, gets 401', async () => {
    const none = await ask([user('dev-user'), crb]);
    assert.equal(none.type, StunType.bindingError);
    assert.equal(readErrorCode(attribute(none, StunAttr.errorCode)?.value ?? Buffer.alloc(0)), 401);
    const wrong = await ask([user('dev-user'), crb], Buffer.from('not-pw'));
    assert.equal(wrong.type, StunType.bindingError);
    assert.equal(sightings.length, 0);
  });

  test('with MESSAGE-INTEGRITY the binding is recorded and the answer is signed', async () => {
    const key = Buffer.from('pw');
    const msg = await ask([user('dev-user'), crb, { type: StunAttr.bindingChange, value: Buffer.alloc(0) }], key);
    assert.equal(msg.type, StunType.bindingSuccess);
    assert.equal(verifyIntegrity(msg, key), 'rfc5389');
    assert.deepEqual(sightings.at(-1), {
      deviceId: 'dev-1',
      address: '127.0.0.1',
      port: client.address().port,
      authenticated: true,
      bindingChange: true,
    });
  });

  test('a device without a STUN password is recorded unauthenticated; without CONNECTION-REQUEST-BINDING not at all', async () => {
    const count = sightings.length;
    await ask([user('open-user')]);
    assert.equal(sightings.length, count);
    await ask([user('open-user'), crb]);
    assert.equal(sightings.at(-1)?.authenticated, false);
    assert.equal(sightings.at(-1)?.deviceId, 'dev-2');
  });

  test('malformed datagrams are dropped and the server keeps answering', async () => {
    const before = server.dropped;
    const junk = [Buffer.alloc(0), Buffer.from('GET / HTTP/1.1\r\n\r\n'), randomBytes(19), randomBytes(600)];
    const lying = Buffer.alloc(20);
    lying.writeUInt16BE(0x0001, 0);
    lying.writeUInt16BE(400, 2);
    junk.push(lying);
    for (let n = 0; n < 200; n++) junk.push(randomBytes(1 + (n % 90)));
    for (const j of junk) client.send(j, server.port, '127.0.0.1');
    const msg = await ask([]);
    assert.equal(msg.type, StunType.bindingSuccess);
    assert.ok(server.dropped >= before + 5);
  });
});

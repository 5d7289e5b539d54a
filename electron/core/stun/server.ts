// The built-in STUN server (RFC 5389 Binding, TR-069 Annex G / TR-111 Part 2): a CPE behind NAT
// sends Binding Requests with CONNECTION-REQUEST-BINDING from its UDP connection-request port;
// the source address and port they arrive from is the NAT's public binding, where UDP
// connection requests must go. They are sent from this same socket, so NATs that only let in
// packets from where the CPE sent to (address/port-restricted cones) let them in too.
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import type { Logger } from '../acs-types.ts';
import {
  addressValue,
  attribute,
  decodeStun,
  encodeStun,
  errorCodeValue,
  plainAddress,
  StunAttr,
  StunType,
  verifyIntegrity,
  type OutgoingAttribute,
  type StunMessage,
} from './codec.ts';

/** What the server knows of a USERNAME: the device it was given to and its STUN password. */
export interface StunCredential {
  deviceId: string;
  password: string;
}

export interface StunSightingReport {
  deviceId: string;
  address: string;
  port: number;
  authenticated: boolean;
  bindingChange: boolean;
}

export interface StunServerOptions {
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  credential(username: string): StunCredential | undefined;
  /** A Binding Request with CONNECTION-REQUEST-BINDING from a known device. Must not throw. */
  sighted(report: StunSightingReport): void;
  log: Logger;
}

export interface StunServer {
  readonly port: number;
  /** Sends a datagram from the STUN port (UDP connection requests). */
  send(bytes: Buffer, port: number, address: string): Promise<void>;
  /** Datagrams dropped as malformed or unexpected since start. */
  readonly dropped: number;
  close(): Promise<void>;
}

const SOFTWARE = Buffer.from('DeskACS');

export async function startStunServer(opts: StunServerOptions): Promise<StunServer> {
  const socket = createSocket({ type: opts.host.includes(':') ? 'udp6' : 'udp4', reuseAddr: false });
  let dropped = 0;
  socket.on('message', (bytes, from) => {
    try {
      if (!answer(socket, bytes, from, opts)) dropped += 1;
    } catch (err) {
      dropped += 1;
      opts.log.warn('stun datagram failed', { from: from.address, error: String(err) });
    }
  });
  socket.on('error', (err) => opts.log.warn('stun socket error', { error: err.message }));
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(opts.port, opts.host, () => {
      socket.off('error', reject);
      resolve();
    });
  });
  return {
    port: socket.address().port,
    send: (bytes, port, address) =>
      new Promise((resolve, reject) => socket.send(bytes, port, address, (err) => (err === null ? resolve() : reject(err)))),
    get dropped() {
      return dropped;
    },
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}

/** Answers one datagram; false when it was dropped (not a Binding Request, or malformed). */
function answer(socket: Socket, bytes: Buffer, from: RemoteInfo, opts: StunServerOptions): boolean {
  const msg = decodeStun(bytes);
  if (typeof msg === 'string' || msg.type !== StunType.bindingRequest) return false;
  const reply = (type: number, attrs: OutgoingAttribute[], key?: Buffer, rfc3489?: boolean): void => {
    socket.send(
      encodeStun(type, msg.transactionId, [...attrs, { type: StunAttr.software, value: SOFTWARE }], key, rfc3489),
      from.port,
      from.address,
    );
  };
  const usernameAttr = attribute(msg, StunAttr.username);
  const username = usernameAttr?.value.toString('utf8');
  const known = username === undefined ? undefined : opts.credential(username);
  let key: Buffer | undefined;
  let variant: 'rfc5389' | 'rfc3489' | null = null;
  if (known !== undefined && known.password !== '') {
    key = Buffer.from(known.password, 'utf8');
    variant = verifyIntegrity(msg, key);
    if (variant === null) {
      // TR-111 Part 2: a server that wants authentication answers 401; the CPE then sends
      // USERNAME and MESSAGE-INTEGRITY. A wrong MESSAGE-INTEGRITY gets the same answer.
      reply(StunType.bindingError, [{ type: StunAttr.errorCode, value: errorCodeValue(401, 'Unauthorized') }]);
      return true;
    }
  }
  const address = plainAddress(from.address);
  const mapped = mappedAttributes(msg, address, from.port);
  if (mapped === null) return false;
  if (known !== undefined && attribute(msg, StunAttr.connectionRequestBinding) !== undefined) {
    opts.sighted({
      deviceId: known.deviceId,
      address,
      port: from.port,
      authenticated: variant !== null,
      bindingChange: attribute(msg, StunAttr.bindingChange) !== undefined,
    });
  }
  reply(StunType.bindingSuccess, mapped, variant === null ? undefined : key, variant === 'rfc3489');
  return true;
}

function mappedAttributes(msg: StunMessage, address: string, port: number): OutgoingAttribute[] | null {
  const plain = addressValue(address, port, msg.transactionId, false);
  if (plain === null) return null;
  const attrs: OutgoingAttribute[] = [{ type: StunAttr.mappedAddress, value: plain }];
  // RFC 3489 clients know only MAPPED-ADDRESS; RFC 5389 ones prefer XOR-MAPPED-ADDRESS.
  const xored = msg.rfc5389 ? addressValue(address, port, msg.transactionId, true) : null;
  if (xored !== null) attrs.push({ type: StunAttr.xorMappedAddress, value: xored });
  return attrs;
}

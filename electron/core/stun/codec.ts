// STUN messages (RFC 5389, and RFC 3489 as many TR-111 clients still speak it) with the TR-069
// Annex G / TR-111 Part 2 attributes. Decoding never throws: a malformed datagram is a string
// saying why, because a UDP port open to the Internet receives anything.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';

export const MAGIC_COOKIE = 0x2112a442;
export const HEADER_BYTES = 20;

export const StunType = {
  bindingRequest: 0x0001,
  bindingIndication: 0x0011,
  bindingSuccess: 0x0101,
  bindingError: 0x0111,
} as const;

export const StunAttr = {
  mappedAddress: 0x0001,
  username: 0x0006,
  messageIntegrity: 0x0008,
  errorCode: 0x0009,
  xorMappedAddress: 0x0020,
  software: 0x8022,
  fingerprint: 0x8028,
  /** TR-111 Part 2 / TR-069 G.2.1: the request comes from the CPE's UDP connection-request port. */
  connectionRequestBinding: 0xc001,
  /** TR-111 Part 2: the CPE saw its binding change since its last request. */
  bindingChange: 0xc002,
} as const;

/** The value CONNECTION-REQUEST-BINDING carries (20 bytes: the trailing space pads it to 4n). */
export const CONNECTION_REQUEST_BINDING_VALUE = 'dslforum.org/TR-111 ';

export interface StunAttribute {
  type: number;
  value: Buffer;
  /** Where the attribute's header starts in the message (MESSAGE-INTEGRITY covers what precedes it). */
  offset: number;
}

export interface StunMessage {
  type: number;
  /** Bytes 4..19 of the header: the magic cookie and 96-bit id (RFC 5389), or a 128-bit id (RFC 3489). */
  transactionId: Buffer;
  /** The magic cookie is present. */
  rfc5389: boolean;
  attributes: StunAttribute[];
  raw: Buffer;
}

export interface OutgoingAttribute {
  type: number;
  value: Buffer;
}

/** Parses one datagram; a string says why it is not a STUN message. */
export function decodeStun(buf: Buffer): StunMessage | string {
  if (buf.length < HEADER_BYTES) return `too short for a STUN header (${buf.length} bytes)`;
  const type = buf.readUInt16BE(0);
  if ((type & 0xc000) !== 0) return 'not a STUN message (top bits set)';
  const length = buf.readUInt16BE(2);
  if (length % 4 !== 0) return `message length ${length} is not a multiple of 4`;
  if (HEADER_BYTES + length > buf.length) return `message length ${length} runs past the datagram (${buf.length} bytes)`;
  const attributes: StunAttribute[] = [];
  let at = HEADER_BYTES;
  const end = HEADER_BYTES + length;
  while (at < end) {
    if (end - at < 4) return 'truncated attribute header';
    const attrType = buf.readUInt16BE(at);
    const attrLength = buf.readUInt16BE(at + 2);
    if (at + 4 + attrLength > end) return `attribute 0x${attrType.toString(16)} runs past the message`;
    attributes.push({ type: attrType, value: buf.subarray(at + 4, at + 4 + attrLength), offset: at });
    at += 4 + attrLength + ((4 - (attrLength % 4)) % 4);
  }
  return {
    type,
    transactionId: Buffer.from(buf.subarray(4, HEADER_BYTES)),
    rfc5389: buf.readUInt32BE(4) === MAGIC_COOKIE,
    attributes,
    raw: buf.subarray(0, end),
  };
}

export function attribute(msg: StunMessage, type: number): StunAttribute | undefined {
  return msg.attributes.find((a) => a.type === type);
}

/**
 * Builds a message; with `integrityKey` a MESSAGE-INTEGRITY is appended last. `rfc3489` signs
 * the RFC 3489 way (the input zero-padded to a multiple of 64 bytes), for clients that do.
 */
export function encodeStun(
  type: number,
  transactionId: Buffer,
  attributes: readonly OutgoingAttribute[],
  integrityKey?: Buffer,
  rfc3489 = false,
): Buffer {
  const parts: Buffer[] = [];
  for (const a of attributes) {
    const header = Buffer.alloc(4);
    header.writeUInt16BE(a.type, 0);
    header.writeUInt16BE(a.value.length, 2);
    parts.push(header, a.value, Buffer.alloc((4 - (a.value.length % 4)) % 4));
  }
  const body = Buffer.concat(parts);
  const head = Buffer.alloc(HEADER_BYTES);
  head.writeUInt16BE(type, 0);
  transactionId.copy(head, 4, 0, 16);
  if (integrityKey === undefined) {
    head.writeUInt16BE(body.length, 2);
    return Buffer.concat([head, body]);
  }
  head.writeUInt16BE(body.length + 24, 2);
  const mac = integrityOf(Buffer.concat([head, body]), integrityKey, rfc3489);
  const miHeader = Buffer.alloc(4);
  miHeader.writeUInt16BE(StunAttr.messageIntegrity, 0);
  miHeader.writeUInt16BE(20, 2);
  return Buffer.concat([head, body, miHeader, mac]);
}

function integrityOf(covered: Buffer, key: Buffer, rfc3489: boolean): Buffer {
  const padded = rfc3489 && covered.length % 64 !== 0 ? Buffer.concat([covered, Buffer.alloc(64 - (covered.length % 64))]) : covered;
  return createHmac('sha1', key).update(padded).digest();
}

/**
 * Checks MESSAGE-INTEGRITY with a short-term credential (the password's UTF-8 bytes), the RFC
 * 5389 way or the RFC 3489 way. Returns which one verified, or null (absent or wrong).
 */
export function verifyIntegrity(msg: StunMessage, key: Buffer): 'rfc5389' | 'rfc3489' | null {
  const mi = attribute(msg, StunAttr.messageIntegrity);
  if (mi === undefined || mi.value.length !== 20) return null;
  // The length field as if the message ended right after MESSAGE-INTEGRITY (RFC 5389 15.4).
  const covered = Buffer.from(msg.raw.subarray(0, mi.offset));
  covered.writeUInt16BE(mi.offset + 24 - HEADER_BYTES, 2);
  if (timingSafeEqual(integrityOf(covered, key, false), mi.value)) return 'rfc5389';
  if (timingSafeEqual(integrityOf(covered, key, true), mi.value)) return 'rfc3489';
  return null;
}

/** A public address as seen by the server: IPv4-mapped IPv6 addresses read as IPv4. */
export function plainAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped?.[1] ?? address;
}

function ipBytes(address: string): Buffer | null {
  if (isIPv4(address)) return Buffer.from(address.split('.').map(Number));
  if (!isIPv6(address)) return null;
  const [head = '', tail = ''] = address.split('::');
  const groups = (s: string): string[] => (s === '' ? [] : s.split(':'));
  const left = groups(head);
  const right = address.includes('::') ? groups(tail) : [];
  const all = [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  const out = Buffer.alloc(16);
  all.forEach((g, i) => {
    out.writeUInt16BE(Number.parseInt(g, 16) & 0xffff, i * 2);
  });
  return out;
}

/** MAPPED-ADDRESS (xor = false) or XOR-MAPPED-ADDRESS value; null for an address it cannot carry. */
export function addressValue(address: string, port: number, transactionId: Buffer, xor: boolean): Buffer | null {
  const ip = ipBytes(plainAddress(address));
  if (ip === null) return null;
  const out = Buffer.alloc(4 + ip.length);
  out.writeUInt8(ip.length === 4 ? 0x01 : 0x02, 1);
  out.writeUInt16BE(xor ? port ^ (MAGIC_COOKIE >>> 16) : port, 2);
  for (let i = 0; i < ip.length; i++) out[4 + i] = xor ? (ip[i] ?? 0) ^ (transactionId[i] ?? 0) : (ip[i] ?? 0);
  return out;
}

/** Reads a MAPPED-ADDRESS or XOR-MAPPED-ADDRESS value; null when malformed. */
export function readAddress(value: Buffer, transactionId: Buffer, xor: boolean): { address: string; port: number } | null {
  if (value.length < 8) return null;
  const family = value.readUInt8(1);
  const size = family === 0x01 ? 4 : family === 0x02 ? 16 : 0;
  if (size === 0 || value.length < 4 + size) return null;
  const port = xor ? value.readUInt16BE(2) ^ (MAGIC_COOKIE >>> 16) : value.readUInt16BE(2);
  const ip = Buffer.alloc(size);
  for (let i = 0; i < size; i++) ip[i] = xor ? (value[4 + i] ?? 0) ^ (transactionId[i] ?? 0) : (value[4 + i] ?? 0);
  if (size === 4) return { address: [...ip].join('.'), port };
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(ip.readUInt16BE(i).toString(16));
  return { address: groups.join(':'), port };
}

/** ERROR-CODE value (RFC 5389 15.6). */
export function errorCodeValue(code: number, reason: string): Buffer {
  const text = Buffer.from(reason, 'utf8');
  const out = Buffer.alloc(4 + text.length);
  out.writeUInt8(Math.floor(code / 100), 2);
  out.writeUInt8(code % 100, 3);
  text.copy(out, 4);
  return out;
}

export function readErrorCode(value: Buffer): number | null {
  return value.length < 4 ? null : (value.readUInt8(2) & 0x07) * 100 + value.readUInt8(3);
}

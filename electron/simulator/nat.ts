// A simulated CPE behind NAT (TR-069 Annex G, TR-111 Part 2). Its HTTP ConnectionRequestURL is
// unreachable (a private address in real life; a closed port here); instead it listens on a UDP
// port for UDP connection requests, and learns its public binding by sending STUN Binding
// Requests (CONNECTION-REQUEST-BINDING, USERNAME, MESSAGE-INTEGRITY) from that same port to the
// STUN server its ManagementServer.STUN* parameters name. A request is accepted only when its
// un is the ConnectionRequestUsername, its sig verifies with the ConnectionRequestPassword, and
// it is not older or a repeat of the last one accepted (G.2.1.2).
import { createSocket, type Socket } from 'node:dgram';
import { randomBytes, timingSafeEqual } from 'node:crypto';
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
  type OutgoingAttribute,
  type StunMessage,
} from '../core/stun/codec.ts';
import { udpSignature } from '../core/services/udp-connection-request.ts';

export interface NatSettings {
  enabled: boolean;
  server: string;
  port: number;
  username: string;
  password: string;
}

export interface NatTarget {
  /** Read on every request: the ACS may have changed them. */
  credentials(): { username: string; password: string };
  stun(): NatSettings;
  /** The binding the STUN server reported (ManagementServer.UDPConnectionRequestAddress). */
  learnt(address: string, port: number): void;
  onConnectionRequest(): void;
}

export interface NatStats {
  accepted: number;
  /** Bad signature, wrong username, malformed. */
  rejected: number;
  /** Repeats of an accepted request (same id) or older ones. */
  ignored: number;
  bindingRequests: number;
  /** UDP connection requests the simulated NAT lost (dropNext). */
  dropped: number;
}

export class SimulatedNat {
  readonly stats: NatStats = { accepted: 0, rejected: 0, ignored: 0, bindingRequests: 0, dropped: 0 };
  /** The NAT loses this many of the next UDP connection requests (tests: the ACS must repeat them). */
  dropNext = 0;
  private lastTs = 0;
  private lastId = '';
  private pending = new Map<string, (reply: Buffer) => void>();
  private learntBinding: string | null = null;

  private constructor(
    private socket: Socket,
    private readonly target: NatTarget,
    private readonly host: string,
  ) {}

  static async start(target: NatTarget, host = '127.0.0.1'): Promise<SimulatedNat> {
    const nat = new SimulatedNat(await openSocket(host), target, host);
    nat.listen();
    return nat;
  }

  private listen(): void {
    this.socket.on('message', (bytes) => this.receive(bytes));
    this.socket.on('error', () => undefined);
  }

  /**
   * The NAT maps the device to a new public port (a NAT reboot, a timed-out mapping): the
   * device sends from a new socket a Binding Request with BINDING-CHANGE (TR-111 Part 2), and
   * the old port no longer reaches it. Resolves to the new binding, or null.
   */
  async rebind(): Promise<string | null> {
    const old = this.socket;
    this.socket = await openSocket(this.host);
    this.listen();
    await new Promise<void>((resolve) => old.close(() => resolve()));
    this.learntBinding = null;
    return this.refresh(true);
  }

  get localPort(): number {
    return this.socket.address().port;
  }

  get binding(): string | null {
    return this.learntBinding;
  }

  /**
   * Sends a Binding Request if STUN is enabled (answering a 401 once with MESSAGE-INTEGRITY) and
   * reports the binding learnt; resolves to it, or null (STUN off, no answer, refused).
   */
  async refresh(bindingChange = false, timeoutMs = 2000): Promise<string | null> {
    const s = this.target.stun();
    if (!s.enabled || s.server === '' || s.port <= 0) return null;
    let reply = await this.bind(s, false, bindingChange, timeoutMs);
    if (reply !== null && reply.type === StunType.bindingError && s.password !== '')
      reply = await this.bind(s, true, bindingChange, timeoutMs);
    if (reply === null || reply.type !== StunType.bindingSuccess) return null;
    const xor = attribute(reply, StunAttr.xorMappedAddress);
    const plain = attribute(reply, StunAttr.mappedAddress);
    const mapped =
      xor !== undefined
        ? readAddress(xor.value, reply.transactionId, true)
        : plain !== undefined
          ? readAddress(plain.value, reply.transactionId, false)
          : null;
    if (mapped === null) return null;
    this.learntBinding = `${mapped.address}:${mapped.port}`;
    this.target.learnt(mapped.address, mapped.port);
    return this.learntBinding;
  }

  private async bind(s: NatSettings, integrity: boolean, bindingChange: boolean, timeoutMs: number): Promise<StunMessage | null> {
    const tid = Buffer.concat([Buffer.alloc(4), randomBytes(12)]);
    tid.writeUInt32BE(MAGIC_COOKIE, 0);
    const attrs: OutgoingAttribute[] = [{ type: StunAttr.connectionRequestBinding, value: Buffer.from(CONNECTION_REQUEST_BINDING_VALUE) }];
    if (bindingChange) attrs.push({ type: StunAttr.bindingChange, value: Buffer.alloc(0) });
    if (s.username !== '') attrs.unshift({ type: StunAttr.username, value: Buffer.from(s.username, 'utf8') });
    const bytes = encodeStun(StunType.bindingRequest, tid, attrs, integrity ? Buffer.from(s.password, 'utf8') : undefined);
    const key = tid.toString('hex');
    const answer = new Promise<Buffer | null>((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(key);
        resolve(null);
      }, timeoutMs);
      this.pending.set(key, (reply) => {
        clearTimeout(timer);
        this.pending.delete(key);
        resolve(reply);
      });
    });
    this.stats.bindingRequests += 1;
    this.socket.send(bytes, s.port, s.server);
    const raw = await answer;
    if (raw === null) return null;
    const msg = decodeStun(raw);
    if (typeof msg === 'string') return null;
    if (msg.type === StunType.bindingError) {
      const code = attribute(msg, StunAttr.errorCode);
      if (code !== undefined && readErrorCode(code.value) !== 401) return null;
    }
    return msg;
  }

  private receive(bytes: Buffer): void {
    const stun = decodeStun(bytes);
    if (typeof stun !== 'string') {
      this.pending.get(stun.transactionId.toString('hex'))?.(bytes);
      return;
    }
    if (this.dropNext > 0) {
      this.dropNext -= 1;
      this.stats.dropped += 1;
      return;
    }
    const verdict = this.check(bytes.toString('latin1'));
    if (verdict === 'accept') {
      this.stats.accepted += 1;
      setImmediate(() => this.target.onConnectionRequest());
    } else if (verdict === 'ignore') this.stats.ignored += 1;
    else this.stats.rejected += 1;
  }

  /** G.2.1.2: what the CPE does with one UDP connection request. */
  private check(text: string): 'accept' | 'ignore' | 'reject' {
    const line = /^GET (\S+) HTTP\/1\.1\r\n/.exec(text);
    if (line === null) return 'reject';
    let query: URLSearchParams;
    try {
      query = new URL(line[1] ?? '').searchParams;
    } catch {
      return 'reject';
    }
    const [ts, id, un, cn, sig] = ['ts', 'id', 'un', 'cn', 'sig'].map((k) => query.get(k));
    if (ts == null || id == null || un == null || cn == null || sig == null || !/^\d+$/.test(ts)) return 'reject';
    const { username, password } = this.target.credentials();
    if (un !== username) return 'reject';
    const expected = Buffer.from(udpSignature(password, ts, id, un, cn));
    const given = Buffer.from(sig.toUpperCase());
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'reject';
    if (id === this.lastId || Number(ts) < this.lastTs) return 'ignore';
    this.lastId = id;
    this.lastTs = Number(ts);
    return 'accept';
  }

  /** Sends raw bytes from the CPE's UDP port (tests: a malformed datagram to the STUN server). */
  sendRaw(bytes: Buffer, port: number, address: string): void {
    this.socket.send(bytes, port, address);
  }

  async close(): Promise<void> {
    for (const resolve of this.pending.values()) resolve(Buffer.alloc(0));
    await new Promise<void>((resolve) => this.socket.close(() => resolve()));
  }
}

async function openSocket(host: string): Promise<Socket> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, host, () => resolve());
  });
  return socket;
}

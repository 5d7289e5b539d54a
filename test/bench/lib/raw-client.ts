// A lean HTTP/1.1 client for load: one TCP connection, requests pre-rendered as bytes, replies
// parsed only as far as a CPE needs (status, Content-Length body, Set-Cookie, Retry-After).
// node:http's client costs several times more CPU per request than the server under test, so
// at high rates it would measure itself; this one keeps the driver well below the server.
import { connect, type Socket } from 'node:net';

export interface RawReply {
  status: number;
  body: Buffer;
  /** First cookie pair of Set-Cookie ('name=value'), if any. */
  cookie: string | null;
  retryAfter: string | null;
  /** WWW-Authenticate values of a 401. */
  challenges: string[];
  /** The server asked to close the connection after this reply. */
  close: boolean;
}

const CRLFCRLF = Buffer.from('\r\n\r\n');

/** Request bytes: head and body in one buffer so each request is one write. */
export function renderPost(host: string, path: string, body: Buffer | string, extraHeaders = ''): Buffer {
  const payload = typeof body === 'string' ? Buffer.from(body) : body;
  const type = payload.length > 0 ? 'Content-Type: text/xml; charset="utf-8"\r\nSOAPAction: \r\n' : '';
  const head = `POST ${path} HTTP/1.1\r\nHost: ${host}\r\n${type}Content-Length: ${payload.length}\r\n${extraHeaders}\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), payload]);
}

export class RawConnection {
  private socket: Socket | null = null;
  private buffer: Buffer = Buffer.alloc(0);
  private pending: { resolve: (r: RawReply) => void; reject: (e: Error) => void } | null = null;

  constructor(
    readonly host: string,
    readonly port: number,
  ) {}

  get connected(): boolean {
    return this.socket !== null && !this.socket.destroyed;
  }

  /** Sends one request and waits for its reply; connects first when needed. */
  async request(bytes: Buffer): Promise<RawReply> {
    if (!this.connected) await this.open();
    const socket = this.socket;
    if (socket === null) throw new Error('not connected');
    return new Promise<RawReply>((resolve, reject) => {
      this.pending = { resolve, reject };
      socket.write(bytes);
    });
  }

  close(): void {
    this.socket?.destroy();
    this.socket = null;
  }

  private open(): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: this.host, port: this.port, noDelay: true });
      this.buffer = Buffer.alloc(0);
      socket.once('connect', () => {
        socket.off('error', reject);
        socket.on('error', (err) => this.fail(err));
        resolve();
      });
      socket.once('error', reject);
      socket.on('data', (chunk: Buffer) => this.onData(chunk));
      socket.on('close', () => {
        if (this.socket === socket) this.socket = null;
        this.fail(new Error('connection closed by the server'));
      });
      this.socket = socket;
    });
  }

  private fail(err: Error): void {
    const p = this.pending;
    this.pending = null;
    p?.reject(err);
  }

  private onData(chunk: Buffer): void {
    try {
      this.take(chunk);
    } catch (err) {
      this.close();
      this.fail(err instanceof Error ? err : new Error(String(err)));
    }
  }

  private take(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const end = this.buffer.indexOf(CRLFCRLF);
    if (end < 0) return;
    const head = this.buffer.toString('latin1', 0, end);
    const reply = parseHead(head);
    const total = end + 4 + reply.length;
    if (this.buffer.length < total) return;
    const body = this.buffer.subarray(end + 4, total);
    this.buffer = this.buffer.length > total ? this.buffer.subarray(total) : Buffer.alloc(0);
    const p = this.pending;
    this.pending = null;
    if (reply.close) this.close();
    p?.resolve({ ...reply, body });
  }
}

function parseHead(head: string): Omit<RawReply, 'body'> & { length: number } {
  const lines = head.split('\r\n');
  const status = Number((lines[0] ?? '').split(' ')[1] ?? 0);
  let length = 0;
  let cookie: string | null = null;
  let retryAfter: string | null = null;
  let close = false;
  const challenges: string[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'content-length') length = Number(value);
    else if (name === 'set-cookie') cookie ??= value.split(';')[0] ?? null;
    else if (name === 'retry-after') retryAfter = value;
    else if (name === 'www-authenticate') challenges.push(value);
    else if (name === 'connection') close = value.toLowerCase() === 'close';
    else if (name === 'transfer-encoding') throw new Error(`unexpected Transfer-Encoding: ${value} (the ACS never chunks)`);
  }
  return { status, length, cookie, retryAfter, challenges, close };
}

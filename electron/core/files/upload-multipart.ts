// A multipart/form-data body (RFC 7578) reduced to its first file part, streamed: a browser-style
// POST of a configuration file (some CPEs upload that way) gives the same bytes as a plain PUT.
// Parts without a filename (form fields) are skipped; whatever follows the file part is dropped.
import { Transform, type TransformCallback } from 'node:stream';

const MAX_HEADER_BYTES = 16 * 1024;
const CRLF2 = Buffer.from('\r\n\r\n');

/** The boundary of a multipart/form-data Content-Type, or null for any other type. */
export function multipartBoundary(contentType: string | undefined): string | null {
  if (contentType === undefined || !/^multipart\/form-data\b/i.test(contentType.trim())) return null;
  const m = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const boundary = m?.[1] ?? m?.[2];
  return boundary === undefined || boundary.length > 70 ? null : boundary;
}

type State = 'preamble' | 'headers' | 'file' | 'skip' | 'done';

/** Passes on the bytes of the first file part; fails when the body ends before that part did. */
export class FirstFilePart extends Transform {
  private state: State = 'preamble';
  private pending: Buffer = Buffer.alloc(0);
  private readonly opening: Buffer;
  private readonly delimiter: Buffer;

  constructor(boundary: string) {
    super();
    this.opening = Buffer.from(`--${boundary}`);
    this.delimiter = Buffer.from(`\r\n--${boundary}`);
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    if (this.state === 'done') {
      done();
      return;
    }
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    try {
      this.scan();
      done();
    } catch (err) {
      done(err as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    done(this.state === 'done' ? null : new Error('the multipart body ended before its file part did'));
  }

  private scan(): void {
    for (;;) {
      const before = this.state;
      if (this.state === 'preamble') this.preamble();
      else if (this.state === 'headers') this.headers();
      else if (this.state === 'file' || this.state === 'skip') this.body();
      if (this.state === before || this.state === 'done') return;
    }
  }

  private preamble(): void {
    const at = this.pending.indexOf(this.opening);
    if (at < 0) {
      this.pending = this.pending.subarray(Math.max(0, this.pending.length - this.opening.length));
      return;
    }
    this.pending = this.pending.subarray(at + this.opening.length);
    this.state = 'headers';
  }

  /** After a boundary: '--' ends the body; else the part's headers up to the blank line. */
  private headers(): void {
    if (this.pending.length >= 2 && this.pending.subarray(0, 2).toString() === '--') {
      throw new Error('the multipart body has no file part');
    }
    const end = this.pending.indexOf(CRLF2);
    if (end < 0) {
      if (this.pending.length > MAX_HEADER_BYTES) throw new Error('a multipart part has oversized headers');
      return;
    }
    const head = this.pending.subarray(0, end).toString('latin1');
    this.pending = this.pending.subarray(end + CRLF2.length);
    this.state = /content-disposition:[^\r\n]*\bfilename\*?=/i.test(head) ? 'file' : 'skip';
  }

  /** A part's body up to the next delimiter; the file part's bytes go on, a field's are dropped. */
  private body(): void {
    const at = this.pending.indexOf(this.delimiter);
    if (at < 0) {
      // Keep what could be the start of a delimiter split across chunks.
      const keep = Math.min(this.pending.length, this.delimiter.length - 1);
      const out = this.pending.subarray(0, this.pending.length - keep);
      if (this.state === 'file' && out.length > 0) this.push(out);
      this.pending = Buffer.from(this.pending.subarray(this.pending.length - keep));
      return;
    }
    if (this.state === 'file') {
      if (at > 0) this.push(this.pending.subarray(0, at));
      this.state = 'done';
      this.pending = Buffer.alloc(0);
      return;
    }
    this.pending = this.pending.subarray(at + this.delimiter.length);
    this.state = 'headers';
  }
}

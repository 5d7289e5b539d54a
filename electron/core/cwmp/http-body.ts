// Reads a CWMP request body: chunked or not, gzip/deflate encoded or not, within a size limit.
import type { IncomingMessage } from 'node:http';
import { createGunzip, createInflate, type Gunzip, type Inflate } from 'node:zlib';

export class BodyError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.name = 'BodyError';
    this.status = status;
  }
}

/** A CWMP body must arrive whole within this (the listener has no server-wide request timeout, so file uploads may take longer). */
export const BODY_DEADLINE_MS = 60_000;

export function readBody(req: IncomingMessage, maxBytes: number, deadlineMs = BODY_DEADLINE_MS): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    req.resume();
    return Promise.reject(new BodyError(413, `body of ${declared} bytes exceeds the ${maxBytes}-byte limit`));
  }
  const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase().trim();
  let source: IncomingMessage | Gunzip | Inflate = req;
  if (encoding === 'gzip' || encoding === 'x-gzip') source = req.pipe(createGunzip());
  else if (encoding === 'deflate') source = req.pipe(createInflate());
  else if (encoding !== 'identity' && encoding !== '') {
    req.resume();
    return Promise.reject(new BodyError(415, `unsupported Content-Encoding '${encoding}'`));
  }
  return collect(req, source, maxBytes, deadlineMs);
}

function collect(req: IncomingMessage, source: NodeJS.ReadableStream, maxBytes: number, deadlineMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    // A trickled body (slowloris) is cut off: the connection is closed, not just answered.
    const deadline = setTimeout(() => {
      fail(new BodyError(408, `body not received within ${deadlineMs / 1000} s`));
      req.socket.destroy();
    }, deadlineMs);
    deadline.unref();
    const fail = (err: BodyError): void => {
      if (done) return;
      done = true;
      clearTimeout(deadline);
      req.resume();
      reject(err);
    };
    source.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > maxBytes) fail(new BodyError(413, `body exceeds the ${maxBytes}-byte limit`));
      else chunks.push(chunk);
    });
    source.on('error', (err: Error) => fail(new BodyError(400, `cannot read body: ${err.message}`)));
    req.on('aborted', () => fail(new BodyError(400, 'request aborted by the client')));
    source.on('end', () => {
      if (done) return;
      done = true;
      clearTimeout(deadline);
      resolve(chunks.length === 1 && chunks[0] !== undefined ? chunks[0] : Buffer.concat(chunks, size));
    });
  });
}

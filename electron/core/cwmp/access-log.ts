// The CWMP access log: one JSON line per HTTP request on the CWMP listener (CWMP POSTs and file
// transfers alike), apart from the application log, so an operator can see at a glance who
// talked to DeskACS, how often and with what result. Per-transfer file tokens are not written.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export interface CwmpAccessEntry {
  at: string;
  remote: string;
  method: string;
  /** The request path; /files/ paths keep their kind (/files/u/...) but not their token. */
  path: string;
  status: number;
  /** Bytes received (the request, headers included) and sent (the answer, headers included). */
  bytesIn: number;
  bytesOut: number;
  durationMs: number;
  /** The device whose session the request belonged to, once known. */
  deviceId: string | null;
  /** False when the client went away before the answer was complete. */
  completed: boolean;
}

export type AccessLogSink = (entry: CwmpAccessEntry) => void;

/** Where the previous request on a kept-alive connection ended, in bytes read and written. */
const marks = new WeakMap<Socket, { read: number; written: number }>();

/** Follows one request to its end and hands its entry to `sink`. */
export function traceRequest(req: IncomingMessage, res: ServerResponse, sink: AccessLogSink, deviceOf: () => string | null): void {
  const started = performance.now();
  const socket = req.socket;
  const before = marks.get(socket) ?? { read: 0, written: 0 };
  res.once('close', () => {
    marks.set(socket, { read: socket.bytesRead, written: socket.bytesWritten });
    sink({
      at: new Date().toISOString(),
      remote: socket.remoteAddress ?? '',
      method: req.method ?? '',
      path: loggedPath(req.url ?? ''),
      status: res.statusCode,
      bytesIn: Math.max(0, socket.bytesRead - before.read),
      bytesOut: Math.max(0, socket.bytesWritten - before.written),
      durationMs: Math.round((performance.now() - started) * 10) / 10,
      deviceId: deviceOf(),
      completed: res.writableFinished,
    });
  });
}

/** '/files/u/3f9c...?x=1' -> '/files/u/…'; other paths without their query string. */
export function loggedPath(url: string): string {
  const path = url.split('?')[0] ?? '';
  const files = /^(\/files\/(?:[a-z]\/)?)[^/]+/.exec(path);
  return files === null ? path.slice(0, 200) : `${files[1]}…`;
}

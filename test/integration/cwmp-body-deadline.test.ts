// A CWMP body that trickles in is cut off at its deadline (the listener has no server-wide
// request timeout, so that uploads to /files/ may take longer than a CWMP body may).
import assert from 'node:assert/strict';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { BodyError, readBody } from '../../electron/core/cwmp/http-body.ts';

let server: Server;
let port = 0;
const outcomes: (string | number)[] = [];

before(async () => {
  server = createServer((req, res) => {
    readBody(req, 1024 * 1024, 300).then(
      (body) => {
        outcomes.push(body.length);
        res.end('ok');
      },
      (err: unknown) => {
        outcomes.push(err instanceof BodyError ? err.status : String(err));
        if (!res.destroyed) res.end();
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

function send(chunks: string[], gapMs: number, length: number): Promise<'closed' | number> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', headers: { 'content-length': length } });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve('closed'));
    let i = 0;
    const next = (): void => {
      const chunk = chunks[i++];
      if (chunk === undefined) return;
      if (!req.destroyed) req.write(chunk);
      setTimeout(next, gapMs);
    };
    next();
  });
}

test('a body that arrives within the deadline is read whole', async () => {
  outcomes.length = 0;
  assert.equal(await send(['<a>', '</a>'], 10, 7), 200);
  assert.deepEqual(outcomes, [7]);
});

test('a trickled body is refused with 408 and its connection closed at the deadline', async () => {
  outcomes.length = 0;
  // 10 bytes announced, one byte every 100 ms: not whole after 300 ms.
  const result = await send(['<', 'a', '>', ' ', ' ', ' ', '<', '/', 'a', '>'], 100, 10);
  assert.equal(result, 'closed');
  assert.deepEqual(outcomes, [408]);
});

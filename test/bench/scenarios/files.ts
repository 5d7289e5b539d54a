// Scenario 'files': 100 simultaneous downloads of a 32 MB library file over loopback, from the
// per-transfer URL DeskACS serves on its CWMP listener (token lookup, task check, Range parsing,
// fetch log) and from a bare node:http + fs.createReadStream server of the same file, in the same
// process and run (the downloading clients share the event loop with both, alike). Throughput of
// both, their ratio (target >= 0.8) and the process's RSS before and after (it must stay flat:
// files are streamed, never held in memory: measured after the first pair of rounds, when
// sockets and buffers have their working size, and after the last). Best of ROUNDS alternating
// rounds per server.
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assembleAcs } from '../../../electron/core/acs.ts';
import { createTransferUrl } from '../../../electron/core/files/transfer-url.ts';
import { silentLogger } from '../../../electron/core/log.ts';
import type { BenchOptions } from '../lib/options.ts';
import { round } from '../lib/stats.ts';

const ROUNDS = 3;

export interface FilesResult {
  downloads: number;
  fileBytes: number;
  /** MB/s (10^6 bytes) summed over the simultaneous downloads, best round. */
  bareMBps: number;
  deskacsMBps: number;
  ratio: number;
  /** RSS before any download, after the first bare/DeskACS pair, and after the last. */
  rssStartMiB: number;
  rssBeforeMiB: number;
  rssAfterMiB: number;
  /** Fetches DeskACS logged with status 200, against the downloads it served. */
  logged: number;
  served: number;
}

export async function runFiles(o: BenchOptions, log: (line: string) => void): Promise<FilesResult> {
  const downloads = o.quick ? 10 : 100;
  const fileBytes = (o.quick ? 4 : 32) * 1024 * 1024;
  const dataDir = mkdtempSync(join(tmpdir(), 'deskacs-bench-files-'));
  const { acs, store } = await assembleAcs({
    dataDir,
    cwmpHost: '127.0.0.1',
    cwmpPort: 0,
    httpHost: '127.0.0.1',
    httpPort: null,
    webRoot: null,
    sessionTimeoutMs: 30_000,
    maxConcurrentSessions: 100,
    cpeAuth: { mode: 'none' },
    log: silentLogger,
  });
  let bare: Server | null = null;
  try {
    const bytes = randomBytes(fileBytes);
    const { uploadId } = await acs.api.beginFileUpload({ name: 'bench-fw-1.0.0.bin', size: fileBytes });
    for (let at = 0; at < fileBytes; at += 8 * 1024 * 1024) {
      await acs.api.appendFileUpload({ uploadId, offset: at, chunk: new Uint8Array(bytes.subarray(at, at + 8 * 1024 * 1024)) });
    }
    const { file } = await acs.api.finishFileUpload({ uploadId });
    const path = join(dataDir, 'files', file.sha256);
    const size = statSync(path).size;
    bare = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': size });
      createReadStream(path, { highWaterMark: 256 * 1024 }).pipe(res);
    });
    await new Promise<void>((r) => bare?.listen(0, '127.0.0.1', r));
    const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/fw.bin`;
    const deskacsUrls = (): string[] =>
      Array.from({ length: downloads }, (_, i) =>
        createTransferUrl(store, {
          fileId: file.id,
          fileName: file.name,
          deviceId: `BENCH-${i}`,
          taskId: null,
          username: '',
          password: '',
          baseUrl: acs.info.cwmpUrl,
          now: new Date(),
        }),
      );
    const rssStart = process.memoryUsage().rss;
    let rssBefore = rssStart;
    let bestBare = 0;
    let bestDeskacs = 0;
    for (let i = 0; i < ROUNDS; i++) {
      bestBare = Math.max(bestBare, await downloadAll(Array(downloads).fill(bareUrl), size));
      bestDeskacs = Math.max(bestDeskacs, await downloadAll(deskacsUrls(), size));
      // After the first pair: sockets, buffers and the pool have their working size.
      if (i === 0) rssBefore = process.memoryUsage().rss;
    }
    const rssAfter = process.memoryUsage().rss;
    const fetches = store.fileFetches.list({ fileId: file.id, limit: 1000 }).filter((f) => f.status === 200 && f.bytes === size);
    const result: FilesResult = {
      downloads,
      fileBytes: size,
      bareMBps: round(bestBare / 1e6, 1),
      deskacsMBps: round(bestDeskacs / 1e6, 1),
      ratio: round(bestDeskacs / bestBare, 2),
      rssStartMiB: round(rssStart / 1024 ** 2, 1),
      rssBeforeMiB: round(rssBefore / 1024 ** 2, 1),
      rssAfterMiB: round(rssAfter / 1024 ** 2, 1),
      logged: fetches.length,
      served: downloads * ROUNDS,
    };
    log(`files: ${downloads} x ${size} bytes: bare ${result.bareMBps} MB/s, DeskACS ${result.deskacsMBps} MB/s (ratio ${result.ratio})`);
    return result;
  } finally {
    if (bare !== null) await new Promise((r) => bare?.close(r));
    await acs.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Downloads every URL at once (one connection each), discarding the bytes; answers bytes/s. */
async function downloadAll(urls: string[], size: number): Promise<number> {
  const agent = new Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });
  const started = performance.now();
  const got = await Promise.all(urls.map((url) => download(url, agent)));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  for (const n of got) if (n !== size) throw new Error(`a download got ${n} of ${size} bytes`);
  return got.reduce((a, b) => a + b, 0) / seconds;
}

function download(url: string, agent: Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent }, (res) => {
      if (res.statusCode !== 200) reject(new Error(`${url}: HTTP ${res.statusCode}`));
      let n = 0;
      res.on('data', (c: Buffer) => {
        n += c.length;
      });
      res.on('end', () => resolve(n));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

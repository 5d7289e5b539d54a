// A real ACS for the subscriber and installer tests (as test/helpers/acs-harness.ts builds it),
// also handing back the subscriber service (the profile engine's SubscriberDirectory) and every
// log line written, so tests can check that secrets never reach the log.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../../electron/core/acs-types.ts';
import { assembleAcs } from '../../electron/core/acs.ts';
import type { SubscriberService } from '../../electron/core/services/subscribers/service.ts';
import { send, type Harness } from '../helpers/acs-harness.ts';

export interface SubscriberHarness extends Harness {
  subscribers: SubscriberService;
  /** Every log line as JSON (message and fields). */
  logLines: string[];
}

export async function startSubscriberHarness(): Promise<SubscriberHarness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'deskacs-subscribers-'));
  const logLines: string[] = [];
  const capture =
    (level: string) =>
    (msg: string, fields?: Record<string, unknown>): void => {
      logLines.push(JSON.stringify({ level, msg, fields }));
    };
  const log: Logger = { info: capture('info'), warn: capture('warn'), error: capture('error') };
  const { acs, store, subscribers } = await assembleAcs({
    dataDir,
    cwmpHost: '127.0.0.1',
    cwmpPort: 0,
    httpHost: '127.0.0.1',
    httpPort: 0,
    webRoot: null,
    sessionTimeoutMs: 5_000,
    maxConcurrentSessions: 50,
    cpeAuth: { mode: 'none' },
    log,
  });
  return {
    acs,
    store,
    subscribers,
    logLines,
    dataDir,
    cwmpUrl: acs.info.cwmpUrl,
    apiUrl: acs.info.apiUrl ?? '',
    close: async () => {
      await acs.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A raw body (CSV bytes, ...) to an API route with the bearer token. */
export async function apiRaw(
  h: Harness,
  method: string,
  path: string,
  body: Buffer | null,
  contentType = 'text/csv',
): Promise<{ status: number; json: unknown; headers: Record<string, string | string[] | undefined>; body: string }> {
  const headers: Record<string, string> = { Authorization: `Bearer ${h.acs.info.apiToken}` };
  if (body !== null) {
    headers['Content-Type'] = contentType;
    headers['Content-Length'] = String(body.length);
  }
  const res = await send(`${h.apiUrl}${path}`, method, headers, body);
  let json: unknown = null;
  try {
    json = res.body === '' ? null : (JSON.parse(res.body) as unknown);
  } catch {
    json = null;
  }
  return { status: res.status, json, headers: res.headers, body: res.body };
}

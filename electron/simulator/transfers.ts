// File transfers the CPE performs after a Download/Upload RPC (TR-069 A.3.2.8, A.4.1.5), and the
// TransferComplete fault codes it reports (cwmp-1-2.xsd TransferCompleteCPEFaultCodeType):
// 9012 server authentication failure, 9015 unable to contact file server, 9016 unable to access
// file, 9017 unable to complete download, 9011 upload failure.

import type { DownloadArgs, FaultStruct, TransferCompleteRequest, UploadArgs } from '../core/cwmp/messages.ts';
import { AuthClient } from '../core/http-auth/client.ts';
import { CpeFaultError, faultText } from './faults.ts';
import { requestWithAuth, type HttpResult } from './http-util.ts';

/**
 * CWMP 1.0 knows only 9001/9002/9010/9011/9012 in TransferComplete (cwmp-1-0.xsd FaultStruct);
 * the detailed 9014-9020 arrived with 1.1. A 1.0 CPE reports those as plain download/upload failure.
 */
export function transferFaultForVersion(fault: FaultStruct, cwmpNamespace: string, isDownload: boolean): FaultStruct {
  if (!cwmpNamespace.endsWith('cwmp-1-0') || fault.code <= 9012) return fault;
  const code = isDownload ? 9010 : 9011;
  return { code, string: fault.string.replace(/^[^:]*/, faultText(code)) };
}

/** Rejects URLs the CPE cannot use before accepting the RPC: 9013 for non-HTTP(S) schemes. */
export function checkTransferUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new CpeFaultError(9003, `Invalid URL: ${url}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new CpeFaultError(9013, `${faultText(9013)}: ${parsed.protocol}`);
  }
}

export interface TransferOutcome {
  complete: TransferCompleteRequest;
  /** The downloaded file (downloads that succeeded only). */
  file?: string;
}

const NO_FAULT: FaultStruct = { code: 0, string: '' };

function fault(code: number, detail: string): FaultStruct {
  return { code, string: `${faultText(code)}: ${detail}` };
}

function credentials(args: { username: string; password: string }): AuthClient | undefined {
  return args.username === '' ? undefined : new AuthClient(args.username, args.password);
}

function httpFault(result: HttpResult, failure: number): FaultStruct | undefined {
  if (result.status === 401 || result.status === 403) return fault(9012, `HTTP ${result.status}`);
  if (result.status < 200 || result.status >= 300) return fault(failure, `HTTP ${result.status}`);
  return undefined;
}

function networkFault(err: unknown, cutShort: number): FaultStruct {
  const message = err instanceof Error ? err.message : String(err);
  return fault(/cut short|timed out/.test(message) ? cutShort : 9015, message);
}

async function timed(
  commandKey: string,
  now: () => Date,
  run: () => Promise<{ fault: FaultStruct; file?: string }>,
): Promise<TransferOutcome> {
  const startTime = now().toISOString();
  const { fault: f, file } = await run();
  const complete: TransferCompleteRequest = {
    name: 'TransferComplete',
    commandKey,
    fault: f,
    startTime,
    completeTime: now().toISOString(),
  };
  return file === undefined ? { complete } : { complete, file };
}

/** GETs the file; a body shorter than the announced FileSize counts as incomplete (9017). */
export function performDownload(args: DownloadArgs, now: () => Date = () => new Date()): Promise<TransferOutcome> {
  return timed(args.commandKey, now, async () => {
    try {
      const result = await requestWithAuth(new URL(args.url), { method: 'GET' }, credentials(args));
      const bad = httpFault(result, 9016);
      if (bad) return { fault: bad };
      const size = Buffer.byteLength(result.body);
      if (args.fileSize > 0 && size < args.fileSize) return { fault: fault(9017, `got ${size} of ${args.fileSize} bytes`) };
      return { fault: NO_FAULT, file: result.body };
    } catch (err) {
      return { fault: networkFault(err, 9017) };
    }
  });
}

/** PUTs `content` (the configuration or log file) to the URL. */
export function performUpload(args: UploadArgs, content: string, now: () => Date = () => new Date()): Promise<TransferOutcome> {
  return timed(args.commandKey, now, async () => {
    try {
      const headers = { 'Content-Type': 'text/plain; charset=utf-8' };
      const result = await requestWithAuth(new URL(args.url), { method: 'PUT', headers, body: content }, credentials(args));
      return { fault: httpFault(result, 9011) ?? NO_FAULT };
    } catch (err) {
      return { fault: networkFault(err, 9011) };
    }
  });
}

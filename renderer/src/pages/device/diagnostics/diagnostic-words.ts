// Diagnostics in words: what each kind is called, what a run asked, its state as a chip and its
// result in one line. Pure.
import type { DiagnosticResult, DiagnosticRun, DiagnosticState } from '../../../../../shared/models-diagnostics.ts';
import type { TaskSpec } from '../../../../../shared/tasks.ts';

/** The choices of the Run form; a speed test counts as two (download, upload). */
export const diagnosticChoices = [
  { id: 'ping', label: 'Ping', needsHost: true, defaultHost: '8.8.8.8' },
  { id: 'traceroute', label: 'Traceroute', needsHost: true, defaultHost: '8.8.8.8' },
  { id: 'download', label: 'Download speed', needsHost: false, defaultHost: '' },
  { id: 'upload', label: 'Upload speed', needsHost: false, defaultHost: '' },
  { id: 'nslookup', label: 'DNS lookup', needsHost: true, defaultHost: 'example.com' },
] as const;

export type DiagnosticChoice = (typeof diagnosticChoices)[number]['id'];

/** The task a choice and a host make. */
export function diagnosticTask(choice: DiagnosticChoice, host: string): TaskSpec {
  switch (choice) {
    case 'ping':
      return { name: 'ping', host, count: 4 };
    case 'traceroute':
      return { name: 'traceroute', host };
    case 'download':
    case 'upload':
      return { name: 'speedTest', direction: choice };
    case 'nslookup':
      return { name: 'nslookup', host };
  }
}

/** 'Ping 8.8.8.8', 'Download speed test'. */
export function runTitle(run: Pick<DiagnosticRun, 'kind' | 'args'>): string {
  const host = typeof run.args.host === 'string' ? run.args.host : '';
  switch (run.kind) {
    case 'ping':
      return `Ping ${host}`;
    case 'traceroute':
      return `Traceroute to ${host}`;
    case 'nslookup':
      return `DNS lookup of ${host}`;
    case 'speedTest':
      return run.args.direction === 'upload' ? 'Upload speed test' : 'Download speed test';
  }
}

export const stateLabels: Record<DiagnosticState, string> = {
  requested: 'Starting',
  waiting: 'Running on device',
  reading: 'Reading results',
  done: 'Done',
  failed: 'Failed',
};

/** The chip's class: the task chips' colours (waiting and running amber, done green, failed red). */
export function stateClass(state: DiagnosticState): string {
  return state === 'done' ? 'task-done' : state === 'failed' ? 'task-fault' : 'task-running';
}

export function inFlight(state: DiagnosticState): boolean {
  return state === 'requested' || state === 'waiting' || state === 'reading';
}

export function ms(v: number | null): string {
  if (v === null) return '–';
  return v < 10 ? `${v.toFixed(v < 1 ? 2 : 1)} ms` : `${Math.round(v)} ms`;
}

export function mbytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${(bytes / 1024).toFixed(0)} KB`;
}

/** A task's stored result.diagnostic, as far as its kind goes (it comes from the core's own result). */
export function isDiagnosticResult(v: unknown): v is DiagnosticResult {
  const kind = typeof v === 'object' && v !== null ? (v as { kind?: unknown }).kind : undefined;
  return kind === 'ping' || kind === 'traceroute' || kind === 'speedTest' || kind === 'nslookup';
}

/** The result in one line, for the history list. */
export function resultLine(r: DiagnosticResult): string {
  switch (r.kind) {
    case 'ping':
      return r.received === 0
        ? `no reply (${r.sent} sent, 100% loss)`
        : `${r.received}/${r.sent} replies · ${r.lossPercent}% loss · avg ${ms(r.rttAvgMs)}`;
    case 'traceroute': {
      const last = r.hops[r.hops.length - 1];
      return `${r.hops.length} hop${r.hops.length === 1 ? '' : 's'}${last === undefined ? '' : ` · last ${last.address || last.host}`}`;
    }
    case 'speedTest':
      return r.mbps === null ? `${mbytes(r.bytes)} moved` : `${r.mbps.toFixed(1)} Mbit/s ${r.direction}`;
    case 'nslookup': {
      const addresses = r.answers.flatMap((a) => a.ipAddresses);
      return addresses.length === 0 ? 'no address' : addresses.slice(0, 3).join(', ');
    }
  }
}

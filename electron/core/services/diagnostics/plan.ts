// A diagnostic as one task across sessions (TR-069 A.4.1.1 / TR-143): SetParameterValues of the
// diagnostic's parameters with DiagnosticsState=Requested; the task then stays running while the
// device works (a 'wait' outcome: no RPC pending) until an Inform with '8 DIAGNOSTICS COMPLETE'
// requeues it (complete.ts), often in a later session; GetParameterValues of the object then
// reads the results. The phase is the run's row in the diagnostics table, so an ACS restart in
// between resumes where it was. Runs inside the session's store transaction.
import { randomBytes } from 'node:crypto';
import type { AcsRequest, ParameterValue } from '../../cwmp/messages.ts';
import type { StoredDiagnostic } from '../../store/diagnostics.ts';
import { expectResponse, TaskFault, type CpeAnswer, type Plan, type PlanContext, type PlanOutcome } from '../tasks/plan-types.ts';
import { diagnosticLabel, requestValues, resolveObject, type DiagnosticSpec, explainState } from './objects.ts';
import { readResult } from './results.ts';
import { SPEED_TEST_PATH_PREFIX } from '../../files/speed-test.ts';

type Sub<T> = Generator<AcsRequest, T, CpeAnswer>;

export const DEFAULT_DIAGNOSTIC_TIMEOUT_MS = 5 * 60_000;
export const DEFAULT_DOWNLOAD_BYTES = 10 * 1024 * 1024;
export const DEFAULT_UPLOAD_BYTES = 5 * 1024 * 1024;
/** Runs kept in a device's history. */
export const KEEP_PER_DEVICE = 100;

/** The parameters without which a run means nothing: always sent. */
const REQUIRED = new Set(['Host', 'HostName', 'DownloadURL', 'UploadURL', 'DiagnosticsState']);

/** Faults with which a device says it has no such diagnostic. */
const UNSUPPORTED = new Set([9000, 9005]);

export function* diagnosticPlan(ctx: PlanContext, spec: DiagnosticSpec): Plan {
  const row = ctx.store.diagnostics.byTask(ctx.taskId ?? 0);
  if (row?.state === 'waiting') return waitOutcome(ctx, spec, row);
  if (row?.state === 'reading') return yield* readPhase(ctx, spec, row);
  return yield* requestPhase(ctx, spec);
}

function* requestPhase(ctx: PlanContext, spec: DiagnosticSpec): Sub<PlanOutcome> {
  const { store, deviceId } = ctx;
  const label = diagnosticLabel(spec);
  const root = store.devices.get(deviceId)?.rootObject ?? '';
  if (root === '') throw new TaskFault(0, 'the device has not reported its data model yet; refresh it first');
  const has = (path: string): boolean =>
    store.parameters.get(deviceId, path) !== undefined || store.parameters.list(deviceId, path).length > 0;
  const object = resolveObject(`${root}.`, spec, has);
  if (!has(object) && store.parameters.count(deviceId) > 0) throw unsupported(label, object, null);
  const speed = spec.name === 'speedTest' ? speedTestUrl(ctx, spec) : null;
  const diag = store.diagnostics.begin({
    deviceId,
    taskId: ctx.taskId ?? 0,
    kind: spec.name,
    args: { ...spec },
    object,
    token: speed?.token ?? null,
    bytes: speed?.bytes ?? 0,
    at: ctx.now(),
  });
  // The history keeps each device's newest runs, not every run it ever had.
  store.diagnostics.prune(deviceId, KEEP_PER_DEVICE);
  // An optional setting (NumberOfRepetitions, DataBlockSize, ...) the device's known object lacks is
  // left out rather than refused by the device with 9005 as if the whole diagnostic were missing.
  const known = has(object);
  const wanted = requestValues(spec, speed?.url ?? '', speed?.bytes ?? 0).filter(
    (v) => !known || REQUIRED.has(v.name) || store.parameters.get(deviceId, `${object}${v.name}`) !== undefined,
  );
  const parameterList: ParameterValue[] = wanted.map((v) => ({
    name: `${object}${v.name}`,
    value: v.value,
    type: store.parameters.get(deviceId, `${object}${v.name}`)?.type ?? v.type,
  }));
  const answer = yield { name: 'SetParameterValues', parameterList, parameterKey: ctx.commandKey };
  try {
    expectResponse(answer, 'SetParameterValuesResponse');
  } catch (err) {
    const fault = err instanceof TaskFault && UNSUPPORTED.has(err.code) ? unsupported(label, object, err) : err;
    failRow(ctx, diag.id, fault);
    throw fault;
  }
  const timeoutMs = ctx.diagnostics?.timeoutMs ?? DEFAULT_DIAGNOSTIC_TIMEOUT_MS;
  const deadline = new Date(ctx.now().getTime() + timeoutMs);
  store.diagnostics.setState(diag.id, 'waiting', { deadline });
  return waitOutcome(ctx, spec, { ...diag, state: 'waiting', deadline: deadline.toISOString() });
}

function* readPhase(ctx: PlanContext, spec: DiagnosticSpec, row: StoredDiagnostic): Sub<PlanOutcome> {
  const answer = yield { name: 'GetParameterValues', parameterNames: [row.object] };
  let list: ParameterValue[];
  try {
    list = expectResponse(answer, 'GetParameterValuesResponse').parameterList;
  } catch (err) {
    failRow(ctx, row.id, err);
    throw err;
  }
  const values = new Map(list.filter((p) => p.name.startsWith(row.object)).map((p) => [p.name.slice(row.object.length), p.value]));
  const state = values.get('DiagnosticsState') ?? '';
  if (state === 'Requested') {
    // Another diagnostic completed; this one still runs on the device.
    ctx.store.diagnostics.setState(row.id, 'waiting', { deadline: row.deadline === null ? null : new Date(row.deadline) });
    return waitOutcome(ctx, spec, row);
  }
  if (state !== 'Complete') {
    const fault = new TaskFault(0, `the ${diagnosticLabel(spec)} failed: ${explainState(state)} (DiagnosticsState ${state || 'empty'})`, {
      diagnosticsState: state,
    });
    failRow(ctx, row.id, fault);
    throw fault;
  }
  const result = readResult(spec, values);
  const raw: [string, string][] = list.map((p) => [p.name, p.value]);
  ctx.store.diagnostics.finish(row.id, { result, raw, at: ctx.now() });
  return { kind: 'done', result: { diagnosticId: row.id, diagnostic: result, raw: Object.fromEntries(raw) } };
}

function waitOutcome(ctx: PlanContext, spec: DiagnosticSpec, row: StoredDiagnostic): PlanOutcome {
  const until = row.deadline === null ? '' : ` (at most until ${row.deadline})`;
  return {
    kind: 'wait',
    result: {
      diagnosticId: row.id,
      waiting: 'diagnostics',
      reason: `the device is running the ${waitingWhat(spec)}; waiting for it to report 8 DIAGNOSTICS COMPLETE${until}`,
      at: ctx.now().toISOString(),
    },
  };
}

function waitingWhat(spec: DiagnosticSpec): string {
  switch (spec.name) {
    case 'ping':
    case 'traceroute':
      return `${spec.name} to ${spec.host}`;
    case 'nslookup':
      return `DNS lookup of ${spec.host}`;
    case 'speedTest':
      return diagnosticLabel(spec);
  }
}

/** A device without the diagnostic: the fault explained in the diagnostic's own words. */
function unsupported(label: string, object: string, cause: TaskFault | null): TaskFault {
  const how =
    cause === null ? `its parameter tree has no ${object}` : `it refused to set ${object} (fault ${cause.code}: ${cause.message})`;
  return new TaskFault(cause?.code ?? 0, `the device does not support the ${label}: ${how}`, {
    title: `${label[0]?.toUpperCase() ?? ''}${label.slice(1)} not supported`,
    explanation: `This device does not offer the ${label} over TR-069 (${object} is missing or refused). Many CPEs implement only some of the TR-143 diagnostics.`,
    suggestedFix: `Refresh the device's parameter tree to see which diagnostics it has; try another diagnostic, or check the vendor's firmware for TR-143 support.`,
  });
}

function failRow(ctx: PlanContext, id: number, err: unknown): void {
  const code = err instanceof TaskFault ? err.code : 0;
  const message = err instanceof Error ? err.message : String(err);
  const detail =
    err instanceof TaskFault && typeof err.detail === 'object' && err.detail !== null ? (err.detail as Record<string, unknown>) : {};
  const explanation = typeof detail.explanation === 'string' ? detail.explanation : '';
  ctx.store.diagnostics.fail(id, { code, message, explanation }, ctx.now());
}

/** A speed test's per-test URL on the CWMP listener (speed-test.ts serves and takes the bytes). */
function speedTestUrl(
  ctx: PlanContext,
  spec: Extract<DiagnosticSpec, { name: 'speedTest' }>,
): { token: string; url: string; bytes: number } {
  if (ctx.transferBaseUrl === undefined) throw new TaskFault(0, 'this DeskACS has no CWMP listener to serve speed tests from');
  const bytes =
    spec.bytes ??
    (spec.direction === 'download'
      ? (ctx.diagnostics?.downloadBytes ?? DEFAULT_DOWNLOAD_BYTES)
      : (ctx.diagnostics?.uploadBytes ?? DEFAULT_UPLOAD_BYTES));
  const token = randomBytes(24).toString('base64url');
  const base = ctx.transferBaseUrl(ctx.deviceId).replace(/\/$/, '');
  return { token, bytes, url: `${base}${SPEED_TEST_PATH_PREFIX}${token}/${spec.direction === 'download' ? 'download.bin' : 'upload.bin'}` };
}

// Discovering a device's tree: GetParameterNames for the structure (and writability), then
// GetParameterValues for values and types, in as few round trips as the CPE allows.
import type { AcsRequest, ParameterValue } from '../../cwmp/messages.ts';
import { expectResponse, TaskFault, type CpeAnswer, type PlanContext } from './plan-types.ts';

type Sub<T> = Generator<AcsRequest, T, CpeAnswer>;

/**
 * GetParameterNames of a subtree; the stored names under it that the device no longer has are
 * removed. Returns the leaf (non-object) names. (The names themselves are stored by the
 * session backend when the response arrives.)
 */
export function* discoverNames(ctx: PlanContext, path: string): Sub<string[]> {
  const answer = yield { name: 'GetParameterNames', parameterPath: path, nextLevel: false };
  const list = expectResponse(answer, 'GetParameterNamesResponse').parameterList;
  const seen = new Set(list.map((p) => p.name));
  pruneMissing(ctx, path, seen);
  return list.filter((p) => !p.name.endsWith('.')).map((p) => p.name);
}

/** Deletes stored paths under `path` that a complete GetParameterNames did not list. */
function pruneMissing(ctx: PlanContext, path: string, seen: Set<string>): number {
  let removed = 0;
  for (const row of ctx.store.parameters.list(ctx.deviceId, path)) {
    if (row.path === path || seen.has(row.path)) continue;
    // A stored object missing from the device goes with its subtree.
    removed += ctx.store.parameters.deleteSubtree(ctx.deviceId, row.path);
  }
  return removed;
}

/**
 * The direct children of the root, for CPEs that cannot list the whole root at once: the
 * objects to walk one by one, and the parameters that sit directly under the root.
 */
export function* rootChildren(ctx: PlanContext, root: string): Sub<{ objects: string[]; leaves: string[] }> {
  const answer = yield { name: 'GetParameterNames', parameterPath: root, nextLevel: true };
  const list = expectResponse(answer, 'GetParameterNamesResponse').parameterList;
  const depth = root.split('.').length;
  // A CPE that ignores NextLevel returns the whole subtree: keep only the direct children.
  const direct = list.map((p) => p.name).filter((n) => n.split('.').length - (n.endsWith('.') ? 1 : 0) === depth);
  if (root !== '') ctx.store.parameters.upsertNames(ctx.deviceId, [{ name: root, writable: false }], ctx.now());
  return { objects: direct.filter((n) => n.endsWith('.')), leaves: direct.filter((n) => !n.endsWith('.')) };
}

/**
 * Values of a subtree: first one GetParameterValues on the partial path (one round trip); a
 * CPE that refuses that (too big, or partial paths unsupported) gets the leaves in batches.
 */
export function* valuesOfSubtree(ctx: PlanContext, path: string, leaves: string[]): Sub<ValuesResult> {
  if (leaves.length === 0) return { values: [], invalid: [] };
  if (path !== '' && leaves.length > ctx.quirks.gpvBatchSize) {
    const answer = yield { name: 'GetParameterValues', parameterNames: [path] };
    if (answer.kind === 'response') return { values: expectResponse(answer, 'GetParameterValuesResponse').parameterList, invalid: [] };
  }
  return yield* valuesOf(ctx, leaves);
}

export interface ValuesResult {
  values: ParameterValue[];
  /** Names the CPE said do not exist (Fault 9005); removed from the stored tree. */
  invalid: string[];
}

/** GetParameterValues in batches; a batch that faults 9005 is split to find the bad names. */
export function* valuesOf(ctx: PlanContext, names: string[]): Sub<ValuesResult> {
  const out: ValuesResult = { values: [], invalid: [] };
  const size = Math.max(1, ctx.quirks.gpvBatchSize);
  for (let i = 0; i < names.length; i += size) {
    yield* batch(ctx, names.slice(i, i + size), out);
  }
  return out;
}

function* batch(ctx: PlanContext, names: string[], out: ValuesResult): Sub<void> {
  const answer = yield { name: 'GetParameterValues', parameterNames: names };
  if (answer.kind === 'response') {
    out.values.push(...expectResponse(answer, 'GetParameterValuesResponse').parameterList);
    return;
  }
  if (answer.fault.code !== 9005) expectResponse(answer, 'GetParameterValuesResponse');
  if (names.length === 1) {
    // TR-069 A.5: 9005 Invalid parameter name. The stored path is stale: drop it.
    const name = names[0] ?? '';
    out.invalid.push(name);
    ctx.store.parameters.deleteSubtree(ctx.deviceId, name);
    return;
  }
  const half = Math.ceil(names.length / 2);
  yield* batch(ctx, names.slice(0, half), out);
  yield* batch(ctx, names.slice(half), out);
}

/** Re-discovers the parents of names found invalid, so the stored tree matches the device. */
export function* rediscoverParents(ctx: PlanContext, invalid: string[]): Sub<void> {
  const parents = [...new Set(invalid.map(parentOf).filter((p) => p !== ''))].slice(0, 10);
  for (const parent of parents) {
    const answer = yield { name: 'GetParameterNames', parameterPath: parent, nextLevel: false };
    if (answer.kind === 'fault' && answer.fault.code === 9005) {
      ctx.store.parameters.deleteSubtree(ctx.deviceId, parent);
      continue;
    }
    const list = expectResponse(answer, 'GetParameterNamesResponse').parameterList;
    pruneMissing(ctx, parent, new Set(list.map((p) => p.name)));
  }
}

export function parentOf(path: string): string {
  const trimmed = path.endsWith('.') ? path.slice(0, -1) : path;
  const i = trimmed.lastIndexOf('.');
  return i < 0 ? '' : trimmed.slice(0, i + 1);
}

export function assertFound(result: ValuesResult, asked: number): void {
  if (result.values.length === 0 && result.invalid.length > 0 && asked > 0) {
    throw new TaskFault(
      9005,
      `the device has none of the requested parameters (${result.invalid.slice(0, 3).join(', ')}${result.invalid.length > 3 ? ', ...' : ''})`,
    );
  }
}

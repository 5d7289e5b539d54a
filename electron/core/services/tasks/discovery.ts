// Discovering a device's tree: GetParameterNames for the structure (and writability), then
// GetParameterValues for values and types, in as few round trips as the CPE allows. Tolerant of
// broken CPEs (issue #13): answers are sorted out against what was asked (response-effects.ts),
// a CPE whose GetParameterNames lists parameters only still proves the objects above them, and a
// CPE that dropped a session on a partial path is asked by name from then on.
import type { AcsRequest, ParameterValue } from '../../cwmp/messages.ts';
import type { Store } from '../../store/index.ts';
import { checkNamesAnswer, checkValuesAnswer } from '../response-effects.ts';
import { expectResponse, TaskFault, type CpeAnswer, type PlanContext } from './plan-types.ts';

type Sub<T> = Generator<AcsRequest, T, CpeAnswer>;

/**
 * GetParameterNames of a subtree; the stored names under it that the device no longer has are
 * removed. Returns the leaf (non-object) names. (The names themselves are stored by the
 * session backend when the response arrives.)
 */
export function* discoverNames(ctx: PlanContext, path: string): Sub<string[]> {
  const answer = yield { name: 'GetParameterNames', parameterPath: path, nextLevel: false };
  const { names } = checkNamesAnswer(path, expectResponse(answer, 'GetParameterNamesResponse').parameterList);
  const listed = names.map((p) => p.name);
  pruneMissing(ctx, path, listed);
  return listed.filter((n) => !n.endsWith('.'));
}

/**
 * Deletes stored paths under `path` that a complete GetParameterNames did not list. An object
 * the CPE did not list but that a listed name lies under stays (a CPE that lists leaves only).
 */
function pruneMissing(ctx: PlanContext, path: string, listed: readonly string[]): number {
  const seen = new Set(listed);
  const proven = new Set<string>();
  for (const name of listed) {
    for (let p = parentOf(name); p.length > path.length && !proven.has(p); p = parentOf(p)) proven.add(p);
  }
  let removed = 0;
  for (const row of ctx.store.parameters.list(ctx.deviceId, path)) {
    if (row.path === path || seen.has(row.path) || proven.has(row.path)) continue;
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
  const { names } = checkNamesAnswer(root, expectResponse(answer, 'GetParameterNamesResponse').parameterList);
  const depth = root.split('.').length;
  const objects = new Set<string>();
  const leaves: string[] = [];
  for (const { name } of names) {
    const level = name.split('.').length - (name.endsWith('.') ? 1 : 0);
    if (level === depth) {
      if (name.endsWith('.')) objects.add(name);
      else leaves.push(name);
    } else if (level > depth) {
      // A CPE that ignores NextLevel returns the whole subtree, perhaps parameters only: the
      // top-level objects they lie in are the ones to walk.
      objects.add(`${name.split('.').slice(0, depth).join('.')}.`);
    }
  }
  if (root !== '') ctx.store.parameters.upsertNames(ctx.deviceId, [{ name: root, writable: false }], ctx.now());
  return { objects: [...objects], leaves };
}

export interface ValuesResult {
  values: ParameterValue[];
  /** Names the CPE said do not exist (Fault 9005); removed from the stored tree. */
  invalid: string[];
  /** Names asked for that an answer left out. */
  missing: string[];
  /** Objects an answer gave as values (not stored as values). */
  objectValues: string[];
  /** Parameters an answer carried that were not asked for (ignored, not stored). */
  unrequested: string[];
}

export function noValues(): ValuesResult {
  return { values: [], invalid: [], missing: [], objectValues: [], unrequested: [] };
}

export function addValues(into: ValuesResult, from: ValuesResult): void {
  into.values.push(...from.values);
  into.invalid.push(...from.invalid);
  into.missing.push(...from.missing);
  into.objectValues.push(...from.objectValues);
  into.unrequested.push(...from.unrequested);
}

/**
 * Values of a subtree: first one GetParameterValues on the partial path (one round trip), then
 * by name the leaves that answer left out; a CPE that refuses the partial path (too big, or
 * partial paths unsupported), or once dropped a session on one, gets the leaves in batches.
 */
export function* valuesOfSubtree(ctx: PlanContext, path: string, leaves: string[]): Sub<ValuesResult> {
  if (leaves.length === 0) return noValues();
  if (path !== '' && leaves.length > ctx.quirks.gpvBatchSize && ctx.quirks.partialPathGpvBroken !== true) {
    const answer = yield { name: 'GetParameterValues', parameterNames: [path] };
    if (answer.kind === 'response') {
      const out = sortValues(ctx, [path], answer);
      const got = new Set(out.values.map((v) => v.name));
      const rest = leaves.filter((l) => !got.has(l));
      if (rest.length > 0) addValues(out, yield* valuesOf(ctx, rest));
      return out;
    }
  }
  return yield* valuesOf(ctx, leaves);
}

/**
 * GetParameterValues in batches; a batch that faults 9005 is split to find the bad names. For a
 * CPE that drops sessions on partial paths, a partial path is read as the leaves under it.
 */
export function* valuesOf(ctx: PlanContext, requested: string[]): Sub<ValuesResult> {
  const names = yield* namedOnly(ctx, requested);
  const out = noValues();
  const size = Math.max(1, ctx.quirks.gpvBatchSize);
  for (let i = 0; i < names.length; i += size) {
    yield* batch(ctx, names.slice(i, i + size), out);
  }
  return out;
}

function isPartialPath(name: string): boolean {
  return name === '' || name.endsWith('.');
}

/** The names to ask for: partial paths replaced by the leaves under them (stored, else listed). */
function* namedOnly(ctx: PlanContext, names: string[]): Sub<string[]> {
  if (ctx.quirks.partialPathGpvBroken !== true || !names.some(isPartialPath)) return names;
  const out = new Set<string>();
  for (const name of names) {
    if (!isPartialPath(name)) {
      out.add(name);
      continue;
    }
    const stored = ctx.store.parameters
      .list(ctx.deviceId, name)
      .filter((r) => !r.object)
      .map((r) => r.path);
    for (const leaf of stored.length > 0 ? stored : yield* discoverNames(ctx, name)) out.add(leaf);
  }
  return [...out];
}

function sortValues(ctx: PlanContext, names: string[], answer: CpeAnswer): ValuesResult {
  const checked = checkValuesAnswer(ctx.store, ctx.deviceId, names, expectResponse(answer, 'GetParameterValuesResponse'));
  return {
    values: [...checked.values],
    invalid: [],
    missing: [...checked.missing],
    objectValues: [...checked.objectValues],
    unrequested: [...checked.unrequested],
  };
}

function* batch(ctx: PlanContext, names: string[], out: ValuesResult): Sub<void> {
  const answer = yield { name: 'GetParameterValues', parameterNames: names };
  if (answer.kind === 'response') {
    addValues(out, sortValues(ctx, names, answer));
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
    const { names } = checkNamesAnswer(parent, expectResponse(answer, 'GetParameterNamesResponse').parameterList);
    pruneMissing(
      ctx,
      parent,
      names.map((p) => p.name),
    );
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

/**
 * A request the session ended on without an answer. A CPE that drops the session on a
 * partial-path GetParameterValues (instead of a fault) is remembered for good: its values are
 * read in named batches from then on (quirk partialPathGpvBroken, store.learnedQuirks). Returns
 * what was learned, to log, or null. A session the ACS ended itself (shutting down) teaches nothing.
 */
export function learnFromUnanswered(store: Store, deviceId: string, request: AcsRequest, reason: string, at: Date): string | null {
  if (/shutting down/i.test(reason)) return null;
  if (request.name !== 'GetParameterValues' || !request.parameterNames.some(isPartialPath)) return null;
  if (store.learnedQuirks.get(deviceId).partialPathGpvBroken === true) return null;
  if (!store.learnedQuirks.learn(deviceId, { partialPathGpvBroken: true }, at)) return null;
  return 'the device ended the session on a partial-path GetParameterValues: its values are read by name from now on';
}

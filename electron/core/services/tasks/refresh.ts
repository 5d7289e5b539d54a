// The reading tasks: refresh (a subtree, the whole device, or one parameter) and
// getParameterValues. Their results say what the device's answers lacked: the leaves that stayed
// without a value, the names an answer left out, objects answered as values, and parameters
// nobody asked for (ignored) — a refresh is never silently complete (docs/api.md).
import type { AcsRequest, ParameterValue } from '../../cwmp/messages.ts';
import {
  addValues,
  assertFound,
  discoverNames,
  noValues,
  rediscoverParents,
  rootChildren,
  valuesOf,
  valuesOfSubtree,
  type ValuesResult,
} from './discovery.ts';
import { checkValuesAnswer } from '../response-effects.ts';
import { expectResponse, type CpeAnswer, type PlanContext } from './plan-types.ts';

type Sub<T> = Generator<AcsRequest, T, CpeAnswer>;

/** Names listed in a result at most (the counts are whole). */
const NAMES_SHOWN = 100;

export interface RefreshResult {
  path: string;
  /** Leaves (parameters) the device listed. */
  parameters: number;
  /** Values read. */
  values: number;
  /** Names the device said do not exist (9005); removed from the stored tree. */
  invalid: string[];
  /** Leaves that stayed without a value: `valueless` of `parameters`. */
  valueless: number;
  /** Those leaves (the first 100). */
  missing: string[];
  /** Objects the device answered as values (not stored as values). */
  objectValues: string[];
  /** Parameters the device's answers carried that were not asked for (ignored, not stored). */
  unrequested: string[];
  [key: string]: unknown;
}

/** Full or subtree refresh: names (pruning what the device no longer has), then values. */
export function* refreshTree(ctx: PlanContext, path: string): Sub<RefreshResult> {
  const root = path !== '' ? path : rootOf(ctx);
  const leaves: string[] = [];
  const subtrees: string[] = [];
  const read = noValues();
  if (path === '' && (ctx.quirks.skipRootGetParameterNames || root === '')) {
    // Some CPEs cannot list the whole root at once: walk its top-level objects instead.
    const children = yield* rootChildren(ctx, root);
    for (const top of children.objects) {
      leaves.push(...(yield* discoverNames(ctx, top)));
      subtrees.push(top);
    }
    addValues(read, yield* valuesOf(ctx, children.leaves));
    leaves.push(...children.leaves);
  } else {
    leaves.push(...(yield* discoverNames(ctx, root)));
    subtrees.push(root);
  }
  for (const subtree of subtrees) {
    addValues(
      read,
      yield* valuesOfSubtree(
        ctx,
        subtree,
        leaves.filter((l) => l.startsWith(subtree)),
      ),
    );
  }
  return summary(root, leaves, read);
}

function summary(path: string, leaves: readonly string[], read: ValuesResult): RefreshResult {
  const valued = new Set(read.values.map((v) => v.name));
  const invalid = new Set(read.invalid);
  const valueless = leaves.filter((l) => !valued.has(l) && !invalid.has(l));
  return {
    path,
    parameters: leaves.length,
    values: read.values.length,
    invalid: read.invalid,
    valueless: valueless.length,
    missing: valueless.slice(0, NAMES_SHOWN),
    objectValues: read.objectValues.slice(0, NAMES_SHOWN),
    unrequested: read.unrequested.slice(0, NAMES_SHOWN),
  };
}

/**
 * A refresh of one parameter (a path without the trailing dot): GetParameterValues of it. A
 * GetParameterNames of 'X.Y.Z.' would name an object the device does not have (9005, or an
 * empty list from lenient CPEs, which refreshed nothing). A name the stored tree did not know
 * that the device refuses with 9005 may be an object named without its dot: refreshed as one.
 */
export function* refreshLeaf(ctx: PlanContext, path: string): Sub<RefreshResult> {
  const known = ctx.store.parameters.get(ctx.deviceId, path) !== undefined;
  const answer = yield { name: 'GetParameterValues', parameterNames: [path] };
  if (answer.kind === 'response') {
    const checked = checkValuesAnswer(ctx.store, ctx.deviceId, [path], expectResponse(answer, 'GetParameterValuesResponse'));
    const read: ValuesResult = { ...noValues(), ...checked, values: [...checked.values] };
    return summary(path, [path], read);
  }
  if (answer.fault.code !== 9005 || known) {
    // TR-069 A.5: 9005 Invalid parameter name. A stored parameter the device no longer has goes.
    if (answer.fault.code === 9005) ctx.store.parameters.deleteSubtree(ctx.deviceId, path);
    expectResponse(answer, 'GetParameterValuesResponse');
  }
  return yield* refreshTree(ctx, `${path}.`);
}

/** getParameterValues: the values read, and what the answers lacked or carried unasked. */
export function* readValues(ctx: PlanContext, names: string[]): Sub<Record<string, unknown>> {
  const result = yield* valuesOf(ctx, names);
  assertFound(result, names.length);
  if (result.invalid.length > 0) yield* rediscoverParents(ctx, result.invalid);
  return {
    values: result.values.map(toTuple),
    invalid: result.invalid,
    missing: result.missing.slice(0, NAMES_SHOWN),
    objectValues: result.objectValues.slice(0, NAMES_SHOWN),
    unrequested: result.unrequested.slice(0, NAMES_SHOWN),
  };
}

function rootOf(ctx: PlanContext): string {
  const root = ctx.store.devices.get(ctx.deviceId)?.rootObject ?? '';
  return root === '' ? '' : `${root}.`;
}

function toTuple(v: ParameterValue): [string, string, string] {
  return [v.name, v.value, v.type];
}

// Differences between two backups: parameters (snapshot vs snapshot, or vs the stored values now),
// lines (two text uploads: Myers' O(ND) diff, unchanged runs cut to their edges), or for binary
// uploads only whether they are identical.
import type { DiffLine, ParameterChange } from '../../../shared/models-backups.ts';
import type { SnapshotValues } from '../store/index.ts';

/** Lines of context kept on each side of a change. */
export const CONTEXT_LINES = 3;
/** Lines of each file diffed; past this the diff covers the first part (truncated). */
export const MAX_DIFF_LINES = 5_000;
/** Edit distance past which the middle is shown as removed-then-added instead of searched. */
const MAX_EDITS = 1_000;

export function diffValues(
  before: SnapshotValues,
  after: SnapshotValues,
): { changes: ParameterChange[]; added: number; removed: number; changed: number } {
  const a = new Map(before.map(([n, v]) => [n, v]));
  const b = new Map(after.map(([n, v]) => [n, v]));
  const names = [...new Set([...a.keys(), ...b.keys()])].sort();
  const changes: ParameterChange[] = [];
  let added = 0;
  let removed = 0;
  let changed = 0;
  for (const name of names) {
    const x = a.get(name) ?? null;
    const y = b.get(name) ?? null;
    if (x === y) continue;
    if (x === null) added++;
    else if (y === null) removed++;
    else changed++;
    changes.push({ name, before: x, after: y });
  }
  return { changes, added, removed, changed };
}

export function diffText(before: string, after: string): { lines: DiffLine[]; added: number; removed: number; truncated: boolean } {
  const a = splitLines(before);
  const b = splitLines(after);
  const truncated = a.length > MAX_DIFF_LINES || b.length > MAX_DIFF_LINES;
  const ops = diffLines(a.slice(0, MAX_DIFF_LINES), b.slice(0, MAX_DIFF_LINES));
  const added = ops.filter((l) => l.op === 'added').length;
  const removed = ops.filter((l) => l.op === 'removed').length;
  return { lines: cutContext(ops, CONTEXT_LINES), added, removed, truncated };
}

function splitLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Every line of a and b as same/removed/added, in order (common prefix and suffix first taken off). */
export function diffLines(a: string[], b: string[]): DiffLine[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const same = (lines: string[]): DiffLine[] => lines.map((text) => ({ op: 'same', text }));
  const middle = myers(a.slice(start, endA), b.slice(start, endB));
  return [...same(a.slice(0, start)), ...middle, ...same(a.slice(endA))];
}

/** Myers (1986): the shortest edit script, from the trace of furthest-reaching paths. */
function myers(a: string[], b: string[]): DiffLine[] {
  const n = a.length;
  const m = b.length;
  const fallback = (): DiffLine[] => [
    ...a.map((text): DiffLine => ({ op: 'removed', text })),
    ...b.map((text): DiffLine => ({ op: 'added', text })),
  ];
  if (n === 0 || m === 0) return fallback();
  const max = Math.min(n + m, MAX_EDITS);
  const offset = max;
  let v = new Int32Array(2 * max + 2);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    const next = v.slice();
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && (v[offset + k - 1] ?? 0) < (v[offset + k + 1] ?? 0))
          ? (v[offset + k + 1] ?? 0)
          : (v[offset + k - 1] ?? 0) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      next[offset + k] = x;
      if (x >= n && y >= m) return backtrack(a, b, [...trace, next], offset);
    }
    v = next;
  }
  return fallback();
}

function backtrack(a: string[], b: string[], trace: Int32Array[], offset: number): DiffLine[] {
  const out: DiffLine[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = trace.length - 2; d >= 0; d--) {
    const v = trace[d] as Int32Array;
    const k = x - y;
    const down = k === -d || (k !== d && (v[offset + k - 1] ?? 0) < (v[offset + k + 1] ?? 0));
    const prevK = down ? k + 1 : k - 1;
    const prevX = v[offset + prevK] ?? 0;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      out.push({ op: 'same', text: a[x - 1] ?? '' });
      x--;
      y--;
    }
    if (d === 0) break;
    if (down) out.push({ op: 'added', text: b[y - 1] ?? '' });
    else out.push({ op: 'removed', text: a[x - 1] ?? '' });
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0) {
    out.push({ op: 'same', text: a[x - 1] ?? '' });
    x--;
    y--;
  }
  return out.reverse();
}

/**
 * Unchanged runs longer than 2 × context lines keep `context` lines at each edge; the lines in
 * between are replaced by one 'same' line saying how many were left out ('… 12 unchanged lines …').
 */
export function cutContext(lines: DiffLine[], context: number): DiffLine[] {
  const out: DiffLine[] = [];
  let i = 0;
  while (i < lines.length) {
    if (lines[i]?.op !== 'same') {
      out.push(lines[i] as DiffLine);
      i++;
      continue;
    }
    let j = i;
    while (j < lines.length && lines[j]?.op === 'same') j++;
    const head = i === 0 ? 0 : context;
    const tail = j === lines.length ? 0 : context;
    const run = j - i;
    if (run <= head + tail + 1) out.push(...lines.slice(i, j));
    else {
      out.push(...lines.slice(i, i + head));
      out.push({ op: 'same', text: `… ${run - head - tail} unchanged lines …` });
      out.push(...lines.slice(j - tail, j));
    }
    i = j;
  }
  return out;
}

// Reads a V8 .cpuprofile (node --cpu-prof) and answers where the time went: self time by area
// of the code, inclusive time of the hot paths, and the top functions by self time.
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { round } from './stats.ts';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  /** Sampled milliseconds, idle excluded. */
  busyMs: number;
  idleMs: number;
  /** Share of busy time by area (self time; native calls count for the area that made them). */
  areas: Record<string, number>;
  /** Inclusive share of busy time of named hot paths. */
  hotPaths: Record<string, number>;
  topSelf: { fn: string; where: string; pct: number }[];
}

/**
 * Hot paths: a label -> [function name, file suffix]; an empty name matches any function of the
 * file (tsx-compiled arrow functions often show as '(anonymous)'). Inclusive time, counted once
 * per stack (the outermost match).
 */
export const HOT_PATHS: Record<string, [string, string]> = {
  'listener: handle (request read and parsed)': ['handle', 'cwmp/listener.ts'],
  'listener: group-commit batcher (steps, store, COMMIT, replies)': ['', 'cwmp/commit-batcher.ts'],
  'listener: readBody': ['readBody', 'cwmp/http-body.ts'],
  'codec: decodeBody': ['decodeBody', 'codec/charset.ts'],
  'codec: parseEnvelope': ['parseEnvelope', 'codec/parse-envelope.ts'],
  'engine: step': ['step', 'session/engine.ts'],
  "backend: apply (one step's effects)": ['apply', 'services/session-backend.ts'],
  'store: informs.ts (Inform upsert, savepoint)': ['', 'store/informs.ts'],
  'store: parameters.ts (parameter upserts)': ['', 'store/parameters.ts'],
  'store: sessions.ts (session open/end, events)': ['', 'store/sessions.ts'],
  'codec: buildEnvelope': ['buildEnvelope', 'codec/build.ts'],
  'registry: create (session token)': ['create', 'cwmp/session-registry.ts'],
};

function area(url: string): string | null {
  if (url === '') return null;
  if (url.includes('/node_modules/fast-xml-parser/')) return 'fast-xml-parser';
  if (url.includes('/node_modules/better-sqlite3/')) return 'store (SQLite)';
  if (url.includes('/node_modules/')) return 'other node_modules';
  if (url.includes('/cwmp/codec/')) return 'codec (parse/build)';
  if (url.includes('/cwmp/session/')) return 'session engine';
  if (url.includes('/electron/core/cwmp/')) return 'listener + registry';
  if (url.includes('/electron/core/store/')) return 'store (SQLite)';
  if (url.includes('/electron/core/services/')) return 'services';
  if (url.includes('/electron/core/log.ts')) return 'logging';
  if (url.startsWith('node:internal/http') || url.startsWith('node:_http') || url.startsWith('node:http')) return 'node:http';
  if (url.startsWith('node:internal/modules')) return 'startup (module loading)';
  if (url.startsWith('node:')) return 'node: streams/net/other';
  return 'other';
}

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

function where(f: CallFrame): string {
  if (f.url === '') return '(native)';
  const path = f.url.startsWith('file://') ? relative(repoRoot, fileURLToPath(f.url)) : f.url;
  return `${path}:${f.lineNumber + 1}`;
}

export function summariseProfile(p: CpuProfile, top = 15): ProfileSummary {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  p.samples.forEach((id, i) => {
    self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i + 1] ?? 0) / 1000);
  });

  // Area of a node: its own, or (native code, GC inside a call) that of its nearest ancestor.
  const areaOf = new Map<number, string>();
  const resolveArea = (id: number): string => {
    const known = areaOf.get(id);
    if (known !== undefined) return known;
    const n = byId.get(id);
    const name = n?.callFrame.functionName ?? '';
    let a = area(n?.callFrame.url ?? '');
    if (a === null) {
      if (name === '(garbage collector)') a = 'GC';
      else if (name === '(program)') a = 'V8/native (program)';
      else if (name === '(idle)') a = 'idle';
      else {
        const up = parent.get(id);
        a = up === undefined ? 'native' : resolveArea(up);
      }
    }
    areaOf.set(id, a);
    return a;
  };

  let busy = 0;
  let idle = 0;
  const areas: Record<string, number> = {};
  const fnSelf = new Map<string, { fn: string; where: string; ms: number }>();
  for (const [id, ms] of self) {
    const a = resolveArea(id);
    if (a === 'idle') {
      idle += ms;
      continue;
    }
    busy += ms;
    areas[a] = (areas[a] ?? 0) + ms;
    const f = byId.get(id)?.callFrame;
    if (f === undefined) continue;
    const key = `${f.functionName}@${where(f)}`;
    const entry = fnSelf.get(key) ?? { fn: f.functionName === '' ? '(anonymous)' : f.functionName, where: where(f), ms: 0 };
    entry.ms += ms;
    fnSelf.set(key, entry);
  }

  const inclusive = new Map<number, number>();
  const total = (id: number): number => {
    const known = inclusive.get(id);
    if (known !== undefined) return known;
    let sum = self.get(id) ?? 0;
    for (const c of byId.get(id)?.children ?? []) sum += total(c);
    inclusive.set(id, sum);
    return sum;
  };
  const hotPaths: Record<string, number> = {};
  for (const [label, [fn, file]] of Object.entries(HOT_PATHS)) {
    const matches = (n: ProfileNode | undefined): boolean =>
      n !== undefined && (fn === '' || n.callFrame.functionName === fn) && n.callFrame.url.endsWith(file);
    let ms = 0;
    for (const n of p.nodes) {
      if (!matches(n)) continue;
      let up = parent.get(n.id);
      let nested = false;
      while (up !== undefined && !nested) {
        nested = matches(byId.get(up));
        up = parent.get(up);
      }
      if (!nested) ms += total(n.id);
    }
    hotPaths[label] = pct(ms, busy);
  }
  const pctAreas = Object.fromEntries(
    Object.entries(areas)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => [k, pct(v, busy)]),
  );
  const topSelf = [...fnSelf.values()]
    .sort((a, b) => b.ms - a.ms)
    .slice(0, top)
    .map((e) => ({ fn: e.fn, where: e.where, pct: pct(e.ms, busy) }));
  return { busyMs: round(busy, 0), idleMs: round(idle, 0), areas: pctAreas, hotPaths, topSelf };
}

function pct(part: number, whole: number): number {
  return whole === 0 ? 0 : round((100 * part) / whole, 1);
}

// What of a task leaves the core (createTask, listTasks, getTask, cancelTask, retryTask: every
// TaskRecord is made by toRecord in service.ts, which calls maskTask): secret values masked. The
// stored task keeps them in clear, since the runner must send them. Secrets are the values of
// parameters named like passwords or Wi-Fi keys (…Password, X_VENDOR_…Password, STUNPassword,
// ConnectionRequestPassword, KeyPassphrase, PreSharedKey, WEPKey, …Secret), whether as
// { name, value } pairs, [path, value, type] tuples or { Name: value } records, and the
// `password` fields of download, upload and setConnectionRequestCredentials. The clear values
// found in the arguments are also cut out of any text of the task's result and fault. The rule
// of which names are secrets is secret-params.ts, shared with the device's parameters and settings.

import { isSecretName, SECRET_MASK } from '../secret-params.ts';

/** Shorter secrets are masked where they stand but not searched for in free text. */
const MIN_SCRUBBED = 4;

const maskable = (v: unknown): v is string | number => (typeof v === 'string' && v !== '') || typeof v === 'number';

class Masker {
  readonly secrets = new Set<string>();

  private hide(v: string | number): string {
    this.secrets.add(String(v));
    return SECRET_MASK;
  }

  walk(node: unknown): unknown {
    if (Array.isArray(node)) {
      const [first, second] = node as unknown[];
      if (node.length >= 2 && node.length <= 3 && typeof first === 'string' && isSecretName(first) && maskable(second))
        return [first, this.hide(second), ...node.slice(2)];
      return node.map((x) => this.walk(x));
    }
    if (node === null || typeof node !== 'object') return node;
    const o = node as Record<string, unknown>;
    const pair = typeof o.name === 'string' && isSecretName(o.name);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o)) {
      if (((pair && k === 'value') || isSecretName(k)) && maskable(v)) out[k] = this.hide(v);
      else out[k] = this.walk(v);
    }
    return out;
  }

  /** Every string of the node with the clear secrets replaced by the mask. */
  scrub(node: unknown): unknown {
    const long = [...this.secrets].filter((s) => s.length >= MIN_SCRUBBED).sort((a, b) => b.length - a.length);
    if (long.length === 0) return node;
    const text = (s: string): string => long.reduce((acc, secret) => acc.split(secret).join(SECRET_MASK), s);
    const go = (n: unknown): unknown => {
      if (typeof n === 'string') return text(n);
      if (Array.isArray(n)) return n.map(go);
      if (n === null || typeof n !== 'object') return n;
      return Object.fromEntries(Object.entries(n as Record<string, unknown>).map(([k, v]) => [k, go(v)]));
    };
    return go(node);
  }
}

/** A task's arguments, result and fault as they may be shown: secrets masked. */
export function maskTask<F>(args: unknown, result: unknown, fault: F): { args: unknown; result: unknown; fault: F } {
  const m = new Masker();
  const maskedArgs = m.walk(args);
  const maskedResult = m.walk(result);
  const maskedFault = fault === null ? fault : (m.walk(fault) as F);
  return { args: maskedArgs, result: m.scrub(maskedResult), fault: m.scrub(maskedFault) as F };
}

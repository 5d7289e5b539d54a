// The contract's one validation point: every call, whichever transport brought it (IPC, HTTP,
// a test), is checked against its method's schema before the implementation sees it, and every
// failure leaves as an AcsError with a code callers can act on.
import * as v from 'valibot';
import { apiArgSchemas } from '../../shared/contract-args.ts';
import type { AcsApi, ApiArgs, ApiMethod, ApiResult } from '../../shared/contract.ts';
import { AcsError } from '../../shared/errors.ts';
import { isStorageUnavailable, StoreError, storageProblem } from './store/errors.ts';

/** Every contract method, in contract order. */
export const contractMethods = Object.keys(apiArgSchemas) as ApiMethod[];

/** Checks `args` against the method's schema; returns the parsed (trimmed) arguments. */
export function parseArgs<K extends ApiMethod>(method: K, args: unknown): ApiArgs<K> {
  const result = v.safeParse(apiArgSchemas[method], args ?? {});
  if (result.success) return result.output as ApiArgs<K>;
  throw new AcsError('bad_request', describeIssues(method, result.issues));
}

/** One readable sentence for the first issues (messages name their field; nested ones get a prefix). */
export function describeIssues(method: string, issues: readonly v.BaseIssue<unknown>[]): string {
  const parts = issues.slice(0, 3).map((issue) => {
    const path = (issue.path ?? []).map((p) => String(p.key));
    if (issue.type === 'strict_object' && issue.expected === 'never') return `unknown argument '${path.join('.')}'`;
    if (issue.type === 'strict_object' && issue.received === 'undefined' && path.length > 0) return `missing argument '${path.join('.')}'`;
    if (path.length === 0 && issue.type === 'strict_object') return `${method} expects one argument object`;
    return path.length > 1 ? `${path.slice(0, -1).join('.')}: ${issue.message}` : issue.message;
  });
  return parts.join('; ');
}

/**
 * Store and validation failures are the caller's to fix (a constraint, a bad value): they leave
 * as bad_request with their message; storage failures (locked, full, I/O) as unavailable.
 * Anything else keeps its code, or is internal.
 */
export function classifyError(err: unknown): unknown {
  if (err instanceof AcsError) return err;
  if (err instanceof v.ValiError) return new AcsError('bad_request', err.message);
  // A locked database, a full disk, an I/O error: nobody's bug, and gone once the cause is.
  if (isStorageUnavailable(err)) return new AcsError('unavailable', `Storage unavailable: ${storageProblem(err)}; retry later`);
  if (err instanceof StoreError) return new AcsError('bad_request', err.message);
  if (err instanceof Error && 'code' in err && typeof err.code === 'string' && err.code.startsWith('SQLITE_CONSTRAINT')) {
    return new AcsError('bad_request', err.message);
  }
  return err;
}

/** Wraps an implementation so that each method validates its argument object first. */
export function validatedApi(impl: AcsApi): AcsApi {
  const wrap = <K extends ApiMethod>(method: K) => {
    const fn = impl[method] as (args: ApiArgs<K>) => Promise<ApiResult<K>>;
    return async (args: ApiArgs<K>): Promise<ApiResult<K>> => {
      const parsed = parseArgs(method, args);
      try {
        return await fn(parsed);
      } catch (err) {
        throw classifyError(err);
      }
    };
  };
  return Object.fromEntries(contractMethods.map((m) => [m, wrap(m)])) as AcsApi;
}

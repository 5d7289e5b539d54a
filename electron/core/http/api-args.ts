// Turns an HTTP request's path parameters, query string and JSON body into a contract
// method's argument object, refusing what does not fit with a clear 400.
import type { ApiArgs, ApiMethod } from '../../../shared/contract.ts';
import { AcsError } from '../../../shared/errors.ts';

export interface RawArgs {
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
}

type ArgParsers = { [K in ApiMethod]: (raw: RawArgs) => ApiArgs<K> };

export const argParsers: ArgParsers = {
  serverInfo: () => ({}),
  listDevices: ({ query }) => {
    const args: ApiArgs<'listDevices'> = {};
    const q = query.get('q');
    if (q !== null) args.q = q;
    const offset = intParam(query, 'offset', 0, Number.MAX_SAFE_INTEGER);
    if (offset !== undefined) args.offset = offset;
    const limit = intParam(query, 'limit', 1, 1000);
    if (limit !== undefined) args.limit = limit;
    return args;
  },
  getDevice: ({ params }) => ({ id: required(params, 'id') }),
  getParameters: ({ params, query }) => {
    const args: ApiArgs<'getParameters'> = { id: required(params, 'id') };
    const prefix = query.get('prefix');
    if (prefix !== null && prefix !== '') args.prefix = prefix;
    return args;
  },
};

function required(params: Record<string, string>, name: string): string {
  const value = params[name];
  if (value === undefined || value === '') throw new AcsError('bad_request', `missing path parameter '${name}'`);
  return value;
}

function intParam(query: URLSearchParams, name: string, min: number, max: number): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  if (!/^\d+$/.test(raw)) throw new AcsError('bad_request', `'${name}' must be a whole number, got '${raw}'`);
  const n = Number(raw);
  if (n < min || n > max) throw new AcsError('bad_request', `'${name}' must be between ${min} and ${max}, got ${n}`);
  return n;
}

// Turns an HTTP request into a contract method's argument object, mechanically: path
// parameters, then query parameters (GET, DELETE) or the JSON body (POST, PUT), each under the
// argument's own name; a POST/PUT body sent as application/octet-stream is the method's bytes
// argument, with the others in the query string. Query strings carry only text, so values are
// converted to the type the method's schema declares for that name; the schema itself is checked
// once, by the core.
import type { GenericSchema } from 'valibot';
import { apiArgSchemas } from '../../../shared/contract-args.ts';
import { apiRoutes, type ApiMethod } from '../../../shared/contract.ts';
import { AcsError } from '../../../shared/errors.ts';

export interface RawArgs {
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  /** An application/octet-stream body: the method's bytes argument (bytesArgument). */
  bytes?: Uint8Array;
}

/** The argument object for `method`, not yet validated (the AcsApi boundary does that). */
export function httpArgs(method: ApiMethod, raw: RawArgs): Record<string, unknown> {
  const entries = entriesOf(apiArgSchemas[method]);
  const args: Record<string, unknown> = {};
  if (raw.bytes !== undefined) {
    const key = bytesArgument(method);
    if (key === undefined) throw new AcsError('bad_request', `${method} takes no bytes: send its arguments as a JSON object`);
    for (const k of new Set(raw.query.keys())) args[k] = fromText(entries[k], raw.query.getAll(k));
    args[key] = raw.bytes;
  } else if (apiRoutes[method].method === 'GET' || apiRoutes[method].method === 'DELETE') {
    for (const key of new Set(raw.query.keys())) args[key] = fromText(entries[key], raw.query.getAll(key));
  } else if (raw.body !== undefined) {
    if (typeof raw.body !== 'object' || raw.body === null || Array.isArray(raw.body)) {
      throw new AcsError('bad_request', `the body of ${method} must be a JSON object of its arguments`);
    }
    Object.assign(args, raw.body);
  }
  for (const [key, value] of Object.entries(raw.params)) args[key] = fromText(entries[key], [value]);
  return args;
}

/** The name of the method's argument that is bytes (a v.instance(Uint8Array) entry), if any. */
export function bytesArgument(method: ApiMethod): string | undefined {
  const entries = entriesOf(apiArgSchemas[method]);
  return Object.keys(entries).find((key) => {
    const base = baseOf(entries[key] as SchemaLike) as SchemaLike & { class?: unknown };
    return base.type === 'instance' && base.class === Uint8Array;
  });
}

type SchemaLike = GenericSchema & { entries?: Record<string, SchemaLike>; wrapped?: SchemaLike; pipe?: readonly unknown[] };

/** The entries of an object schema, looking through pipes. */
function entriesOf(schema: SchemaLike): Record<string, SchemaLike> {
  const base = baseOf(schema);
  return base.entries ?? {};
}

/** The schema under optional(...) and pipe(...) wrappers. */
function baseOf(schema: SchemaLike): SchemaLike {
  let s = schema;
  for (let i = 0; i < 8; i++) {
    if (s.wrapped !== undefined) s = s.wrapped;
    else if (s.pipe !== undefined && s.pipe[0] !== s) s = s.pipe[0] as SchemaLike;
    else break;
  }
  return s;
}

/** Text from a query string or path, as the type the schema expects (left as text when it does not fit). */
function fromText(schema: SchemaLike | undefined, values: string[]): unknown {
  const type = schema === undefined ? 'string' : baseOf(schema).type;
  if (type === 'array') {
    // A list is the parameter repeated: ?ids=a&ids=b.
    const item = schema === undefined ? undefined : (baseOf(schema) as { item?: SchemaLike }).item;
    return values.map((v) => fromText(item, [v]));
  }
  const value = values[values.length - 1] ?? '';
  if (type === 'number') return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
  if (type === 'boolean') {
    if (value === '' || value === '1' || value === 'true') return true;
    if (value === '0' || value === 'false') return false;
    return value;
  }
  return value;
}

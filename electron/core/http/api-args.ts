// Turns an HTTP request's path parameters, query string and JSON body into a contract
// method's argument object, refusing what does not fit with a clear 400.
import type { ApiArgs, ApiMethod } from '../../../shared/contract.ts';
import { AcsError } from '../../../shared/errors.ts';
import type { TaskStatus } from '../../../shared/models.ts';

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
    const param = query.get('param');
    const value = query.get('value');
    if ((param === null) !== (value === null)) throw new AcsError('bad_request', "'param' and 'value' go together: ?param=Device.X.Y&value=...");
    if (param !== null && value !== null) {
      args.param = param;
      args.value = value;
    }
    const offset = intParam(query, 'offset', 0, Number.MAX_SAFE_INTEGER);
    if (offset !== undefined) args.offset = offset;
    const limit = intParam(query, 'limit', 1, 1000);
    if (limit !== undefined) args.limit = limit;
    return args;
  },
  getDevice: ({ params }) => ({ id: required(params, 'id') }),
  createTask: ({ params, query, body }) => {
    // REST callers send the task spec as the body and options in the query; the UI's client
    // sends the contract's argument object ({ task, connectionRequest, waitSeconds }).
    if (isContractForm(body)) return contractTaskArgs(required(params, 'id'), body);
    const args: ApiArgs<'createTask'> = { id: required(params, 'id'), task: body };
    const cr = query.get('connection_request');
    if (cr !== null) args.connectionRequest = cr === '' || cr === '1' || cr === 'true';
    const wait = intParam(query, 'wait', 0, 120);
    if (wait !== undefined) args.waitSeconds = wait;
    const expires = intParam(query, 'expires_in', 1, 86_400 * 30);
    if (expires !== undefined) args.expiresInSeconds = expires;
    return args;
  },
  listTasks: ({ query }) => {
    const args: ApiArgs<'listTasks'> = {};
    const device = query.get('device');
    if (device !== null && device !== '') args.deviceId = device;
    const status = query.get('status');
    if (status !== null && status !== '') {
      if (!taskStatuses.includes(status as TaskStatus)) throw new AcsError('bad_request', `'status' must be one of ${taskStatuses.join(', ')}`);
      args.status = status as TaskStatus;
    }
    const limit = intParam(query, 'limit', 1, 1000);
    if (limit !== undefined) args.limit = limit;
    return args;
  },
  getTask: ({ params }) => ({ taskId: taskId(params) }),
  cancelTask: ({ params }) => ({ taskId: taskId(params) }),
  connectionRequest: ({ params }) => ({ id: required(params, 'id') }),
  getDeviceCredentials: ({ params }) => ({ id: required(params, 'id') }),
  setDeviceCredentials: ({ params, body }) => ({ id: required(params, 'id'), ...usernamePassword(body) }),
  deleteDeviceCredentials: ({ params }) => ({ id: required(params, 'id') }),
  getCpeCredentials: ({ params }) => ({ id: required(params, 'id') }),
  setCpeCredentials: ({ params, body }) => ({ id: required(params, 'id'), ...usernamePassword(body) }),
  deleteCpeCredentials: ({ params }) => ({ id: required(params, 'id') }),
  getCpeAuth: () => ({}),
  importDeviceCredentials: ({ body }) => {
    const rows = (typeof body === 'object' && body !== null ? (body as Record<string, unknown>).rows : undefined) ?? body;
    if (!Array.isArray(rows)) throw new AcsError('bad_request', 'body must be {"rows": [{"deviceId", "username", "password"}, ...]}');
    return {
      rows: rows.map((r, i) => {
        const o = typeof r === 'object' && r !== null ? (r as Record<string, unknown>) : {};
        const { deviceId, username, password } = o;
        if (typeof deviceId !== 'string' || typeof username !== 'string' || typeof password !== 'string') {
          throw new AcsError('bad_request', `rows[${i}] must have string deviceId, username and password`);
        }
        return { deviceId, username, password };
      }),
    };
  },
  getQuirkRules: () => ({}),
  setQuirkRules: ({ body }) => ({ rules: body }),
  listRegistrations: () => ({}),
  registerDevice: ({ body }) => {
    const b = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    if (typeof b.id !== 'string' || b.id.trim() === '') throw new AcsError('bad_request', "'id' must be a device id (OUI-ProductClass-SerialNumber)");
    if (b.note !== undefined && typeof b.note !== 'string') throw new AcsError('bad_request', "'note' must be a string");
    return b.note === undefined ? { id: b.id.trim() } : { id: b.id.trim(), note: b.note };
  },
  unregisterDevice: ({ params }) => ({ id: required(params, 'id') }),
  setCpeAuth: ({ body }) => {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new AcsError('bad_request', 'body must be an object such as {"mode": "digest"}');
    const b = body as Record<string, unknown>;
    const out: ApiArgs<'setCpeAuth'> = {};
    for (const key of Object.keys(b)) {
      if (!['mode', 'realm', 'username', 'password', 'unknownDevices'].includes(key)) throw new AcsError('bad_request', `unknown setting '${key}'`);
    }
    if (b.mode !== undefined) out.mode = pick(b.mode, 'mode', ['digest', 'basic', 'none'] as const);
    if (b.unknownDevices !== undefined) out.unknownDevices = pick(b.unknownDevices, 'unknownDevices', ['register', 'refuse'] as const);
    for (const key of ['realm', 'username', 'password'] as const) {
      const v = b[key];
      if (v === undefined) continue;
      if (typeof v !== 'string') throw new AcsError('bad_request', `'${key}' must be a string`);
      out[key] = v;
    }
    return out;
  },
  getHistorySettings: () => ({}),
  setHistorySettings: ({ body }) => {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new AcsError('bad_request', 'body must be an object such as {"days": 30, "keepPerDevice": 20}');
    const b = body as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(b)) {
      if (key !== 'days' && key !== 'keepPerDevice') throw new AcsError('bad_request', `unknown setting '${key}'`);
      out[key] = b[key];
    }
    // The values' ranges are checked by the core, for IPC callers too.
    return out as ApiArgs<'setHistorySettings'>;
  },
  pruneHistory: () => ({}),
  getParameters: ({ params, query }) => {
    const args: ApiArgs<'getParameters'> = { id: required(params, 'id') };
    const prefix = query.get('prefix');
    if (prefix !== null && prefix !== '') args.prefix = prefix;
    return args;
  },
};

const taskStatuses: readonly TaskStatus[] = ['queued', 'running', 'done', 'fault', 'cancelled', 'expired'];

function taskId(params: Record<string, string>): number {
  const raw = required(params, 'taskId');
  if (!/^\d+$/.test(raw)) throw new AcsError('bad_request', `task id must be a whole number, got '${raw}'`);
  return Number(raw);
}

function usernamePassword(body: unknown): { username: string; password: string } {
  if (typeof body !== 'object' || body === null) throw new AcsError('bad_request', 'body must be {"username": "...", "password": "..."}');
  const { username, password } = body as Record<string, unknown>;
  if (typeof username !== 'string' || username === '') throw new AcsError('bad_request', "'username' must be a non-empty string");
  if (typeof password !== 'string') throw new AcsError('bad_request', "'password' must be a string");
  return { username, password };
}

function isContractForm(body: unknown): body is Record<string, unknown> {
  return typeof body === 'object' && body !== null && !Array.isArray(body) && !('name' in body) && 'task' in body;
}

function contractTaskArgs(id: string, body: Record<string, unknown>): ApiArgs<'createTask'> {
  const args: ApiArgs<'createTask'> = { id, task: body.task };
  if (typeof body.connectionRequest === 'boolean') args.connectionRequest = body.connectionRequest;
  const wait = body.waitSeconds;
  if (typeof wait === 'number' && Number.isInteger(wait) && wait >= 0 && wait <= 120) args.waitSeconds = wait;
  const expires = body.expiresInSeconds;
  if (typeof expires === 'number' && Number.isInteger(expires) && expires > 0) args.expiresInSeconds = expires;
  return args;
}

function pick<T extends string>(v: unknown, name: string, allowed: readonly T[]): T {
  const hit = allowed.find((a) => a === v);
  if (hit === undefined) throw new AcsError('bad_request', `'${name}' must be one of ${allowed.join(', ')}`);
  return hit;
}

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

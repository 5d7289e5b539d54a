// The renderer's ONE way to reach the core. Picks the transport once: Electron IPC when the
// preload's bridge (window.acs) is present, else HTTP to the JSON API of browser mode. Every
// component calls `client.call(method, args)` and never knows which one it got.
import type { AcsBridge, AcsBridgeMethods } from '../../../shared/bridge.ts';
import { isAcsEventName } from '../../../shared/bridge.ts';
import type { AcsEventName, AcsEvents, ApiArgs, ApiMethod, ApiResult } from '../../../shared/contract.ts';
import { apiEventsPath, apiRoutes } from '../../../shared/contract.ts';
import type { ApiError, ErrorCode } from '../../../shared/errors.ts';
import { httpStatusOf } from '../../../shared/errors.ts';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a plain browser. */
    acs?: AcsBridge;
  }
}

export interface ApiClient {
  readonly transport: 'ipc' | 'http';
  /** Browser mode: the API token in use ('' when none); the desktop app needs none. */
  token(): string;
  /** Browser mode: use this token from now on (kept for this tab only). */
  setToken(token: string): void;
  call<K extends ApiMethod>(method: K, args: ApiArgs<K>): Promise<ApiResult<K>>;
  /** Subscribes to a core push event; returns the unsubscribe function. */
  onEvent<K extends AcsEventName>(name: K, listener: (payload: AcsEvents[K]) => void): () => void;
}

/** A failed call, with the contract's error code (from IPC data or the HTTP error body). */
export class ApiClientError extends Error {
  readonly code: ErrorCode;
  constructor(error: ApiError) {
    super(error.message);
    this.name = 'ApiClientError';
    this.code = error.code;
  }
}

const tokenKey = 'deskacs.apiToken';

export function createApiClient(): ApiClient {
  const bridge = window.acs;
  if (bridge !== undefined) return ipcClient(bridge);
  return httpClient(window.location.origin, new TokenStore(takeToken()));
}

function ipcClient(bridge: AcsBridge): ApiClient {
  const methods: AcsBridgeMethods = bridge;
  return {
    transport: 'ipc',
    token: () => '',
    setToken: () => undefined,
    async call<K extends ApiMethod>(method: K, args: ApiArgs<K>): Promise<ApiResult<K>> {
      const invoke = methods[method];
      if (typeof invoke !== 'function') {
        throw new ApiClientError({ code: 'bad_request', message: `the desktop bridge has no method ${method}` });
      }
      const response = await invoke(args);
      if (response.ok) return response.value;
      throw new ApiClientError(response.error);
    },
    onEvent: (name, listener) => bridge.onEvent(name, listener),
  };
}

/**
 * Browser mode: the server prints a link ending in `#token=...`. The fragment never reaches
 * the server or its logs; keep the token for this tab only and drop it from the address bar.
 */
function takeToken(): string {
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (fromHash !== null && fromHash !== '') {
    window.sessionStorage.setItem(tokenKey, fromHash);
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
    return fromHash;
  }
  return window.sessionStorage.getItem(tokenKey) ?? '';
}

/** The tab's API token; the event stream reconnects when it changes. */
class TokenStore {
  private readonly listeners = new Set<() => void>();
  constructor(private value: string) {}
  get(): string {
    return this.value;
  }
  set(token: string): void {
    this.value = token;
    window.sessionStorage.setItem(tokenKey, token);
    for (const listener of this.listeners) listener();
  }
  onChange(listener: () => void): void {
    this.listeners.add(listener);
  }
}

function httpClient(origin: string, tokens: TokenStore): ApiClient {
  const events = new HttpEvents(origin, () => tokens.get());
  tokens.onChange(() => events.reconnect());
  return {
    transport: 'http',
    token: () => tokens.get(),
    setToken: (token) => tokens.set(token),
    async call<K extends ApiMethod>(method: K, args: ApiArgs<K>): Promise<ApiResult<K>> {
      const url = new URL(origin);
      const init = buildRequest(method, args, url, tokens.get());
      let response: Response;
      try {
        response = await fetch(url, init);
      } catch (err) {
        const why = err instanceof Error ? err.message : String(err);
        throw new ApiClientError({ code: 'unavailable', message: `DeskACS server unreachable at ${origin}: ${why}` });
      }
      const body = await readBody(response);
      if (!response.ok) throw new ApiClientError(errorFrom(response.status, body));
      // The server answers with the contract's result type for this route.
      return body as ApiResult<K>;
    },
    onEvent: (name, listener) => events.on(name, listener),
  };
}

/** Fills `url` and returns the fetch options for a contract call. */
function buildRequest(method: ApiMethod, args: object, url: URL, token: string): RequestInit {
  const route: { method: string; path: string } = apiRoutes[method];
  const rest = new Map<string, unknown>(Object.entries(args));
  url.pathname = route.path.replace(/:([A-Za-z]+)/g, (_match, key: string) => {
    const value = rest.get(key);
    rest.delete(key);
    if (typeof value !== 'string' && typeof value !== 'number') {
      throw new ApiClientError({ code: 'bad_request', message: `${method} needs '${key}'` });
    }
    return encodeURIComponent(String(value));
  });
  const headers: Record<string, string> = { Accept: 'application/json', Authorization: `Bearer ${token}` };
  // Bytes (a file upload's chunk) go as the raw body and the other arguments as query parameters:
  // JSON would triple their size, and the server reads exactly this shape.
  const bytes = [...rest].find((entry): entry is [string, Uint8Array<ArrayBuffer>] => entry[1] instanceof Uint8Array);
  if (bytes !== undefined) {
    rest.delete(bytes[0]);
    for (const [key, value] of rest) appendQuery(url.searchParams, key, value);
    headers['Content-Type'] = 'application/octet-stream';
    return { method: route.method, headers, body: bytes[1] };
  }
  if (route.method === 'GET' || route.method === 'DELETE') {
    for (const [key, value] of rest) appendQuery(url.searchParams, key, value);
    return { method: route.method, headers };
  }
  headers['Content-Type'] = 'application/json';
  return { method: route.method, headers, body: JSON.stringify(Object.fromEntries(rest)) };
}

function appendQuery(query: URLSearchParams, key: string, value: unknown): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    for (const item of value) appendQuery(query, key, item);
    return;
  }
  query.append(key, typeof value === 'object' ? JSON.stringify(value) : String(value));
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.hasOwn(httpStatusOf, code);
}

/** The server sends `{ error: { code, message } }`; anything else is described by its status. */
function errorFrom(status: number, body: unknown): ApiError {
  if (typeof body === 'object' && body !== null && 'error' in body) {
    const error: unknown = body.error;
    if (typeof error === 'object' && error !== null && 'code' in error && 'message' in error) {
      const { code, message } = error;
      if (isErrorCode(code) && typeof message === 'string') return { code, message };
    }
  }
  const code = Object.entries(httpStatusOf).find(([, s]) => s === status)?.[0];
  return {
    code: isErrorCode(code) ? code : 'internal',
    message: `HTTP ${status}${typeof body === 'string' && body !== '' ? `: ${body.slice(0, 200)}` : ''}`,
  };
}

/** One EventSource for all subscriptions, opened on the first and closed after the last. */
class HttpEvents {
  private source: EventSource | null = null;
  private subscribers = 0;

  private readonly handlers = new Map<string, Set<(event: MessageEvent<string>) => void>>();

  constructor(
    private readonly origin: string,
    private readonly token: () => string,
  ) {}

  /** Reopens the stream with the current token, keeping every subscription. */
  reconnect(): void {
    if (this.source === null) return;
    this.close();
    const source = this.open();
    for (const [name, set] of this.handlers) for (const h of set) source.addEventListener(name, h);
  }

  on<K extends AcsEventName>(name: K, listener: (payload: AcsEvents[K]) => void): () => void {
    if (!isAcsEventName(name)) throw new Error(`Not a contract event: ${String(name)}`);
    const source = this.open();
    const handler = (event: MessageEvent<string>): void => {
      // The server writes JSON.stringify of the event's payload (AcsEvents[K]).
      listener(JSON.parse(event.data) as AcsEvents[K]);
    };
    source.addEventListener(name, handler);
    let set = this.handlers.get(name);
    if (set === undefined) {
      set = new Set();
      this.handlers.set(name, set);
    }
    set.add(handler);
    this.subscribers += 1;
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      this.handlers.get(name)?.delete(handler);
      this.source?.removeEventListener(name, handler);
      this.subscribers -= 1;
      if (this.subscribers === 0) this.close();
    };
  }

  private open(): EventSource {
    if (this.source !== null) return this.source;
    // EventSource cannot send an Authorization header; this route alone accepts ?token=.
    const url = new URL(apiEventsPath, this.origin);
    url.searchParams.set('token', this.token());
    this.source = new EventSource(url);
    return this.source;
  }

  private close(): void {
    this.source?.close();
    this.source = null;
  }
}

// Minimal HTTP(S) request helper on node:http with optional Basic/Digest credentials. Always sends
// Content-Length (never chunked). The caller passes an Agent to keep one TCP connection per session.

import http from 'node:http';
import https from 'node:https';
import type { AuthClient } from '../core/http-auth/client.ts';

export interface HttpResult {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** Every WWW-Authenticate header, unmerged. */
  authenticate: string[];
  setCookie: string[];
  body: string;
}

export interface HttpInit {
  method: string;
  headers?: Record<string, string>;
  body?: string;
  agent?: http.Agent;
  timeoutMs?: number;
}

/** One request; rejects on network errors, timeouts and bodies cut short. */
export function httpRequest(url: URL, init: HttpInit): Promise<HttpResult> {
  const payload = init.body === undefined ? undefined : Buffer.from(init.body, 'utf8');
  const headers: Record<string, string> = { ...init.headers, 'Content-Length': String(payload?.length ?? 0) };
  const lib = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(url, { method: init.method, headers, agent: init.agent, timeout: init.timeoutMs ?? 30_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('aborted', () => reject(new Error(`Response from ${url.origin} was cut short`)));
      res.on('error', reject);
      res.on('end', () => {
        if (!res.complete) return reject(new Error(`Response from ${url.origin} was cut short`));
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          authenticate: res.headersDistinct['www-authenticate'] ?? [],
          setCookie: res.headersDistinct['set-cookie'] ?? [],
          body: Buffer.concat(chunks).toString('utf8'),
        });
      });
    });
    req.on('timeout', () => req.destroy(new Error(`Request to ${url.origin} timed out`)));
    req.on('error', reject);
    req.end(payload);
  });
}

/**
 * A request that answers an authentication challenge once: credentials are sent preemptively
 * when `auth` already holds a challenge (Digest nonce reuse), otherwise after a 401.
 */
export async function requestWithAuth(
  url: URL,
  init: HttpInit,
  auth: AuthClient | undefined,
  observe: (status: number) => void = () => undefined,
): Promise<HttpResult> {
  const uri = `${url.pathname}${url.search}`;
  const withAuth = (): HttpInit => {
    const authorization = auth?.authorization(init.method, uri);
    return authorization ? { ...init, headers: { ...init.headers, Authorization: authorization } } : init;
  };
  const first = await httpRequest(url, withAuth());
  observe(first.status);
  if (first.status !== 401 || !auth || !auth.accept(first.authenticate)) return first;
  const second = await httpRequest(url, withAuth());
  observe(second.status);
  return second;
}

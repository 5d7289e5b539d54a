// Throttling repeated authentication failures (password guessing, or a misconfigured CPE in a
// retry loop). Pure: the clock and the logger are injected.
//
// A key (normally rateLimitKey(remote address)) that fails maxFailures times within windowMs
// is blocked for blockMs: its requests are refused before authentication with Retry-After.
// Successes do not reset the count: behind one NAT address a legitimate CPE's successes must
// not give a guesser at the same address unlimited attempts. Conversely a misconfigured CPE can
// block its NAT neighbours for blockMs at a time; failures the CPE cannot help (stale nonces,
// preemptive Basic) are not counted (see AuthFailure.counts), and the limits are options.
// One log line is written when a key gets blocked, not one per refused request.
import type { Logger } from '../../acs-types.ts';

export interface RateLimitOptions {
  /** Failures within windowMs that block the key (default 10). */
  maxFailures?: number;
  windowMs?: number;
  /** How long a key stays blocked (default windowMs). */
  blockMs?: number;
  /** Keys tracked at most; the oldest are forgotten beyond this (default 10,000). */
  maxKeys?: number;
  now?: () => Date;
  log?: Logger;
}

export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Entry {
  /** Failure times (ms), oldest first, all within the window. */
  failures: number[];
  blockedUntil: number;
  refused: number;
}

export class FailureRateLimiter {
  private readonly entries = new Map<string, Entry>();
  private readonly maxFailures: number;
  private readonly windowMs: number;
  private readonly blockMs: number;
  private readonly maxKeys: number;
  private readonly now: () => Date;
  private readonly log: Logger | undefined;

  constructor(opts: RateLimitOptions = {}) {
    this.maxFailures = Math.max(1, opts.maxFailures ?? 10);
    this.windowMs = opts.windowMs ?? 60_000;
    this.blockMs = opts.blockMs ?? this.windowMs;
    this.maxKeys = Math.max(1, opts.maxKeys ?? 10_000);
    this.now = opts.now ?? ((): Date => new Date());
    this.log = opts.log;
  }

  /** Call before authenticating a request; refuse it when not allowed. */
  check(key: string): RateLimitDecision {
    const entry = this.entries.get(key);
    if (entry === undefined) return { allowed: true };
    const t = this.now().getTime();
    if (entry.blockedUntil > t) {
      entry.refused++;
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((entry.blockedUntil - t) / 1000)) };
    }
    if (entry.blockedUntil !== 0) this.entries.delete(key); // the block is over: a fresh start
    return { allowed: true };
  }

  /** Records one counted authentication failure; returns true when it blocks the key. */
  recordFailure(key: string, detail: Record<string, unknown> = {}): boolean {
    const t = this.now().getTime();
    let entry = this.entries.get(key);
    if (entry === undefined) {
      this.makeRoom(t);
      entry = { failures: [], blockedUntil: 0, refused: 0 };
      this.entries.set(key, entry);
    }
    if (entry.blockedUntil > t) return false;
    const since = t - this.windowMs;
    entry.failures = entry.failures.filter((at) => at > since);
    entry.failures.push(t);
    if (entry.failures.length < this.maxFailures) return false;
    entry.failures = [];
    entry.blockedUntil = t + this.blockMs;
    this.log?.warn('cpe authentication: too many failures, refusing this address for a while', {
      key,
      failures: this.maxFailures,
      windowSeconds: this.windowMs / 1000,
      blockedSeconds: Math.ceil(this.blockMs / 1000),
      ...detail,
    });
    return true;
  }

  /** Keys currently tracked (for tests and diagnostics). */
  get size(): number {
    return this.entries.size;
  }

  /** Drops entries that no longer matter; then, if still full, the oldest ones. */
  private makeRoom(t: number): void {
    if (this.entries.size < this.maxKeys) return;
    const since = t - this.windowMs;
    for (const [key, e] of this.entries) {
      if (e.blockedUntil <= t && !e.failures.some((at) => at > since)) this.entries.delete(key);
    }
    for (const key of this.entries.keys()) {
      if (this.entries.size < this.maxKeys) break;
      this.entries.delete(key);
    }
  }
}

/**
 * The rate-limit key of a remote address: IPv4 as is (also when IPv4-mapped), IPv6 by its /64
 * prefix, since one host usually owns a whole /64 and could otherwise rotate addresses freely.
 */
export function rateLimitKey(remoteAddress: string | undefined): string {
  if (remoteAddress === undefined || remoteAddress === '') return 'unknown';
  const address = remoteAddress.replace(/%.*$/, '').toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (mapped?.[1] !== undefined) return mapped[1];
  if (!address.includes(':')) return address;
  const groups = expandIpv6(address);
  return groups === undefined ? address : `${groups.slice(0, 4).join(':')}::/64`;
}

function expandIpv6(address: string): string[] | undefined {
  const halves = address.split('::');
  if (halves.length > 2) return undefined;
  const parse = (part: string | undefined): string[] => {
    if (part === undefined || part === '') return [];
    // An embedded IPv4 tail (::ffff:a.b.c.d, 64:ff9b::a.b.c.d) stands for two groups.
    return part.split(':').flatMap((g) => (g.includes('.') ? ['0', '0'] : [g.replace(/^0+(?=.)/, '')]));
  };
  const head = parse(halves[0]);
  const tail = parse(halves[1]);
  const missing = 8 - head.length - tail.length;
  if (missing < 0 || (halves.length === 1 && missing !== 0)) return undefined;
  return [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
}

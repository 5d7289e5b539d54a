// Replay protection for Digest (RFC 7616 3.4, 5.12): the highest nonce count accepted per nonce.
// Nonces stay stateless to issue (digest.ts); only nonces that authenticated a request are
// remembered, and only until they expire, so the table is bounded by the fleet's logins per
// nonce lifetime. A header whose nc is not above the last one accepted for its nonce is a
// replay (or a CPE that restarts nc at 00000001 with a cached nonce, cwmp-notes:
// Authentication): either way it gets a fresh challenge with stale=true, which an honest CPE
// answers with the password it has and an attacker replaying a captured header cannot.
// The RFC 2069 form carries no nc: its nonce is good for one request.

/** Entries kept at most; beyond it the oldest are dropped (they can then be replayed once more until they expire). */
const MAX_ENTRIES = 500_000;

export class NonceCounts {
  /** nonce -> highest nc accepted (0 for the RFC 2069 form) and when the nonce expires. Insertion order ~ expiry order. */
  private readonly seen = new Map<string, { nc: number; expiresAt: number }>();

  constructor(private readonly maxEntries = MAX_ENTRIES) {}

  get size(): number {
    return this.seen.size;
  }

  /**
   * Records `nc` (undefined: the RFC 2069 form) for a nonce that authenticated a request and
   * answers whether it was fresh: false when this nonce was already used with this or a higher nc.
   */
  accept(nonce: string, nc: number | undefined, expiresAt: number, now: number): boolean {
    this.prune(now);
    const entry = this.seen.get(nonce);
    if (entry !== undefined && (nc === undefined || nc <= entry.nc)) return false;
    if (entry !== undefined) entry.nc = nc ?? 0;
    else this.seen.set(nonce, { nc: nc ?? 0, expiresAt });
    while (this.seen.size > this.maxEntries) {
      const oldest = this.seen.keys().next().value;
      if (oldest === undefined) break;
      this.seen.delete(oldest);
    }
    return true;
  }

  /** Drops expired nonces from the front (nonces are first used soon after they are issued). */
  private prune(now: number): void {
    for (const [nonce, entry] of this.seen) {
      if (entry.expiresAt > now) return;
      this.seen.delete(nonce);
    }
  }
}

// Throughput from byte counters: the rate between two readings, never negative. A counter that
// went down either wrapped (32-bit counters do within hours at a few hundred Mbit/s; 64-bit ones
// practically never) or restarted (the device rebooted). A decrease counts as a wrap only when
// the previous reading sat in the top half of the 32-bit (or 64-bit) range, so a wrap is the
// likely story; anything else is a reset and gives no rate (the new reading is the next base).

const TWO_32 = 2n ** 32n;
const TWO_64 = 2n ** 64n;

export type CounterStep =
  | { kind: 'rate'; perSecond: number; delta: bigint; wrapped: '32' | '64' | null }
  | { kind: 'reset'; reason: string }
  | { kind: 'none'; reason: string };

/** A counter's text as an unsigned whole number, or null. */
export function parseCounter(text: string): bigint | null {
  const t = text.trim();
  if (!/^\d{1,20}$/.test(t)) return null;
  const n = BigInt(t);
  return n < TWO_64 ? n : null;
}

/**
 * The rate between two readings `seconds` apart. `rebooted`: the device booted in between (its
 * counters restarted whatever the numbers say). `maxPerSecond` bounds a plausible rate (in the
 * counter's unit): a "wrap" faster than that is a reset.
 */
export function counterStep(
  prev: bigint,
  cur: bigint,
  seconds: number,
  opts: { rebooted?: boolean; maxPerSecond?: number } = {},
): CounterStep {
  if (opts.rebooted === true) return { kind: 'reset', reason: 'the device rebooted' };
  if (!(seconds > 0)) return { kind: 'none', reason: 'no time between the readings' };
  let delta: bigint;
  let wrapped: '32' | '64' | null = null;
  if (cur >= prev) delta = cur - prev;
  else if (prev < TWO_32 && prev >= TWO_32 / 2n) {
    delta = TWO_32 - prev + cur;
    wrapped = '32';
  } else if (prev >= TWO_64 / 2n) {
    delta = TWO_64 - prev + cur;
    wrapped = '64';
  } else return { kind: 'reset', reason: 'the counter went back (restarted)' };
  const perSecond = Number(delta) / seconds;
  const max = opts.maxPerSecond ?? Number.POSITIVE_INFINITY;
  if (wrapped !== null && perSecond > max) return { kind: 'reset', reason: 'a wrap would mean an impossible rate' };
  if (perSecond > max) return { kind: 'none', reason: 'rate above the plausible maximum' };
  return { kind: 'rate', perSecond, delta, wrapped };
}

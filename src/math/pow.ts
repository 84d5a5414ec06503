/**
 * `powInt`: integer powers in double-double; see ./slot.ts for how values travel.
 *
 * @internal
 * @module
 */
import { SLOT } from './slot.js';

const SPLIT = 134217729; // 2^27 + 1: Veltkamp's splitter
const DD_MIN = 1.0261342003245941e-289; // 2^−960
const DD_MAX = 9.7453140114e288; // 2^960

/**
 * `base^n` for an integer `n ≥ 0` by binary exponentiation.
 *
 * @remarks
 * Carried in double-double (about 104 bits), so the result is within 1 ulp (almost always the
 * correctly rounded value) while it stays within `[2^−960, 2^960]` in magnitude; outside that range
 * (or for `±0`, `±∞`, `NaN` bases) plain repeated multiplication is used, still deterministic.
 * `powInt(x, 0) = 1` for every `x`, like `Math.pow`.
 *
 * @throws RangeError when `n` is not a non-negative safe integer.
 * @internal
 */
export function powInt(base: number, n: number): number {
  SLOT[0] = base;
  SLOT[1] = n;
  powIntSlot();
  return SLOT[0];
}

/**
 * {@link powInt} of SLOT[0] and SLOT[1], into SLOT[0]: for callers that must not box the result
 * (Adam's step). @internal
 */
export function powIntSlot(): void {
  const base = SLOT[0],
    n = SLOT[1];
  if (!(n >= 0 && n <= Number.MAX_SAFE_INTEGER && Math.floor(n) === n)) {
    throw new RangeError(`powInt: expected a non-negative integer n, got ${n}`);
  }
  // Two binary exponentiations in one loop: r = rh + rl and b = bh + bl in double-double (bhh + bhl
  // is Veltkamp's split of bh, so that Dekker's bhh·bhh, bhh·bhl, … are exact and sum to bh·bh
  // exactly), and plain r and b for NaN, ±∞, ±0 or a huge or tiny result. Both always run and one
  // result is selected: a case first met late (Adam's βᵗ falls below the double-double range after
  // thousands of steps) would otherwise deoptimize the code around it and allocate while it ran.
  let bh = base,
    bl = 0,
    rh = 1,
    rl = 0,
    r = 1,
    b = base,
    m = n;
  for (;;) {
    let t = SPLIT * bh;
    const bhh = t - (t - bh),
      bhl = bh - bhh;
    const half = Math.floor(m / 2); // (m % 2 on a double is a slow library call in V8)
    if (m !== 2 * half) {
      t = SPLIT * rh;
      const rhh = t - (t - rh),
        rhl = rh - rhh;
      const p = rh * bh;
      const e = rhh * bhh - p + rhh * bhl + rhl * bhh + rhl * bhl + (rh * bl + rl * bh);
      rh = p + e;
      rl = e - (rh - p);
      r *= b;
    }
    m = half;
    if (m === 0) break;
    const p = bh * bh;
    const e = bhh * bhh - p + bhh * bhl + bhh * bhl + bhl * bhl + 2 * (bh * bl);
    bh = p + e;
    bl = e - (bh - p);
    b *= b;
  }
  // Every power of the base computed lies between 1 and the result, so a result inside the safe
  // range (no overflow in the splits, no underflow in the tails) means every step was exact enough.
  const a = Math.abs(rh);
  const exact = rh + rl;
  SLOT[0] = Number.isFinite(base) && base !== 0 && a > DD_MIN && a < DD_MAX ? exact : r;
}

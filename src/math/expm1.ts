/**
 * `expm1` (fdlibm's): `e^x − 1` without the cancellation near 0; see ./slot.ts for how values travel.
 *
 * @internal
 * @module
 */
import * as fromSlot from './slot.js';
import { SLOT } from './slot.js';

// Module constants, not imported bindings, in the hot code; SLOT itself by name (see "Imports" in ./slot.ts).
const EXPM1_Q1 = fromSlot.EXPM1_Q1,
  EXPM1_Q2 = fromSlot.EXPM1_Q2,
  EXPM1_Q3 = fromSlot.EXPM1_Q3,
  EXPM1_Q4 = fromSlot.EXPM1_Q4,
  EXPM1_Q5 = fromSlot.EXPM1_Q5;
const EXP_OVERFLOW = fromSlot.EXP_OVERFLOW,
  HALF_LN2 = fromSlot.HALF_LN2,
  INV_LN2 = fromSlot.INV_LN2,
  LN2_HI = fromSlot.LN2_HI,
  LN2_LO = fromSlot.LN2_LO,
  POW2 = fromSlot.POW2,
  TWO_M54 = fromSlot.TWO_M54;

const EXPM1_SATURATE = 38.81622314453125; // 0x4043687A_00000000: ≈ 56·ln 2, below −this e^x − 1 = −1

/**
 * `e^x − 1`, within 1 ulp and accurate near 0 where `exp(x) − 1` cancels (fdlibm's `expm1`).
 *
 * @remarks
 * `x = k·ln 2 + r` as in {@link exp}, then `e^r − 1` from a rational approximation in `r²/2`
 * (a degree-5 Remez polynomial), recombined as `2^k·(e^r − 1 + 1) − 1` with the term order chosen per
 * `k` so nothing cancels. `expm1(±0) = ±0`, `expm1(−∞) = −1`, `expm1(+∞) = +∞`, overflow above 709.78.
 *
 * @internal
 */
export function expm1(x: number): number {
  SLOT[0] = x;
  expm1Slot();
  return SLOT[0];
}

/** {@link expm1} of SLOT[0], into SLOT[0]. @internal */
export function expm1Slot(): void {
  let x = SLOT[0];
  if (!(x > -EXPM1_SATURATE)) {
    if (x === x) SLOT[0] = -1; // e^x − 1 rounds to −1 (a NaN stays)
    return;
  }
  if (x > EXP_OVERFLOW) {
    SLOT[0] = Number.POSITIVE_INFINITY;
    return;
  }
  const ax = Math.abs(x);
  if (ax < TWO_M54) return; // e^x − 1 rounds to x, which SLOT[0] holds (−0 included)
  let k = 0,
    c = 0;
  if (ax >= HALF_LN2) {
    k = (INV_LN2 * x + (x < 0 ? -0.5 : 0.5)) | 0;
    const hi = x - k * LN2_HI,
      lo = k * LN2_LO;
    x = hi - lo;
    c = hi - x - lo; // the rounding error of the reduction, carried into the result
  }
  const hfx = 0.5 * x;
  const hxs = x * hfx;
  const r1 = 1 + hxs * (EXPM1_Q1 + hxs * (EXPM1_Q2 + hxs * (EXPM1_Q3 + hxs * (EXPM1_Q4 + hxs * EXPM1_Q5))));
  const t = 3 - r1 * hfx;
  const e = hxs * ((r1 - t) / (6 - x * t));
  if (k === 0) {
    SLOT[0] = x - (x * e - hxs);
    return;
  }
  SLOT[1] = x;
  SLOT[2] = x * (e - c) - c - hxs;
  expm1Rebuild(k);
}

/**
 * `2^k·(1 + x − e) − 1` into SLOT[0], for {@link expm1}'s reduced `x` (SLOT[1]) and error term `e`
 * (SLOT[2]), with the terms ordered per `k` so nothing cancels. (Split from expm1Slot so each stays
 * small enough for V8 to inline.)
 */
function expm1Rebuild(k: number): void {
  const x = SLOT[1],
    e = SLOT[2];
  if (k === -1) SLOT[0] = 0.5 * (x - e) - 0.5;
  else if (k === 1) SLOT[0] = x < -0.25 ? -2 * (e - (x + 0.5)) : 1 + 2 * (x - e);
  // (scaling by 2^(k−1), then by 2, is exact, and at k = 1024 rounds once, like fdlibm's y·2·2^1023)
  else if (k <= -2 || k > 56) SLOT[0] = (1 - (e - x)) * POW2[1073 + k] * 2 - 1;
  else if (k < 20)
    SLOT[0] = (1 - POW2[1074 - k] - (e - x)) * POW2[1074 + k]; // 1 − 2^−k is exact
  else SLOT[0] = (x - (e + POW2[1074 - k]) + 1) * POW2[1074 + k];
}

/**
 * `out[i] = e^x[i] − 1` for every `i < out.length`, bit-identical to {@link expm1}. `x` must hold at least
 * `out.length` values; `out` may be `x` (each value is read before its result is written).
 * @internal
 */
export function expm1Into(out: Float64Array, x: Float64Array): void {
  for (let i = 0; i < out.length; i++) {
    SLOT[0] = x[i];
    expm1Slot();
    out[i] = SLOT[0];
  }
}

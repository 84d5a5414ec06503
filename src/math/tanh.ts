/**
 * `tanh` (fdlibm's), and its array form with every step inline; see ./slot.ts for how values travel.
 *
 * @internal
 * @module
 */
import { expm1Slot } from './expm1.js';
import * as fromSlot from './slot.js';
import { SLOT } from './slot.js';

// Module constants, not imported bindings, in the hot code; SLOT itself by name (see "Imports" in ./slot.ts).
const EXPM1_Q1 = fromSlot.EXPM1_Q1,
  EXPM1_Q2 = fromSlot.EXPM1_Q2,
  EXPM1_Q3 = fromSlot.EXPM1_Q3,
  EXPM1_Q4 = fromSlot.EXPM1_Q4,
  EXPM1_Q5 = fromSlot.EXPM1_Q5;
const HALF_LN2 = fromSlot.HALF_LN2,
  INV_LN2 = fromSlot.INV_LN2,
  LN2_HI = fromSlot.LN2_HI,
  LN2_LO = fromSlot.LN2_LO,
  POW2 = fromSlot.POW2,
  TWO_M28 = fromSlot.TWO_M28;

/**
 * The hyperbolic tangent, within 2 ulp of the true value (fdlibm's `tanh`; up to 1.85 ulp measured for
 * `0.2 ≲ |x| < 1`, where `−t/(t + 2)` rounds twice — the same bits as V8's `Math.tanh` in Node 20).
 *
 * @remarks
 * `tanh x = x` for `|x| < 2^−28`; `1 − 2/(e^(2|x|) − 1 + 2)` for `1 ≤ |x| < 22`;
 * `−t/(t + 2)` with `t = e^(−2|x|) − 1` for `|x| < 1` (both through {@link expm1}); `±1` beyond 22.
 * Odd, so `tanh(−0) = −0`; `tanh(±∞) = ±1`.
 *
 * @internal
 */
export function tanh(x: number): number {
  SLOT[0] = x;
  tanhSlot();
  return SLOT[0];
}

/** {@link tanh} of SLOT[0], into SLOT[0]. @internal */
export function tanhSlot(): void {
  const x = SLOT[0];
  const ax = Math.abs(x);
  if (!(ax < 22)) {
    if (ax >= 22) SLOT[0] = x < 0 ? -1 : 1; // (a NaN stays)
    return;
  }
  if (ax < TWO_M28) return; // tanh x rounds to x
  SLOT[0] = ax >= 1 ? 2 * ax : -2 * ax;
  expm1Slot();
  const t = SLOT[0];
  const z = ax >= 1 ? 1 - 2 / (t + 2) : -t / (t + 2);
  SLOT[0] = x < 0 ? -z : z;
}

// ---------------------------------------------------------------------------------------------
// Array forms, for the Tanh and GELU activations' loops

/**
 * `out[i] = tanh(x[i])` through {@link tanhSlot}: {@link tanhInto}'s bits in a few bytes, at about half
 * its speed — the form `bottomup/predict` ships, whose budget has no room for the inline one. `out` may
 * be `x`.
 * @internal
 */
export function tanhSlotInto(out: Float64Array, x: Float64Array): void {
  for (let i = 0; i < out.length; i++) {
    SLOT[0] = x[i];
    tanhSlot();
    out[i] = SLOT[0];
  }
}

/**
 * `out[i] = tanh(x[i])` for every `i < out.length`, bit-identical to {@link tanh}: the same operations
 * as tanhSlot → expm1Slot → expm1Rebuild, written out in one loop body so the hot path of the Tanh
 * activation keeps every intermediate in registers (no SLOT round trips, no calls). `x` must hold at
 * least `out.length` values; `out` may be `x` (each value is read before its result is written).
 * @internal
 */
export function tanhInto(out: Float64Array, x: Float64Array): void {
  for (let i = 0; i < out.length; i++) {
    const v = x[i];
    const ax = Math.abs(v);
    if (!(ax < 22)) {
      out[i] = ax >= 22 ? (v < 0 ? -1 : 1) : v; // (a NaN stays)
      continue;
    }
    if (ax < TWO_M28) {
      out[i] = v; // tanh x rounds to x
      continue;
    }
    // expm1(a) for a = ±2|x| (|a| < 44: no saturation or overflow, and |a| ≥ 2^−27).
    let a = ax >= 1 ? 2 * ax : -2 * ax;
    let k = 0,
      c = 0;
    if (2 * ax >= HALF_LN2) {
      k = (INV_LN2 * a + (a < 0 ? -0.5 : 0.5)) | 0;
      const hi = a - k * LN2_HI,
        lo = k * LN2_LO;
      a = hi - lo;
      c = hi - a - lo;
    }
    const hfx = 0.5 * a;
    const hxs = a * hfx;
    const r1 = 1 + hxs * (EXPM1_Q1 + hxs * (EXPM1_Q2 + hxs * (EXPM1_Q3 + hxs * (EXPM1_Q4 + hxs * EXPM1_Q5))));
    const t3 = 3 - r1 * hfx;
    const e0 = hxs * ((r1 - t3) / (6 - a * t3));
    let t: number;
    if (k === 0) {
      t = a - (a * e0 - hxs);
    } else {
      const e = a * (e0 - c) - c - hxs;
      if (k === -1) t = 0.5 * (a - e) - 0.5;
      else if (k === 1) t = a < -0.25 ? -2 * (e - (a + 0.5)) : 1 + 2 * (a - e);
      else if (k <= -2 || k > 56) t = (1 - (e - a)) * POW2[1073 + k] * 2 - 1;
      else if (k < 20) t = (1 - POW2[1074 - k] - (e - a)) * POW2[1074 + k];
      else t = (a - (e + POW2[1074 - k]) + 1) * POW2[1074 + k];
    }
    const z = ax >= 1 ? 1 - 2 / (t + 2) : -t / (t + 2);
    out[i] = v < 0 ? -z : z;
  }
}

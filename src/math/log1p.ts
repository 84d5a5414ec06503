/**
 * `log1p` (fdlibm's): `ln(1 + x)` without losing `x` near 0; see ./slot.ts for how values travel.
 *
 * @internal
 * @module
 */
import * as fromSlot from './slot.js';
import { SLOT } from './slot.js';

// Module constants, not imported bindings, in the hot code; SLOT itself by name (see "Imports" in ./slot.ts).
const LG1 = fromSlot.LG1,
  LG2 = fromSlot.LG2,
  LG3 = fromSlot.LG3,
  LG4 = fromSlot.LG4,
  LG5 = fromSlot.LG5,
  LG6 = fromSlot.LG6,
  LG7 = fromSlot.LG7;
const F64 = fromSlot.F64,
  HI = fromSlot.HI,
  I32 = fromSlot.I32,
  LN2_HI = fromSlot.LN2_HI,
  LN2_LO = fromSlot.LN2_LO,
  POW2 = fromSlot.POW2,
  TWO53 = fromSlot.TWO53,
  TWO_M54 = fromSlot.TWO_M54;

const LOG1P_UPPER = 0.4142136573791504; // 0x3FDA827A_00000000: ≈ √2 − 1
// −0x3FD2BEC5_00000000: ≈ √2/2 − 1 (x above it: high word ≤ 0xBFD2BEC4)
const LOG1P_LOWER = -0.292893648147583;
const TWO_M29 = 1.862645149230957e-9; // 2^−29

/**
 * `ln(1 + x)`, within 1 ulp and accurate near 0 where `log(1 + x)` loses `x` (fdlibm's `log1p`).
 *
 * @remarks
 * For `√2/2 − 1 < x < √2 − 1` the series of {@link log} applies to `f = x` directly; otherwise
 * `1 + x = 2^k·(1 + f)` with the rounding error of `1 + x` carried as a correction `c/(1 + x)`.
 * `log1p(±0) = ±0`, `log1p(−1) = −∞`, `log1p(x < −1) = NaN`, `log1p(+∞) = +∞`.
 *
 * @internal
 */
export function log1p(x: number): number {
  SLOT[0] = x;
  log1pSlot();
  return SLOT[0];
}

/** {@link log1p} of SLOT[0], into SLOT[0]. @internal */
export function log1pSlot(): void {
  const x = SLOT[0];
  let k = 0,
    f = x,
    c = 0,
    hu = 1;
  if (!(x > LOG1P_LOWER && x < LOG1P_UPPER)) {
    if (!(x > -1)) {
      SLOT[0] = x === -1 ? -Number.POSITIVE_INFINITY : Number.NaN; // x < −1 or NaN
      return;
    }
    if (x === Number.POSITIVE_INFINITY) return;
    // 1 + x = 2^k·(1 + f) with 1 + f in [√2/2, √2), and c/(1 + x) the rounding error of 1 + x
    let u = x;
    if (x < TWO53) {
      u = 1 + x;
      F64[0] = u;
      hu = I32[HI];
      k = (hu >> 20) - 1023;
      c = (k > 0 ? 1 - (u - x) : x - (u - 1)) / u;
    } else {
      F64[0] = u;
      hu = I32[HI];
      k = (hu >> 20) - 1023;
    }
    hu &= 0x000fffff;
    if (hu >= 0x6a09e) {
      // mantissa ≥ √2: normalise u/2 instead
      k += 1;
      hu = (0x00100000 - hu) >> 2;
    }
    f = u * POW2[1074 - k] - 1; // exact scaling
  } else if (Math.abs(x) < TWO_M29) {
    if (!(Math.abs(x) < TWO_M54)) SLOT[0] = x - x * x * 0.5; // (below 2^−54, x itself)
    return;
  }
  // √2/2 − 1 < x < √2 − 1 takes the series with f = x, k = c = 0 directly
  SLOT[1] = f;
  SLOT[2] = c;
  log1pSeries(k, hu === 0);
}

/**
 * `ln(1 + f) + k·ln 2 + c` for {@link log1p}'s `f` (SLOT[1]) and `c` (SLOT[2]), into SLOT[0]; `tiny`
 * when |f| < 2^−20. (Split from log1pSlot so each stays small enough for V8 to inline; fdlibm's
 * separate k = 0 formulas give the same bits as these.)
 */
function log1pSeries(k: number, tiny: boolean): void {
  const f = SLOT[1],
    c = SLOT[2];
  const hfsq = 0.5 * f * f;
  const kHi = k * LN2_HI,
    kLo = k * LN2_LO; // k·ln 2 in two parts
  if (tiny) {
    SLOT[0] = f === 0 ? kHi + (c + kLo) : kHi - (hfsq * (1 - 0.6666666666666666 * f) - (kLo + c) - f);
    return;
  }
  const s = f / (2 + f);
  const z = s * s;
  const R = z * (LG1 + z * (LG2 + z * (LG3 + z * (LG4 + z * (LG5 + z * (LG6 + z * LG7))))));
  SLOT[0] = kHi - (hfsq - (s * (hfsq + R) + (kLo + c)) - f);
}

/**
 * `out[i] = ln(1 + x[i])` for every `i < out.length`, bit-identical to {@link log1p}. `x` must hold at least
 * `out.length` values; `out` may be `x` (each value is read before its result is written).
 * @internal
 */
export function log1pInto(out: Float64Array, x: Float64Array): void {
  for (let i = 0; i < out.length; i++) {
    SLOT[0] = x[i];
    log1pSlot();
    out[i] = SLOT[0];
  }
}

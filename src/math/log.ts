/**
 * `log` (fdlibm's): the natural logarithm; see ./slot.ts for how values travel.
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
  POW2 = fromSlot.POW2;

const TWO54 = 18014398509481984; // 2^54
const TWO_M20 = 9.5367431640625e-7; // 2^−20
const LOG_HFSQ_UPPER = 0.37999916076660156; // 0x6147A·2^−20: f from here (high word mantissa ≥ 0x6147A)…
const LOG_HFSQ_LOWER = -0.28999996185302734; // (0x6B852·2^−20 − 1)/2: …or below here (mantissa ≤ 0x6B851)

/**
 * The natural logarithm `ln x`, within 1 ulp (fdlibm's `log`).
 *
 * @remarks
 * `x = 2^k·(1 + f)` with `√2/2 < 1 + f < √2`, then with `s = f/(2 + f)`:
 * `ln(1 + f) = f − f²/2 + s·(f²/2 + R(s²))`, `R` a degree-7 Remez polynomial, and
 * `ln x = k·ln2_hi + (ln(1 + f) + k·ln2_lo)`. `log(±0) = −∞`, `log(x < 0) = NaN`, `log(1) = +0`,
 * `log(+∞) = +∞`; subnormals are scaled by `2^54` first.
 *
 * @internal
 */
export function log(x: number): number {
  SLOT[0] = x;
  logSlot();
  return SLOT[0];
}

/** `ln x + k·ln 2` of `x` = SLOT[0], into SLOT[0] (`k` is −54 for a subnormal scaled by 2^54, else 0). @internal */
export function logSlot(k = 0): void {
  const x = SLOT[0];
  F64[0] = x;
  const hx = I32[HI];
  if (hx < 0x00100000 || hx >= 0x7ff00000) {
    logSpecial(); // zero, negative, NaN, +∞, subnormal
    return;
  }
  // x = 2^e·(1 + f) with 1 + f in [√2/2, √2): e is the exponent, plus 1 when the mantissa ≥ √2
  // (adding 0x95F64 to the high word carries into the exponent exactly then)
  const e = ((hx + 0x95f64) >> 20) - 1023;
  k += e;
  const f = x * POW2[1074 - e] - 1; // exact scaling, and exact subtraction
  const kHi = k * LN2_HI,
    kLo = k * LN2_LO; // k·ln 2 in two parts
  // fdlibm tests f through x's high word; these tests on f are the same, and with k = 0 these
  // formulas give the same bits as its separate k = 0 ones (f − R, …). Its three cases are all
  // computed and one is selected, with no arithmetic inside a branch: a branch first taken late
  // (|f| < 2^−20 only once predictions near 1) would deoptimize the optimized code of every caller
  // and allocate while the interpreter ran it.
  const s = f / (2 + f);
  const z = s * s;
  const w = z * z;
  const R = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7))) + w * (LG2 + w * (LG4 + w * LG6));
  const hfsq = 0.5 * f * f;
  // |f| < 2^−20: a short series (for f = 0 it is kHi + kLo, fdlibm's separate case, to the bit)
  const series = kHi - (f * f * (0.5 - 0.3333333333333333 * f) - kLo - f);
  // 1 + f in [1.38, √2) or [√2/2, 0.71): the f²/2 form is the more accurate one there
  const squared = kHi - (hfsq - (s * (hfsq + R) + kLo) - f);
  const plain = kHi - (s * (f - R) - kLo - f);
  const small = f < TWO_M20 && f >= -TWO_M20;
  const wide = f >= LOG_HFSQ_UPPER || f < LOG_HFSQ_LOWER;
  SLOT[0] = small ? series : wide ? squared : plain;
}

/** {@link log} of SLOT[0] outside the positive normal doubles, into SLOT[0]. */
function logSpecial(): void {
  const x = SLOT[0];
  if (!(x > 0)) {
    SLOT[0] = x === 0 ? -Number.POSITIVE_INFINITY : Number.NaN;
  } else if (x !== Number.POSITIVE_INFINITY) {
    SLOT[0] = x * TWO54; // a subnormal, scaled up exactly
    logSlot(-54);
  }
}

/**
 * `out[i] = ln x[i]` for every `i < out.length`, bit-identical to {@link log}. `x` must hold at least
 * `out.length` values; `out` may be `x` (each value is read before its result is written).
 * @internal
 */
export function logInto(out: Float64Array, x: Float64Array): void {
  for (let i = 0; i < out.length; i++) {
    SLOT[0] = x[i];
    logSlot();
    out[i] = SLOT[0];
  }
}

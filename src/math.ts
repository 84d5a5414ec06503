/**
 * bottomup's own `exp`, `expm1`, `log`, `log1p`, `tanh`, `sin`, `cos` and `powInt`, built only from
 * operations ECMAScript specifies exactly, so every engine computes the same bits.
 *
 * @remarks
 * ECMAScript leaves `Math.exp`, `Math.log`, `Math.tanh`, `Math.sin`, … "implementation-approximated":
 * engines (even two versions of V8) round them differently in the last place, which would break
 * bit-identical training across browsers and Node. These functions use only IEEE-754 `+ − × ÷`
 * (correctly rounded), `Math.abs`/`Math.floor`, int32 arithmetic, exact reads of a double's bits
 * through a typed array, and (for `sin`/`cos` of huge arguments only) `BigInt`.
 *
 * The algorithms are Sun's fdlibm ones (as in FreeBSD's msun): argument reduction followed by a
 * minimax polynomial or rational approximation with fdlibm's published coefficients, each within
 * 1 ulp of the true value (tanh: 2 ulp). Branch thresholds are fdlibm's high-word tests, written as equivalent
 * comparisons on `|x|` or `f`. Coefficients are written as their shortest round-trip decimals (at
 * most 17 significant digits, which ECMAScript requires engines to parse exactly; the hex words are in
 * the comments). Node 20's V8 also uses fdlibm, so there these reproduce `Math.*` bit for bit, except
 * `sin`/`cos` beyond 2^20·π/2, where the reductions differ (both within 1 ulp) and `powInt`, which is
 * correctly rounded where V8's `Math.pow` is not.
 *
 * @internal
 * @module
 */

// ---------------------------------------------------------------------------------------------
// How values travel. V8 passes and returns doubles between functions boxed in heap objects unless
// it inlines the call, and whether it inlines depends on the caller: its size, what else it inlined,
// the order things got compiled in. So the work is done by kernels (`expSlot`, …) that read their
// argument from SLOT[0] and leave their result there, pass any other doubles through SLOT too, and
// take only small integers (never boxed) as arguments: a call to a kernel never allocates, inlined
// or not. The plain functions (`exp(x)`, …) wrap a kernel; they are small enough that V8 usually
// inlines them, but not always, so hot loops call the kernels (or an `…Into` array form) instead:
//
//   SLOT[0] = z[i];
//   tanhSlot();
//   a[i] = SLOT[0];

/** Argument and result of the kernels (index 0), and the doubles they hand to each other (1–3). @internal */
export const SLOT = new Float64Array(4);

// Exact access to a double's bits: write it as a double, read its high word as an int32.
const F64 = new Float64Array(1);
const I32 = new Int32Array(F64.buffer);
/** Index of the high 32-bit word in `I32`: 1 on little-endian platforms, 0 on big-endian ones. */
const HI = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1 ? 1 : 0;

/**
 * `2^k` at index `1074 + k`, for `k` in `[−1074, 1023]`; every entry is exact (built by halving and
 * doubling). Scaling by `2^k` multiplies by an entry rather than writing exponent bits: a 32-bit store
 * followed by a 64-bit load of the same double stalls the CPU's store forwarding (log was 2.5× slower).
 */
const POW2 = /* @__PURE__ */ (() => {
  const table = new Float64Array(2098);
  let p = 1;
  for (let k = 0; k <= 1023; k++, p *= 2) table[1074 + k] = p;
  p = 1;
  for (let k = 0; k >= -1074; k--, p /= 2) table[1074 + k] = p;
  return table;
})();

// ---------------------------------------------------------------------------------------------
// Shared constants. (Special results use Number.POSITIVE_INFINITY and Number.NaN, which V8 folds to
// constants, rather than the globals Infinity and NaN.)

const LN2_HI = 0.6931471803691238; // 0x3FE62E42_FEE00000: ln 2's top 32 bits, so k·LN2_HI is exact
const LN2_LO = 1.9082149292705877e-10; // 0x3DEA39EF_35793C76: ln 2 − LN2_HI
const INV_LN2 = 1.4426950408889634; // 0x3FF71547_652B82FE
const TWO54 = 18014398509481984; // 2^54
const TWO_M1000 = 9.332636185032189e-302; // 2^−1000
const TWO_1023 = 8.98846567431158e307; // 2^1023

// ---------------------------------------------------------------------------------------------
// exp

const EXP_P1 = 0.16666666666666602; // 0x3FC55555_5555553E
const EXP_P2 = -0.0027777777777015593; // 0xBF66C16C_16BEBD93
const EXP_P3 = 0.00006613756321437934; // 0x3F11566A_AF25DE2C
const EXP_P4 = -0.0000016533902205465252; // 0xBEBBBD41_C5D26BF1
const EXP_P5 = 4.1381367970572385e-8; // 0x3E663769_72BEA4D0
const EXP_OVERFLOW = 709.782712893384; // 0x40862E42_FEFA39EF: above this e^x overflows
const EXP_UNDERFLOW = -745.1332191019411; // 0xC0874910_D52D3051: below this e^x rounds to 0
const EXP_EDGE = 709.7822265625; // 0x40862E42_00000000: |x| from here needs the overflow checks
const HALF_LN2 = 0.3465735912322998; // 0x3FD62E43_00000000: |x| ≥ this needs reduction
const TWO_M28 = 3.725290298461914e-9; // 2^−28

/**
 * `e^x`, within 1 ulp (fdlibm's `exp`).
 *
 * @remarks
 * `x = k·ln 2 + r` with `|r| ≤ ln2/2` (ln 2 split so `k·ln2_hi` is exact), then
 * `e^r = 1 + r + r·c/(2 − c)` with `c = r − r²·P(r²)` (a degree-5 Remez polynomial), scaled by `2^k`.
 * `exp(±0) = 1`, `exp(+∞) = +∞`, `exp(−∞) = +0`, overflow to `+∞` above 709.78, gradual underflow
 * to subnormals and `+0` below −745.13.
 *
 * @internal
 */
export function exp(x: number): number {
  SLOT[0] = x;
  expSlot();
  return SLOT[0];
}

/** {@link exp} of SLOT[0], into SLOT[0]. @internal */
export function expSlot(): void {
  let x = SLOT[0];
  const ax = Math.abs(x);
  if (!(ax < EXP_EDGE) && (x !== x || x > EXP_OVERFLOW || x < EXP_UNDERFLOW)) {
    SLOT[0] = x !== x ? x : x > 0 ? Number.POSITIVE_INFINITY : 0;
    return;
  }
  let k = 0, hi = x, lo = 0;
  if (ax >= HALF_LN2) {
    k = (INV_LN2 * x + (x < 0 ? -0.5 : 0.5)) | 0; // round to nearest (C's truncating cast)
    hi = x - k * LN2_HI; // exact: k has at most 11 bits, LN2_HI 32
    lo = k * LN2_LO;
    x = hi - lo;
  } else if (ax < TWO_M28) {
    SLOT[0] = 1 + x;
    return;
  }
  const t = x * x;
  const c = x - t * (EXP_P1 + t * (EXP_P2 + t * (EXP_P3 + t * (EXP_P4 + t * EXP_P5))));
  // For k = 0 (hi = x, lo = 0) this is fdlibm's 1 − (x·c/(c − 2) − x), bit for bit.
  const y = 1 - ((lo - (x * c) / (2 - c)) - hi);
  if (k >= -1021) SLOT[0] = k === 1024 ? y * 2 * TWO_1023 : y * POW2[1074 + k];
  else SLOT[0] = y * POW2[2074 + k] * TWO_M1000; // y·2^(k+1000)·2^−1000: one rounding, into the subnormals
}

// ---------------------------------------------------------------------------------------------
// expm1

const EXPM1_Q1 = -0.03333333333333313; // 0xBFA11111_111110F4
const EXPM1_Q2 = 0.0015873015872548146; // 0x3F5A01A0_19FE5585
const EXPM1_Q3 = -0.0000793650757867488; // 0xBF14CE19_9EAADBB7
const EXPM1_Q4 = 0.000004008217827329362; // 0x3ED0CFCA_86E65239
const EXPM1_Q5 = -2.0109921818362437e-7; // 0xBE8AFDB7_6E09C32D
const EXPM1_SATURATE = 38.81622314453125; // 0x4043687A_00000000: ≈ 56·ln 2, below −this e^x − 1 = −1
const TWO_M54 = 5.551115123125783e-17; // 2^−54

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
  let k = 0, c = 0;
  if (ax >= HALF_LN2) {
    k = (INV_LN2 * x + (x < 0 ? -0.5 : 0.5)) | 0;
    const hi = x - k * LN2_HI, lo = k * LN2_LO;
    x = hi - lo;
    c = (hi - x) - lo; // the rounding error of the reduction, carried into the result
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
  const x = SLOT[1], e = SLOT[2];
  if (k === -1) SLOT[0] = 0.5 * (x - e) - 0.5;
  else if (k === 1) SLOT[0] = x < -0.25 ? -2 * (e - (x + 0.5)) : 1 + 2 * (x - e);
  // (scaling by 2^(k−1), then by 2, is exact, and at k = 1024 rounds once, like fdlibm's y·2·2^1023)
  else if (k <= -2 || k > 56) SLOT[0] = (1 - (e - x)) * POW2[1073 + k] * 2 - 1;
  else if (k < 20) SLOT[0] = (1 - POW2[1074 - k] - (e - x)) * POW2[1074 + k]; // 1 − 2^−k is exact
  else SLOT[0] = (x - (e + POW2[1074 - k]) + 1) * POW2[1074 + k];
}

// ---------------------------------------------------------------------------------------------
// log and log1p

const LG1 = 0.6666666666666735; // 0x3FE55555_55555593
const LG2 = 0.3999999999940942; // 0x3FD99999_9997FA04
const LG3 = 0.2857142874366239; // 0x3FD24924_94229359
const LG4 = 0.22222198432149784; // 0x3FCC71C5_1D8E78AF
const LG5 = 0.1818357216161805; // 0x3FC74664_96CB03DE
const LG6 = 0.15313837699209373; // 0x3FC39A09_D078C69F
const LG7 = 0.14798198605116586; // 0x3FC2F112_DF3E5244
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
  const kHi = k * LN2_HI, kLo = k * LN2_LO; // k·ln 2 in two parts
  // fdlibm tests f through x's high word; these tests on f are the same, and with k = 0 these
  // formulas give the same bits as its separate k = 0 ones (f − R, …).
  if (f < TWO_M20 && f >= -TWO_M20) {
    // |f| < 2^−20: a short series suffices
    SLOT[0] = f === 0 ? kHi + kLo : kHi - ((f * f * (0.5 - 0.3333333333333333 * f) - kLo) - f);
    return;
  }
  const s = f / (2 + f);
  const z = s * s;
  const w = z * z;
  const R = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7))) + w * (LG2 + w * (LG4 + w * LG6));
  if (f >= LOG_HFSQ_UPPER || f < LOG_HFSQ_LOWER) {
    // 1 + f in [1.38, √2) or [√2/2, 0.71): the f²/2 form is the more accurate one there
    const hfsq = 0.5 * f * f;
    SLOT[0] = kHi - ((hfsq - (s * (hfsq + R) + kLo)) - f);
  } else {
    SLOT[0] = kHi - ((s * (f - R) - kLo) - f);
  }
}

/** {@link log} of SLOT[0] outside the positive normal doubles, into SLOT[0]. */
function logSpecial(): void {
  const x = SLOT[0];
  if (!(x > 0)) {
    SLOT[0] = x === 0 ? Number.NEGATIVE_INFINITY : Number.NaN;
  } else if (x !== Number.POSITIVE_INFINITY) {
    SLOT[0] = x * TWO54; // a subnormal, scaled up exactly
    logSlot(-54);
  }
}

const LOG1P_UPPER = 0.4142136573791504; // 0x3FDA827A_00000000: ≈ √2 − 1
const LOG1P_LOWER = -0.292893648147583; // −0x3FD2BEC5_00000000: ≈ √2/2 − 1 (x above it: high word ≤ 0xBFD2BEC4)
const TWO_M29 = 1.862645149230957e-9; // 2^−29
const TWO53 = 9007199254740992; // 2^53

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
  let k = 0, f = x, c = 0, hu = 1;
  if (!(x > LOG1P_LOWER && x < LOG1P_UPPER)) {
    if (!(x > -1)) {
      SLOT[0] = x === -1 ? Number.NEGATIVE_INFINITY : Number.NaN; // x < −1 or NaN
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
  const f = SLOT[1], c = SLOT[2];
  const hfsq = 0.5 * f * f;
  const kHi = k * LN2_HI, kLo = k * LN2_LO; // k·ln 2 in two parts
  if (tiny) {
    SLOT[0] = f === 0 ? kHi + (c + kLo) : kHi - ((hfsq * (1 - 0.6666666666666666 * f) - (kLo + c)) - f);
    return;
  }
  const s = f / (2 + f);
  const z = s * s;
  const R = z * (LG1 + z * (LG2 + z * (LG3 + z * (LG4 + z * (LG5 + z * (LG6 + z * LG7))))));
  SLOT[0] = kHi - ((hfsq - (s * (hfsq + R) + (kLo + c))) - f);
}

// ---------------------------------------------------------------------------------------------
// tanh

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
// Array form, for the Tanh activation's loop: `out[i] = f(x[i])`, with `out` and `x` the same length
// (they may be the same array).

/**
 * `out[i] = tanh(x[i])`, bit-identical to {@link tanh}: the same operations as tanhSlot →
 * expm1Slot → expm1Rebuild, written out in one loop body so the hot path of the Tanh activation
 * keeps every intermediate in registers (no SLOT round trips, no calls). @internal
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
    let k = 0, c = 0;
    if (2 * ax >= HALF_LN2) {
      k = (INV_LN2 * a + (a < 0 ? -0.5 : 0.5)) | 0;
      const hi = a - k * LN2_HI, lo = k * LN2_LO;
      a = hi - lo;
      c = (hi - a) - lo;
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

// ---------------------------------------------------------------------------------------------
// sin and cos: reduction by π/2, then polynomial kernels on [−π/4, π/4]

const S1 = -0.16666666666666632; // 0xBFC55555_55555549
const S2 = 0.00833333333332249; // 0x3F811111_1110F8A6
const S3 = -0.0001984126982985795; // 0xBF2A01A0_19C161D5
const S4 = 0.0000027557313707070068; // 0x3EC71DE3_57B1FE7D
const S5 = -2.5050760253406863e-8; // 0xBE5AE5E6_8A2B9CEB
const S6 = 1.58969099521155e-10; // 0x3DE5D93A_5ACFD57C

const C1 = 0.0416666666666666; // 0x3FA55555_5555554C
const C2 = -0.001388888888887411; // 0xBF56C16C_16C15177
const C3 = 0.00002480158728947673; // 0x3EFA01A0_19CB1590
const C4 = -2.7557314351390663e-7; // 0xBE927E4F_809C52AD
const C5 = 2.087572321298175e-9; // 0x3E21EE9E_BDB4B1C4
const C6 = -1.1359647557788195e-11; // 0xBDA8FAE9_BE8838D4

/** sin on `[−π/4, π/4]` of `x + y` (SLOT[1], SLOT[2]; `exact` when `y` is 0 by construction), into SLOT[0]. */
function kernelSin(exact: boolean): void {
  const x = SLOT[1], y = SLOT[2];
  const z = x * x;
  const v = z * x;
  const r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
  SLOT[0] = exact ? x + v * (S1 + z * r) : x - ((z * (0.5 * y - v * r) - y) - v * S1);
}

const COS_03 = 0.2999999523162842; // 0x3FD33333_00000000
const COS_078 = 0.7812504768371581; // 0x3FE90000_FFFFFFFF: the largest double with high word 0x3FE90000
const TWO21 = 2097152; // 2^21
const TWO22 = 4194304; // 2^22
const TWO_M23 = 1.1920928955078125e-7; // 2^−23
const TWO_M24 = 5.960464477539063e-8; // 2^−24

/** cos on `[−π/4, π/4]` of `x + y` (SLOT[1], SLOT[2]), into SLOT[0]. */
function kernelCos(): void {
  const x = SLOT[1], y = SLOT[2];
  const z = x * x;
  const r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
  const ax = Math.abs(x);
  if (ax < COS_03) {
    SLOT[0] = 1 - (0.5 * z - (z * r - x * y));
    return;
  }
  // 1 − x²/2 loses bits for |x| ≥ 0.3: split 1 = (1 − qx) + qx with qx ≈ x²/8 short enough
  // (|x|/4 cut to its high word, or 0.28125) that 1 − qx is exact
  const qx = ax > COS_078 ? 0.28125 : ax < 0.5 ? Math.floor(ax * TWO22) * TWO_M24 : Math.floor(ax * TWO21) * TWO_M23;
  SLOT[0] = (1 - qx) - ((0.5 * z - qx) - (z * r - x * y));
}

// π/2 in three parts for Cody–Waite reduction: PIO2_1 and PIO2_2 have 33 significant bits, so
// n·PIO2_i is exact for n < 2^20; PIO2_iT = π/2 − (PIO2_1 + … + PIO2_i).
const INV_PIO2 = 0.6366197723675814; // 0x3FE45F30_6DC9C883
const PIO2_1 = 1.5707963267341256; // 0x3FF921FB_54400000
const PIO2_1T = 6.077100506506192e-11; // 0x3DD0B461_1A626331
const PIO2_2 = 6.077100506303966e-11; // 0x3DD0B461_1A600000
const PIO2_2T = 2.0222662487959506e-21; // 0x3BA3198A_2E037073
const PIO2_3 = 2.0222662487111665e-21; // 0x3BA3198A_2E000000
const PIO2_3T = 8.4784276603689e-32; // 0x397B839A_252049C1

/** High words of n·π/2 for n = 1…32: arguments whose high word differs cannot cancel badly. */
const NPIO2_HW = /* @__PURE__ */ Int32Array.of(
  0x3ff921fb, 0x400921fb, 0x4012d97c, 0x401921fb, 0x401f6a7a, 0x4022d97c, 0x4025fdbb, 0x402921fb,
  0x402c463a, 0x402f6a7a, 0x4031475c, 0x4032d97c, 0x40346b9c, 0x4035fdbb, 0x40378fdb, 0x403921fb,
  0x403ab41b, 0x403c463a, 0x403dd85a, 0x403f6a7a, 0x40407e4c, 0x4041475c, 0x4042106c, 0x4042d97c,
  0x4043a28c, 0x40446b9c, 0x404534ac, 0x4045fdbb, 0x4046c6cb, 0x40478fdb, 0x404858eb, 0x404921fb,
);

const PIO4_EDGE = 0.7853984832763672; // 0x3FE921FC_00000000: below this no reduction (|x| ≲ π/4)
const THREE_PIO4 = 2.3561935424804688; // 0x4002D97C_00000000
const MEDIUM_EDGE = 1647100; // 0x413921FC_00000000: ≈ 2^20·π/2, the Cody–Waite limit
const TWO_M27 = 7.450580596923828e-9; // 2^−27

/**
 * Reduces `x` = SLOT[0] (`|x| > π/4`, finite) to `x − n·π/2 = SLOT[1] + SLOT[2]` with `|SLOT[1]| ≤ π/4`;
 * returns `n`. Cody–Waite with π/2 in up to three 33-bit parts (fdlibm's `__ieee754_rem_pio2`) below
 * 2^20·π/2, an exact reduction with `BigInt` beyond.
 */
function remPio2(): number {
  const x = SLOT[0];
  const ax = Math.abs(x);
  const sign = x < 0 ? -1 : 1;
  F64[0] = ax;
  const ix = I32[HI];
  if (ax < THREE_PIO4) {
    // n = ±1: π/2 to 33 + 53 bits is enough unless x is near π/2 itself (then 33 + 33 + 53 bits);
    // fdlibm's separate negative branch is this one mirrored, bit for bit
    let z = ax - PIO2_1, tail = PIO2_1T;
    if (ix === 0x3ff921fb) {
      z -= PIO2_2;
      tail = PIO2_2T;
    }
    const y0 = z - tail;
    SLOT[1] = sign * y0;
    SLOT[2] = sign * ((z - y0) - tail);
    return sign;
  }
  if (ax >= MEDIUM_EDGE) return remPio2Large();
  const n = (ax * INV_PIO2 + 0.5) | 0;
  const r = ax - n * PIO2_1; // exact
  const w = n * PIO2_1T; // first round: good to 85 bits
  const y0 = r - w;
  F64[0] = y0;
  // Unless x's high word differs from n·π/2's (so little can cancel), check how many bits the
  // subtraction cancelled; past 16, refine with the next parts of π/2.
  if ((n < 32 && ix !== NPIO2_HW[n - 1]) || (ix >> 20) - ((I32[HI] >> 20) & 0x7ff) <= 16) {
    SLOT[1] = sign * y0;
    SLOT[2] = sign * ((r - y0) - w);
  } else {
    SLOT[1] = r;
    remPio2Refine(n, ix >> 20, sign);
  }
  return sign * n;
}

/**
 * The second (118 bits) and, if needed, third (151 bits: enough for every double below 2^20·π/2)
 * rounds of {@link remPio2}'s Cody–Waite reduction, from the first round's `r = |x| − n·PIO2_1`
 * (SLOT[1]); `j` is |x|'s biased exponent. Kept apart so remPio2 stays small enough to inline.
 */
function remPio2Refine(n: number, j: number, sign: number): void {
  let r = SLOT[1];
  let t = r;
  let w = n * PIO2_2;
  r = t - w;
  w = n * PIO2_2T - ((t - r) - w);
  let y0 = r - w;
  F64[0] = y0;
  if (j - ((I32[HI] >> 20) & 0x7ff) > 49) {
    t = r;
    w = n * PIO2_3;
    r = t - w;
    w = n * PIO2_3T - ((t - r) - w);
    y0 = r - w;
  }
  SLOT[1] = sign * y0;
  SLOT[2] = sign * ((r - y0) - w);
}

/** 2/π to 1280 bits after the binary point (0.a2f9836e… in hex), for {@link remPio2Large}. */
const TWO_OVER_PI_HEX =
  'a2f9836e4e441529fc2757d1f534ddc0db6295993c439041fe5163abdebbc561b7246e3a424dd2e006492eea09d1921c' +
  'fe1deb1cb129a73ee88235f52ebb4484e99c7026b45f7e413991d639835339f49c845f8bbdf9283b1ff897ffde05980f' +
  'ef2f118b5a0a6d1f6d367ecf27cb09b74f463f669e5fea2d7527bac7ebe5f17b3d0739f78a5292ea6bfb5fb11f8d5d08' +
  '56033046fc7b6babf0cfbc209af4361d';
/** ⌊π/2·2^200⌋ in hex. */
const PIO2_200_HEX = '1921fb54442d18469898cc51701b839a252049c1114cf98e804';
const TWO_M400 = 3.8725919148493183e-121; // 2^−400
const TWO33 = 8589934592; // 2^33

let twoOverPi: bigint | undefined;
let pio2Scaled: bigint | undefined;

/**
 * Exact (Payne–Hanek style) reduction of `x` = SLOT[0] for `|x| ≥ 2^20·π/2` with `BigInt`: `x = N·2^E`
 * exactly, the product `N·⌊2^1280·2/π⌋` gives `x·2/π mod 4` with ≥ 256 correct fraction bits, and the
 * fraction times π/2 (to 200 bits) is rounded once to SLOT[1] and once more for the tail SLOT[2].
 * Every operation is exact integer arithmetic or the correctly rounded `Number(bigint)`. Slow
 * (microseconds), and never reached by bottomup's own angles.
 */
function remPio2Large(): number {
  twoOverPi ??= BigInt('0x' + TWO_OVER_PI_HEX);
  pio2Scaled ??= BigInt('0x' + PIO2_200_HEX);
  const x = SLOT[0];
  const ax = Math.abs(x);
  // ax ≥ 2^20, so its ulp is ≥ 2^−32 and ax·2^33 is an integer; from 2^53 on ax is one itself
  const small = ax < TWO53;
  const N = BigInt(small ? ax * TWO33 : ax);
  const S = BigInt(small ? 1280 + 33 : 1280); // fraction bits of N·twoOverPi
  const product = N * twoOverPi;
  let n = Number((product >> S) & 3n);
  let f = product & ((1n << S) - 1n);
  if (f >= 1n << (S - 1n)) {
    // round to the nearest quadrant: f becomes negative, |f| ≤ 1/2
    f -= 1n << S;
    n += 1;
  }
  const r = (f >> (S - 200n)) * pio2Scaled; // (x − n·π/2)·2^400
  const hi = Number(r);
  const lo = Number(r - BigInt(hi));
  const sign = x < 0 ? -1 : 1;
  SLOT[1] = sign * hi * TWO_M400;
  SLOT[2] = sign * lo * TWO_M400;
  return sign * n;
}

/**
 * The sine, within 1 ulp (fdlibm's `sin`): reduction by π/2 (exact for every finite `x`), then
 * degree-13 (sin) or degree-14 (cos) Remez polynomials on `[−π/4, π/4]`.
 *
 * @remarks `sin(±0) = ±0`; `sin(±∞) = NaN`.
 * @internal
 */
export function sin(x: number): number {
  SLOT[0] = x;
  sinSlot();
  return SLOT[0];
}

/**
 * The cosine, within 1 ulp (fdlibm's `cos`); see {@link sin}.
 *
 * @remarks `cos(±0) = 1`; `cos(±∞) = NaN`.
 * @internal
 */
export function cos(x: number): number {
  SLOT[0] = x;
  cosSlot();
  return SLOT[0];
}

// (The wrappers pass no argument, not even a quadrant, to stay under 28 bytes of bytecode, which V8
// inlines without charging its inlining budget.)
function sinSlot(): void {
  quadrantSlot(0);
}

function cosSlot(): void {
  quadrantSlot(1); // cos x = sin(x + π/2)
}

/** `sin(x + q·π/2)` of `x` = SLOT[0], into SLOT[0]: one kernel call each, after the reduction. */
function quadrantSlot(q: number): void {
  const x = SLOT[0];
  const ax = Math.abs(x);
  if (ax < TWO_M27) {
    if (q === 1) SLOT[0] = 1; // sin x rounds to x (SLOT[0] holds it), cos x to 1
    return;
  }
  let n = q;
  if (ax < PIO4_EDGE) {
    SLOT[1] = x;
    SLOT[2] = 0;
  } else if (ax < Number.POSITIVE_INFINITY) {
    n += remPio2();
  } else {
    SLOT[0] = Number.NaN;
    return;
  }
  if (n & 1) kernelCos();
  else kernelSin(ax < PIO4_EDGE);
  if (n & 2) SLOT[0] = -SLOT[0];
}

// ---------------------------------------------------------------------------------------------
// powInt

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

/** {@link powInt} of SLOT[0] and SLOT[1], into SLOT[0]. */
function powIntSlot(): void {
  const base = SLOT[0], n = SLOT[1];
  if (!(n >= 0 && n <= Number.MAX_SAFE_INTEGER && Math.floor(n) === n)) {
    throw new RangeError(`powInt: expected a non-negative integer n, got ${n}`);
  }
  if (Number.isFinite(base) && base !== 0) {
    // r = rh + rl and b = bh + bl in double-double; bhh + bhl is Veltkamp's split of bh, so that
    // Dekker's bhh·bhh, bhh·bhl, … are exact and sum to bh·bh exactly
    let bh = base, bl = 0, rh = 1, rl = 0, m = n;
    for (;;) {
      let t = SPLIT * bh;
      const bhh = t - (t - bh), bhl = bh - bhh;
      const half = Math.floor(m / 2); // (m % 2 on a double is a slow library call in V8)
      if (m !== 2 * half) {
        t = SPLIT * rh;
        const rhh = t - (t - rh), rhl = rh - rhh;
        const p = rh * bh;
        const e = ((rhh * bhh - p) + rhh * bhl + rhl * bhh) + rhl * bhl + (rh * bl + rl * bh);
        rh = p + e;
        rl = e - (rh - p);
      }
      m = half;
      if (m === 0) break;
      const p = bh * bh;
      const e = ((bhh * bhh - p) + bhh * bhl + bhh * bhl) + bhl * bhl + 2 * (bh * bl);
      bh = p + e;
      bl = e - (bh - p);
    }
    // Every power of the base computed lies between 1 and the result, so a result inside the safe
    // range (no overflow in the splits, no underflow in the tails) means every step was exact enough.
    const a = Math.abs(rh);
    if (a > DD_MIN && a < DD_MAX) {
      SLOT[0] = rh + rl;
      return;
    }
  }
  // NaN, ±∞, ±0, or a huge or tiny result: plain binary exponentiation
  let r = 1, b = base, m = n;
  for (;;) {
    const half = Math.floor(m / 2);
    if (m !== 2 * half) r *= b;
    m = half;
    if (m === 0) break;
    b *= b;
  }
  SLOT[0] = r;
}

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
 * 1 ulp of the true value. Branch thresholds are fdlibm's high-word tests, written as equivalent
 * comparisons on `|x|`. Coefficients are written as their shortest round-trip decimals (at most 17
 * significant digits, which ECMAScript requires engines to parse exactly; the hex words are in the
 * comments). Node 20's V8 also uses fdlibm, so there these reproduce `Math.*` bit for bit, except
 * `sin`/`cos` beyond 2^20·π/2, where the reductions differ (both within 1 ulp) and `powInt`, which is
 * correctly rounded where V8's `Math.pow` is not.
 *
 * @internal
 * @module
 */

// ---------------------------------------------------------------------------------------------
// Exact access to a double's bits, and exact powers of two.

const F64 = new Float64Array(1);
const I32 = new Int32Array(F64.buffer);
/** Index of the high 32-bit word in `I32`: 1 on little-endian platforms, 0 on big-endian ones. */
const HI = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1 ? 1 : 0;

/** The high 32 bits of `x` (sign, exponent, top 20 mantissa bits), as a signed int32. */
function highWord(x: number): number {
  F64[0] = x;
  return I32[HI];
}

/** `2^k` for `k` in `[−1074, 1023]`, at index `k + 1074`: every one is exact, built by halving and doubling. */
const POW2 = /* @__PURE__ */ (() => {
  const table = new Float64Array(2098);
  let p = 1;
  for (let k = 0; k <= 1023; k++, p *= 2) table[k + 1074] = p;
  p = 1;
  for (let k = 0; k >= -1074; k--, p /= 2) table[k + 1074] = p;
  return table;
})();

// Scaling goes through this table rather than by writing exponent bits: a 32-bit store followed by
// a 64-bit load of the same double stalls the CPU's store forwarding and made log 2.5× slower.
/** `2^k` for an integer `k` in `[−1074, 1023]` (exact). */
function pow2(k: number): number {
  return POW2[k + 1074];
}

// ---------------------------------------------------------------------------------------------
// Shared constants.

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
const THREE_HALVES_LN2 = 1.0397205352783203; // 0x3FF0A2B2_00000000: below this, k = ±1
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
  const ax = Math.abs(x);
  if (!(ax < EXP_EDGE)) {
    if (x !== x) return x; // NaN
    if (x > EXP_OVERFLOW) return Infinity;
    if (x < EXP_UNDERFLOW) return 0;
  }
  let k = 0, hi = 0, lo = 0;
  if (ax >= HALF_LN2) {
    if (ax < THREE_HALVES_LN2) {
      if (x > 0) {
        hi = x - LN2_HI;
        lo = LN2_LO;
        k = 1;
      } else {
        hi = x + LN2_HI;
        lo = -LN2_LO;
        k = -1;
      }
    } else {
      k = (INV_LN2 * x + (x < 0 ? -0.5 : 0.5)) | 0; // round to nearest (C's truncating cast)
      hi = x - k * LN2_HI; // exact: k has at most 11 bits, LN2_HI 32
      lo = k * LN2_LO;
    }
    x = hi - lo;
  } else if (ax < TWO_M28) {
    return 1 + x;
  }
  const t = x * x;
  const c = x - t * (EXP_P1 + t * (EXP_P2 + t * (EXP_P3 + t * (EXP_P4 + t * EXP_P5))));
  if (k === 0) return 1 - ((x * c) / (c - 2) - x);
  const y = 1 - ((lo - (x * c) / (2 - c)) - hi);
  if (k >= -1021) return k === 1024 ? y * 2 * TWO_1023 : y * pow2(k);
  return y * pow2(k + 1000) * TWO_M1000; // one rounding, into the subnormals
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
  const ax = Math.abs(x);
  if (!(ax < EXPM1_SATURATE)) {
    if (x !== x) return x; // NaN
    if (x > EXP_OVERFLOW) return Infinity;
    if (x < 0) return -1;
  }
  let k = 0, c = 0;
  if (ax >= HALF_LN2) {
    let hi: number, lo: number;
    if (ax < THREE_HALVES_LN2) {
      if (x > 0) {
        hi = x - LN2_HI;
        lo = LN2_LO;
        k = 1;
      } else {
        hi = x + LN2_HI;
        lo = -LN2_LO;
        k = -1;
      }
    } else {
      k = (INV_LN2 * x + (x < 0 ? -0.5 : 0.5)) | 0;
      hi = x - k * LN2_HI;
      lo = k * LN2_LO;
    }
    x = hi - lo;
    c = (hi - x) - lo; // the rounding error of the reduction, carried into the result
  } else if (ax < TWO_M54) {
    return x; // also keeps the sign of −0
  }
  const hfx = 0.5 * x;
  const hxs = x * hfx;
  const r1 = 1 + hxs * (EXPM1_Q1 + hxs * (EXPM1_Q2 + hxs * (EXPM1_Q3 + hxs * (EXPM1_Q4 + hxs * EXPM1_Q5))));
  const t = 3 - r1 * hfx;
  let e = hxs * ((r1 - t) / (6 - x * t));
  if (k === 0) return x - (x * e - hxs);
  e = x * (e - c) - c;
  e -= hxs;
  if (k === -1) return 0.5 * (x - e) - 0.5;
  if (k === 1) return x < -0.25 ? -2 * (e - (x + 0.5)) : 1 + 2 * (x - e);
  if (k <= -2 || k > 56) {
    const y = 1 - (e - x);
    return (k === 1024 ? y * 2 * TWO_1023 : y * pow2(k)) - 1;
  }
  if (k < 20) return (1 - pow2(-k) - (e - x)) * pow2(k); // 1 − 2^−k is exact
  return (x - (e + pow2(-k)) + 1) * pow2(k);
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
  let hx = highWord(x);
  let k = 0;
  if (hx < 0x00100000) {
    // x < 2^−1022: zero, subnormal, negative, or a NaN with its sign bit set
    if (x === 0) return -Infinity;
    if (!(x > 0)) return NaN;
    k = -54;
    x *= TWO54;
    hx = highWord(x);
  }
  if (hx >= 0x7ff00000) return x + x; // +∞ or NaN
  // x = 2^e·(1 + f) with 1 + f in [√2/2, √2): e is the exponent, plus 1 when the mantissa ≥ √2
  const e = (hx >> 20) - 1023 + ((((hx & 0x000fffff) + 0x95f64) & 0x100000) >> 20);
  hx &= 0x000fffff;
  k += e;
  const f = x * pow2(-e) - 1; // exact scaling
  if ((0x000fffff & (2 + hx)) < 3) {
    // |f| < 2^−20: a short series suffices
    if (f === 0) return k === 0 ? 0 : k * LN2_HI + k * LN2_LO;
    const R = f * f * (0.5 - 0.3333333333333333 * f);
    return k === 0 ? f - R : k * LN2_HI - ((R - k * LN2_LO) - f);
  }
  const s = f / (2 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  const R = t2 + t1;
  if (((hx - 0x6147a) | (0x6b851 - hx)) > 0) {
    // 1 + f in (1.38, 1.58): the f²/2 form is the more accurate one there
    const hfsq = 0.5 * f * f;
    return k === 0 ? f - (hfsq - s * (hfsq + R)) : k * LN2_HI - ((hfsq - (s * (hfsq + R) + k * LN2_LO)) - f);
  }
  return k === 0 ? f - s * (f - R) : k * LN2_HI - ((s * (f - R) - k * LN2_LO) - f);
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
  let k = 1, f = 0, c = 0, hu = 0;
  if (!(x >= LOG1P_UPPER)) {
    // x < 0.41422 (or NaN)
    if (!(x > -1)) {
      if (x === -1) return -Infinity;
      return NaN; // x < −1 or NaN
    }
    const ax = Math.abs(x);
    if (ax < TWO_M29) return ax < TWO_M54 ? x : x - x * x * 0.5;
    if (x > LOG1P_LOWER) {
      // √2/2 − 1 < x < √2 − 1: the series applies to f = x directly
      k = 0;
      f = x;
      hu = 1;
    }
  } else if (x === Infinity) {
    return x;
  }
  if (k !== 0) {
    let u: number;
    if (x < TWO53) {
      u = 1 + x;
      hu = highWord(u);
      k = (hu >> 20) - 1023;
      c = k > 0 ? 1 - (u - x) : x - (u - 1); // the rounding error of 1 + x
      c /= u;
    } else {
      u = x;
      hu = highWord(u);
      k = (hu >> 20) - 1023;
      c = 0;
    }
    hu &= 0x000fffff;
    if (hu >= 0x6a09e) {
      // mantissa ≥ √2: normalise u/2 instead
      k += 1;
      hu = (0x00100000 - hu) >> 2;
    }
    f = u * pow2(-k) - 1; // exact scaling
  }
  const hfsq = 0.5 * f * f;
  if (hu === 0) {
    // |f| < 2^−20
    if (f === 0) return k === 0 ? 0 : k * LN2_HI + (c + k * LN2_LO);
    const R = hfsq * (1 - 0.6666666666666666 * f);
    return k === 0 ? f - R : k * LN2_HI - ((R - (k * LN2_LO + c)) - f);
  }
  const s = f / (2 + f);
  const z = s * s;
  const R = z * (LG1 + z * (LG2 + z * (LG3 + z * (LG4 + z * (LG5 + z * (LG6 + z * LG7))))));
  return k === 0 ? f - (hfsq - s * (hfsq + R)) : k * LN2_HI - ((hfsq - (s * (hfsq + R) + (k * LN2_LO + c))) - f);
}

// ---------------------------------------------------------------------------------------------
// tanh

/**
 * The hyperbolic tangent, within 1 ulp of the true value (fdlibm's `tanh`).
 *
 * @remarks
 * `tanh x = x` for `|x| < 2^−28`; `1 − 2/(e^(2|x|) − 1 + 2)` for `1 ≤ |x| < 22`;
 * `−t/(t + 2)` with `t = e^(−2|x|) − 1` for `|x| < 1` (both through {@link expm1}); `±1` beyond 22.
 * Odd, so `tanh(−0) = −0`; `tanh(±∞) = ±1`.
 *
 * @internal
 */
export function tanh(x: number): number {
  const ax = Math.abs(x);
  let z: number;
  if (ax < 22) {
    if (ax < TWO_M28) return x;
    if (ax >= 1) {
      z = 1 - 2 / (expm1(2 * ax) + 2);
    } else {
      const t = expm1(-2 * ax);
      z = -t / (t + 2);
    }
  } else if (ax >= 22) {
    z = 1;
  } else {
    return x; // NaN
  }
  return x < 0 ? -z : z;
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

/** sin on `[−π/4, π/4]` of `x + y` (`y` the tail of a reduced argument; `exact` when `y` is 0). */
function kernelSin(x: number, y: number, exact: boolean): number {
  const z = x * x;
  const v = z * x;
  const r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
  if (exact) return x + v * (S1 + z * r);
  return x - ((z * (0.5 * y - v * r) - y) - v * S1);
}

const COS_03 = 0.2999999523162842; // 0x3FD33333_00000000
const COS_078 = 0.7812504768371581; // 0x3FE90000_FFFFFFFF: the largest double with high word 0x3FE90000
const TWO21 = 2097152; // 2^21
const TWO22 = 4194304; // 2^22
const TWO_M23 = 1.1920928955078125e-7; // 2^−23
const TWO_M24 = 5.960464477539063e-8; // 2^−24

/** cos on `[−π/4, π/4]` of `x + y` (`y` the tail of a reduced argument). */
function kernelCos(x: number, y: number): number {
  const z = x * x;
  const r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
  if (Math.abs(x) < COS_03) return 1 - (0.5 * z - (z * r - x * y));
  // 1 − x²/2 loses bits for |x| ≥ 0.3: split 1 = (1 − qx) + qx with qx ≈ x²/8 short enough
  // (|x|/4 cut to its high word, or 0.28125) that 1 − qx is exact
  const ax = Math.abs(x);
  const qx = ax > COS_078 ? 0.28125 : ax < 0.5 ? Math.floor(ax * TWO22) * TWO_M24 : Math.floor(ax * TWO21) * TWO_M23;
  const hz = 0.5 * z - qx;
  const a = 1 - qx;
  return a - (hz - (z * r - x * y));
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

/** The reduced argument of the last {@link remPio2}: `x − n·π/2 ≈ remY0 + remY1`. */
let remY0 = 0;
let remY1 = 0;

/**
 * Reduces `x` (`|x| > π/4`, finite) to `x − n·π/2 = remY0 + remY1` with `|remY0| ≤ π/4`; returns `n`.
 * Cody–Waite with π/2 in up to three 33-bit parts (fdlibm's `__ieee754_rem_pio2`) below 2^20·π/2,
 * an exact reduction with `BigInt` beyond.
 */
function remPio2(x: number): number {
  const ax = Math.abs(x);
  if (ax < THREE_PIO4) {
    // n = ±1; π/2 to 33 + 53 bits is enough unless x is near π/2 itself
    const nearPio2 = (highWord(x) & 0x7fffffff) === 0x3ff921fb;
    if (x > 0) {
      let z = x - PIO2_1;
      if (!nearPio2) {
        remY0 = z - PIO2_1T;
        remY1 = (z - remY0) - PIO2_1T;
      } else {
        z -= PIO2_2;
        remY0 = z - PIO2_2T;
        remY1 = (z - remY0) - PIO2_2T;
      }
      return 1;
    }
    let z = x + PIO2_1;
    if (!nearPio2) {
      remY0 = z + PIO2_1T;
      remY1 = (z - remY0) + PIO2_1T;
    } else {
      z += PIO2_2;
      remY0 = z + PIO2_2T;
      remY1 = (z - remY0) + PIO2_2T;
    }
    return -1;
  }
  if (ax >= MEDIUM_EDGE) return remPio2Large(x);
  const ix = highWord(ax);
  const n = (ax * INV_PIO2 + 0.5) | 0;
  let r = ax - n * PIO2_1; // exact
  let w = n * PIO2_1T; // first round: good to 85 bits
  let y0 = r - w;
  if (n >= 32 || ix === NPIO2_HW[n - 1]) {
    // x may be close to a multiple of π/2: check how many bits the subtraction cancelled
    const j = ix >> 20;
    if (j - ((highWord(y0) >> 20) & 0x7ff) > 16) {
      // second round, good to 118 bits
      let t = r;
      w = n * PIO2_2;
      r = t - w;
      w = n * PIO2_2T - ((t - r) - w);
      y0 = r - w;
      if (j - ((highWord(y0) >> 20) & 0x7ff) > 49) {
        // third round, 151 bits: enough for every double below 2^20·π/2
        t = r;
        w = n * PIO2_3;
        r = t - w;
        w = n * PIO2_3T - ((t - r) - w);
        y0 = r - w;
      }
    }
  }
  const y1 = (r - y0) - w;
  if (x < 0) {
    remY0 = -y0;
    remY1 = -y1;
    return -n;
  }
  remY0 = y0;
  remY1 = y1;
  return n;
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
 * Exact (Payne–Hanek style) reduction for `|x| ≥ 2^20·π/2` with `BigInt`: `x = N·2^E` exactly, the
 * product `N·⌊2^1280·2/π⌋` gives `x·2/π mod 4` with ≥ 256 correct fraction bits, and the fraction
 * times π/2 (to 200 bits) is rounded once to `remY0` and once more for the tail `remY1`. Every
 * operation is exact integer arithmetic or the correctly rounded `Number(bigint)`. Slow (microseconds),
 * and never reached by bottomup's own angles.
 */
function remPio2Large(x: number): number {
  twoOverPi ??= BigInt('0x' + TWO_OVER_PI_HEX);
  pio2Scaled ??= BigInt('0x' + PIO2_200_HEX);
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
  if (x < 0) {
    remY0 = -hi * TWO_M400;
    remY1 = -lo * TWO_M400;
    return -n;
  }
  remY0 = hi * TWO_M400;
  remY1 = lo * TWO_M400;
  return n;
}

/**
 * The sine, within 1 ulp (fdlibm's `sin`): reduction by π/2 (exact for every finite `x`), then
 * degree-13 (sin) or degree-14 (cos) Remez polynomials on `[−π/4, π/4]`.
 *
 * @remarks `sin(±0) = ±0`; `sin(±∞) = NaN`.
 * @internal
 */
export function sin(x: number): number {
  const ax = Math.abs(x);
  if (ax < PIO4_EDGE) return ax < TWO_M27 ? x : kernelSin(x, 0, true);
  if (!(ax < Infinity)) return NaN;
  const n = remPio2(x);
  switch (n & 3) {
    case 0:
      return kernelSin(remY0, remY1, false);
    case 1:
      return kernelCos(remY0, remY1);
    case 2:
      return -kernelSin(remY0, remY1, false);
    default:
      return -kernelCos(remY0, remY1);
  }
}

/**
 * The cosine, within 1 ulp (fdlibm's `cos`); see {@link sin}.
 *
 * @remarks `cos(±0) = 1`; `cos(±∞) = NaN`.
 * @internal
 */
export function cos(x: number): number {
  const ax = Math.abs(x);
  if (ax < PIO4_EDGE) return ax < TWO_M27 ? 1 : kernelCos(x, 0);
  if (!(ax < Infinity)) return NaN;
  const n = remPio2(x);
  switch (n & 3) {
    case 0:
      return kernelCos(remY0, remY1);
    case 1:
      return -kernelSin(remY0, remY1, false);
    case 2:
      return -kernelCos(remY0, remY1);
    default:
      return kernelSin(remY0, remY1, false);
  }
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
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`powInt: expected a non-negative integer n, got ${n}`);
  let m = n;
  if (Number.isFinite(base) && base !== 0) {
    // r = rh + rl and b = bh + bl in double-double; bhh + bhl is Veltkamp's split of bh, so that
    // Dekker's bhh·bhh, bhh·bhl, … are exact and sum to bh·bh exactly
    let bh = base, bl = 0, rh = 1, rl = 0;
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
    if (a > DD_MIN && a < DD_MAX) return rh + rl;
    m = n; // otherwise (NaN or a huge or tiny result): the plain product below
  }
  let r = 1, b = base;
  for (;;) {
    const half = Math.floor(m / 2);
    if (m !== 2 * half) r *= b;
    m = half;
    if (m === 0) return r;
    b *= b;
  }
}

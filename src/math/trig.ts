/**
 * `sin` and `cos` (fdlibm's), with their argument reduction by π/2 (Cody–Waite), for `|x| < 1647100`
 * (2^20·π/2 rounded up, the limit of that reduction): NaN beyond. See ./slot.ts for how values travel.
 *
 * @internal
 * @module
 */
import * as fromSlot from './slot.js';
import { SLOT } from './slot.js';

// Module constants, not imported bindings, in the hot code; SLOT itself by name (see "Imports" in ./slot.ts).
const F64 = fromSlot.F64,
  HI = fromSlot.HI,
  I32 = fromSlot.I32;

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
  const x = SLOT[1],
    y = SLOT[2];
  const z = x * x;
  const v = z * x;
  const r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
  SLOT[0] = exact ? x + v * (S1 + z * r) : x - (z * (0.5 * y - v * r) - y - v * S1);
}

const COS_03 = 0.2999999523162842; // 0x3FD33333_00000000
const COS_078 = 0.7812504768371581; // 0x3FE90000_FFFFFFFF: the largest double with high word 0x3FE90000
const TWO21 = 2097152; // 2^21
const TWO22 = 4194304; // 2^22
const TWO_M23 = 1.1920928955078125e-7; // 2^−23
const TWO_M24 = 5.960464477539063e-8; // 2^−24

/** cos on `[−π/4, π/4]` of `x + y` (SLOT[1], SLOT[2]), into SLOT[0]. */
function kernelCos(): void {
  const x = SLOT[1],
    y = SLOT[2];
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
  SLOT[0] = 1 - qx - (0.5 * z - qx - (z * r - x * y));
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
  0x3ff921fb,
  0x400921fb,
  0x4012d97c,
  0x401921fb,
  0x401f6a7a,
  0x4022d97c,
  0x4025fdbb,
  0x402921fb,
  0x402c463a,
  0x402f6a7a,
  0x4031475c,
  0x4032d97c,
  0x40346b9c,
  0x4035fdbb,
  0x40378fdb,
  0x403921fb,
  0x403ab41b,
  0x403c463a,
  0x403dd85a,
  0x403f6a7a,
  0x40407e4c,
  0x4041475c,
  0x4042106c,
  0x4042d97c,
  0x4043a28c,
  0x40446b9c,
  0x404534ac,
  0x4045fdbb,
  0x4046c6cb,
  0x40478fdb,
  0x404858eb,
  0x404921fb,
);

const PIO4_EDGE = 0.7853984832763672; // 0x3FE921FC_00000000: below this no reduction (|x| ≲ π/4)
const THREE_PIO4 = 2.3561935424804688; // 0x4002D97C_00000000
const MEDIUM_EDGE = 1647100; // 0x413921FC_00000000: ≈ 2^20·π/2, the Cody–Waite limit and the domain's
const TWO_M27 = 7.450580596923828e-9; // 2^−27

/**
 * Reduces `x` = SLOT[0] (`π/4 < |x| <` {@link MEDIUM_EDGE}) to `x − n·π/2 = SLOT[1] + SLOT[2]` with
 * `|SLOT[1]| ≤ π/4`; returns `n`. Cody–Waite with π/2 in up to three 33-bit parts (fdlibm's
 * `__ieee754_rem_pio2` below 2^20·π/2; its Payne–Hanek reduction of larger arguments is left out).
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
    let z = ax - PIO2_1,
      tail = PIO2_1T;
    if (ix === 0x3ff921fb) {
      z -= PIO2_2;
      tail = PIO2_2T;
    }
    const y0 = z - tail;
    SLOT[1] = sign * y0;
    SLOT[2] = sign * (z - y0 - tail);
    return sign;
  }
  const n = (ax * INV_PIO2 + 0.5) | 0;
  const r = ax - n * PIO2_1; // exact
  const w = n * PIO2_1T; // first round: good to 85 bits
  const y0 = r - w;
  F64[0] = y0;
  // Unless x's high word differs from n·π/2's (so little can cancel), check how many bits the
  // subtraction cancelled; past 16, refine with the next parts of π/2.
  if ((n < 32 && ix !== NPIO2_HW[n - 1]) || (ix >> 20) - ((I32[HI] >> 20) & 0x7ff) <= 16) {
    SLOT[1] = sign * y0;
    SLOT[2] = sign * (r - y0 - w);
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
  w = n * PIO2_2T - (t - r - w);
  let y0 = r - w;
  F64[0] = y0;
  if (j - ((I32[HI] >> 20) & 0x7ff) > 49) {
    t = r;
    w = n * PIO2_3;
    r = t - w;
    w = n * PIO2_3T - (t - r - w);
    y0 = r - w;
  }
  SLOT[1] = sign * y0;
  SLOT[2] = sign * (r - y0 - w);
}

/**
 * The sine, within 1 ulp (fdlibm's `sin`) for `|x| < 1647100` (≈ 2^20·π/2): Cody–Waite reduction by
 * π/2 (exact in that domain), then degree-13 (sin) or degree-14 (cos) Remez polynomials on
 * `[−π/4, π/4]`.
 *
 * @remarks `sin(±0) = ±0`. `NaN` for `|x| ≥ 1647100`, `±∞` and `NaN`: bottomup's angles (Box–Muller's
 * in `[0, 2π)`, the data sets') are small, and leaving out the reduction of huge arguments keeps
 * several hundred bytes out of every bundle.
 * @internal
 */
export function sin(x: number): number {
  SLOT[0] = x;
  sinSlot();
  return SLOT[0];
}

/**
 * The cosine, within 1 ulp (fdlibm's `cos`) for `|x| < 1647100`; see {@link sin}.
 *
 * @remarks `cos(±0) = 1`. `NaN` for `|x| ≥ 1647100`, `±∞` and `NaN`.
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
  } else if (ax < MEDIUM_EDGE) {
    n += remPio2();
  } else {
    // outside the domain (and ±∞, NaN)
    SLOT[0] = Number.NaN;
    return;
  }
  if (n & 1) kernelCos();
  else kernelSin(ax < PIO4_EDGE);
  if (n & 2) SLOT[0] = -SLOT[0];
}

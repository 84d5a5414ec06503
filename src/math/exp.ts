/**
 * `exp` (fdlibm's): see ./slot.ts for how values travel and why bottomup has its own.
 *
 * @internal
 * @module
 */
import * as fromSlot from './slot.js';
import { SLOT } from './slot.js';

// Module constants, not imported bindings, in the hot code; SLOT itself by name (see "Imports" in ./slot.ts).
const EXP_OVERFLOW = fromSlot.EXP_OVERFLOW,
  HALF_LN2 = fromSlot.HALF_LN2,
  INV_LN2 = fromSlot.INV_LN2,
  LN2_HI = fromSlot.LN2_HI,
  LN2_LO = fromSlot.LN2_LO,
  POW2 = fromSlot.POW2,
  TWO_M28 = fromSlot.TWO_M28;

const EXP_P1 = 0.16666666666666602; // 0x3FC55555_5555553E
const EXP_P2 = -0.0027777777777015593; // 0xBF66C16C_16BEBD93
const EXP_P3 = 0.00006613756321437934; // 0x3F11566A_AF25DE2C
const EXP_P4 = -0.0000016533902205465252; // 0xBEBBBD41_C5D26BF1
const EXP_P5 = 4.1381367970572385e-8; // 0x3E663769_72BEA4D0
const TWO_M1000 = 9.332636185032189e-302; // 2^−1000
const TWO_1023 = 8.98846567431158e307; // 2^1023
const EXP_UNDERFLOW = -745.1332191019411; // 0xC0874910_D52D3051: below this e^x rounds to 0
const EXP_EDGE = 709.7822265625; // 0x40862E42_00000000: |x| from here needs the overflow checks

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
  let k = 0,
    hi = x,
    lo = 0;
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
  const y = 1 - (lo - (x * c) / (2 - c) - hi);
  if (k >= -1021) SLOT[0] = k === 1024 ? y * 2 * TWO_1023 : y * POW2[1074 + k];
  else SLOT[0] = y * POW2[2074 + k] * TWO_M1000; // y·2^(k+1000)·2^−1000: one rounding, into the subnormals
}

/**
 * `out[i] = e^x[i]` for every `i < out.length`, bit-identical to {@link exp}. `x` must hold at least
 * `out.length` values; `out` may be `x` (each value is read before its result is written).
 * @internal
 */
export function expInto(out: Float64Array, x: Float64Array): void {
  for (let i = 0; i < out.length; i++) {
    SLOT[0] = x[i];
    expSlot();
    out[i] = SLOT[0];
  }
}

/**
 * What bottomup's own `exp`, `expm1`, `log`, `log1p`, `tanh`, `sin`, `cos` and `powInt` (one family per
 * file in this folder) share: the SLOT calling convention, exact access to a double's bits, the `2^k`
 * table and the constants several families use. Together they are built only from operations
 * ECMAScript specifies exactly, so every engine computes the same bits.
 *
 * @remarks
 * ECMAScript leaves `Math.exp`, `Math.log`, `Math.tanh`, `Math.sin`, … "implementation-approximated":
 * engines (even two versions of V8) round them differently in the last place, which would break
 * bit-identical training across browsers and Node. These functions use only IEEE-754 `+ − × ÷`
 * (correctly rounded), `Math.abs`/`Math.floor`, int32 arithmetic, exact reads of a double's bits
 * through a typed array.
 *
 * The algorithms are Sun's fdlibm ones (as in FreeBSD's msun): argument reduction followed by a
 * minimax polynomial or rational approximation with fdlibm's published coefficients, each within
 * 1 ulp of the true value (tanh: 2 ulp). Branch thresholds are fdlibm's high-word tests, written as equivalent
 * comparisons on `|x|` or `f`. Coefficients are written as their shortest round-trip decimals (at
 * most 17 significant digits, which ECMAScript requires engines to parse exactly; the hex words are in
 * the comments). Node 20's V8 also uses fdlibm, so there these reproduce `Math.*` bit for bit, except
 * `powInt`, which is correctly rounded where V8's `Math.pow` is not. `sin`/`cos` are defined only for
 * `|x| < 1647100` (≈ 2^20·π/2, where fdlibm's Cody–Waite reduction ends) and are NaN beyond: bottomup's
 * own angles are small, and the exact reduction of huge arguments would cost every bundle ~0.5 kB.
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
//
// Imports. V8 reads an exported binding through its module's cell at every use, in the exporting
// module too, and its optimizing compiler does not fold that into a constant (even for a const); a
// module's own unexported constants it does fold. Splitting src/math.ts into these files made the
// kernels 1.1–2× slower until (a) every constant used by more than one file lived here, where no
// hot code runs, and (b) each file copied the numbers and tables it imports into module constants
// once, by property access on a namespace import (which bundlers resolve statically, so
// tree-shaking is unaffected):
//
//   import * as fromSlot from './slot.js';
//   const LN2_HI = fromSlot.LN2_HI, POW2 = fromSlot.POW2;
//
// SLOT and the kernels themselves are the exceptions, imported by name. In a bundle (dist/) every
// file's copy becomes a variable of its own, and values pass between kernels through SLOT: with
// one SLOT variable the optimizer sees the same array on both sides of an inlined kernel call and
// forwards the stored double; with a copy per file it cannot (bundled sigmoidInto was 20% slower).
// (Copying a kernel gains nothing: V8 inlines calls by their feedback whatever the binding.)

/** Argument and result of the kernels (index 0), and the doubles they hand to each other (1–3). @internal */
export const SLOT = new Float64Array(4);

// Exact access to a double's bits: write it as a double, read its high word as an int32.
/** A one-double scratch for exact bit access, through {@link I32}. @internal */
export const F64 = new Float64Array(1);
/** `F64`'s two 32-bit words. @internal */
export const I32 = new Int32Array(F64.buffer);
/** Index of the high 32-bit word in `I32`: 1 on little-endian platforms, 0 on big-endian ones. @internal */
export const HI = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1 ? 1 : 0;

/**
 * `2^k` at index `1074 + k`, for `k` in `[−1074, 1023]`; every entry is exact (built by halving and
 * doubling). Scaling by `2^k` multiplies by an entry rather than writing exponent bits: a 32-bit store
 * followed by a 64-bit load of the same double stalls the CPU's store forwarding (log was 2.5× slower).
 *
 * @internal
 */
export const POW2 = /* @__PURE__ */ (() => {
  const table = new Float64Array(2098);
  let p = 1;
  for (let k = 0; k <= 1023; k++, p *= 2) table[1074 + k] = p;
  p = 1;
  for (let k = 0; k >= -1074; k--, p /= 2) table[1074 + k] = p;
  return table;
})();

// ---------------------------------------------------------------------------------------------
// Constants of more than one file. (Special results use Number.POSITIVE_INFINITY and Number.NaN, which V8 folds to
// constants, rather than the globals Infinity and NaN.)

export const LN2_HI = 0.6931471803691238; // 0x3FE62E42_FEE00000: ln 2's top 32 bits, so k·LN2_HI is exact
export const LN2_LO = 1.9082149292705877e-10; // 0x3DEA39EF_35793C76: ln 2 − LN2_HI
export const INV_LN2 = 1.4426950408889634; // 0x3FF71547_652B82FE
export const EXP_OVERFLOW = 709.782712893384; // 0x40862E42_FEFA39EF: above this e^x overflows
export const HALF_LN2 = 0.3465735912322998; // 0x3FD62E43_00000000: |x| ≥ this needs reduction
export const TWO_M28 = 3.725290298461914e-9; // 2^−28
export const TWO_M54 = 5.551115123125783e-17; // 2^−54
export const TWO53 = 9007199254740992; // 2^53

// expm1's coefficients (tanhInto inlines expm1) and log's (log1p's series uses them too)
export const EXPM1_Q1 = -0.03333333333333313; // 0xBFA11111_111110F4
export const EXPM1_Q2 = 0.0015873015872548146; // 0x3F5A01A0_19FE5585
export const EXPM1_Q3 = -0.0000793650757867488; // 0xBF14CE19_9EAADBB7
export const EXPM1_Q4 = 0.000004008217827329362; // 0x3ED0CFCA_86E65239
export const EXPM1_Q5 = -2.0109921818362437e-7; // 0xBE8AFDB7_6E09C32D
export const LG1 = 0.6666666666666735; // 0x3FE55555_55555593
export const LG2 = 0.3999999999940942; // 0x3FD99999_9997FA04
export const LG3 = 0.2857142874366239; // 0x3FD24924_94229359
export const LG4 = 0.22222198432149784; // 0x3FCC71C5_1D8E78AF
export const LG5 = 0.1818357216161805; // 0x3FC74664_96CB03DE
export const LG6 = 0.15313837699209373; // 0x3FC39A09_D078C69F
export const LG7 = 0.14798198605116586; // 0x3FC2F112_DF3E5244

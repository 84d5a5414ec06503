/**
 * The matrix-multiply engine behind `matmul` and its transposed variants: operands are packed into
 * 4-wide panels and multiplied by one 4×4 register-blocked micro-kernel, blocked for the caches.
 * Two implementations of that one algorithm: a WebAssembly SIMD kernel (`gemm.wat`, two f64x2 lanes
 * per tile row) wherever WebAssembly with SIMD is available and allowed, and the JS kernel below,
 * for the rest and for products too small to repay the copies.
 *
 * Every output element is summed in increasing `p` order starting from 0 (or from the old value of
 * `C` when accumulating), whatever the blocking, so `A·B`, `Aᵀ·B` and `A·Bᵀ` give bit-identical
 * results to a plain triple loop over the same operands — on either kernel: SIMD lanes hold
 * different output elements, and neither kernel fuses a multiply-add.
 *
 * @internal
 * @module
 */
import { GEMM_WASM } from './gemm-wasm.js';

/** Depth of a k-block: a packed B panel of `KC × 4` doubles (8 KiB) stays in L1. */
const KC = 256;
/** Rows of A packed per block: `MC × KC` doubles (256 KiB) stay in L2. */
const MC = 128;

const packedA = new Float64Array(MC * KC);
const packedB = new Float64Array(KC * 4);
/** An edge tile (fewer than 4 rows or columns of C), staged here as a whole 4×4 one, without allocation. */
const edge = new Float64Array(16);

/**
 * Packs `lanes` (a multiple of 4) lanes `l0 ..` of a matrix, depths `p0 .. p0+kc`, into `P`, 4 lanes
 * at a time, interleaved: `P[block*4*kc + p*4 + r]`. Element (lane `l`, depth `p`) is `S[l*ls + p*ds]`;
 * lanes from `valid` on are padded with zeros. The rows of op(A) are lanes (A `(m, k)`: `ls = k`,
 * `ds = 1`; stored `(k, m)`: `ls = 1`, `ds = m`), and so are the columns of op(B) (B `(k, n)`:
 * `ls = 1`, `ds = n`; stored `(n, k)`: `ls = k`, `ds = 1`).
 */
function pack(
  P: Float64Array,
  S: Float64Array,
  ls: number,
  ds: number,
  l0: number,
  valid: number,
  lanes: number,
  p0: number,
  kc: number,
): void {
  for (let l = 0; l < lanes; l++) {
    const i = l0 + l;
    let q = (l >> 2) * 4 * kc + (l & 3);
    if (i >= valid) for (let p = 0; p < kc; p++, q += 4) P[q] = 0;
    else for (let p = 0, s = i * ls + p0 * ds; p < kc; p++, q += 4, s += ds) P[q] = S[s];
  }
}

/**
 * The 4×4 micro-kernel: `C[cOff.., 4 × 4] (+)= Σ_p packedA[aOff + 4p + r] · packedB[4p + c]` (row
 * stride `ldc`). Sixteen accumulators live in registers; each is initialised from `C` when `load`
 * (continuing a running sum) or from 0. When `bias` is given (on the last k-block), row `r`'s
 * finished sums get `bias[bOff + r]` (for the `rows` valid rows) added before the store: the fused
 * `+ b` of `W·A + b`, in the same order as adding it afterwards. Edge tiles run on {@link edge}.
 */
function micro(
  aOff: number,
  kc: number,
  C: Float64Array,
  ldc: number,
  cOff: number,
  rows: number,
  load: boolean,
  bias: Float64Array | null,
  bOff: number,
): void {
  const Ap = packedA;
  const Bp = packedB;
  let c00 = 0,
    c01 = 0,
    c02 = 0,
    c03 = 0;
  let c10 = 0,
    c11 = 0,
    c12 = 0,
    c13 = 0;
  let c20 = 0,
    c21 = 0,
    c22 = 0,
    c23 = 0;
  let c30 = 0,
    c31 = 0,
    c32 = 0,
    c33 = 0;
  let o = cOff;
  if (load) {
    c00 = C[o];
    c01 = C[o + 1];
    c02 = C[o + 2];
    c03 = C[o + 3];
    o += ldc;
    c10 = C[o];
    c11 = C[o + 1];
    c12 = C[o + 2];
    c13 = C[o + 3];
    o += ldc;
    c20 = C[o];
    c21 = C[o + 1];
    c22 = C[o + 2];
    c23 = C[o + 3];
    o += ldc;
    c30 = C[o];
    c31 = C[o + 1];
    c32 = C[o + 2];
    c33 = C[o + 3];
  }
  for (let p = 0, a = aOff, b = 0; p < kc; p++, a += 4, b += 4) {
    const b0 = Bp[b],
      b1 = Bp[b + 1],
      b2 = Bp[b + 2],
      b3 = Bp[b + 3];
    const a0 = Ap[a],
      a1 = Ap[a + 1],
      a2 = Ap[a + 2],
      a3 = Ap[a + 3];
    c00 += a0 * b0;
    c01 += a0 * b1;
    c02 += a0 * b2;
    c03 += a0 * b3;
    c10 += a1 * b0;
    c11 += a1 * b1;
    c12 += a1 * b2;
    c13 += a1 * b3;
    c20 += a2 * b0;
    c21 += a2 * b1;
    c22 += a2 * b2;
    c23 += a2 * b3;
    c30 += a3 * b0;
    c31 += a3 * b1;
    c32 += a3 * b2;
    c33 += a3 * b3;
  }
  if (bias !== null) {
    const v0 = bias[bOff];
    const v1 = rows > 1 ? bias[bOff + 1] : 0;
    const v2 = rows > 2 ? bias[bOff + 2] : 0;
    const v3 = rows > 3 ? bias[bOff + 3] : 0;
    c00 += v0;
    c01 += v0;
    c02 += v0;
    c03 += v0;
    c10 += v1;
    c11 += v1;
    c12 += v1;
    c13 += v1;
    c20 += v2;
    c21 += v2;
    c22 += v2;
    c23 += v2;
    c30 += v3;
    c31 += v3;
    c32 += v3;
    c33 += v3;
  }
  o = cOff;
  C[o] = c00;
  C[o + 1] = c01;
  C[o + 2] = c02;
  C[o + 3] = c03;
  o += ldc;
  C[o] = c10;
  C[o + 1] = c11;
  C[o + 2] = c12;
  C[o + 3] = c13;
  o += ldc;
  C[o] = c20;
  C[o + 1] = c21;
  C[o + 2] = c22;
  C[o + 3] = c23;
  o += ldc;
  C[o] = c30;
  C[o + 1] = c31;
  C[o + 2] = c32;
  C[o + 3] = c33;
}

/**
 * `C = op(A)·op(B)` (op = transpose when `transA`/`transB`; `C += …` when `accumulate`), plus
 * `bias·1ᵀ` when `bias` is given, with `op(A)` of shape `(m, k)`, `op(B)` of shape `(k, n)`, `C` of
 * shape `(m, n)` and `bias` of length `m`, all row-major. Shapes are the caller's responsibility.
 */
export function gemm(
  C: Float64Array,
  A: Float64Array,
  transA: boolean,
  B: Float64Array,
  transB: boolean,
  m: number,
  k: number,
  n: number,
  accumulate: boolean,
  bias: Float64Array | null = null,
): void {
  if (k > 0 && m * k * n >= wasmMinWork) {
    if (hook?.(C, A, transA, B, transB, m, k, n, accumulate, bias)) return;
    const wasm = engine();
    if (wasm !== null) {
      gemmWasm(wasm, C, A, transA, B, transB, m, k, n, accumulate, bias);
      return;
    }
  }
  gemmJs(C, A, transA, B, transB, m, k, n, accumulate, bias);
}

/** A product taken over by `bottomup/parallel` (split across threads); returns whether it computed it. */
export type GemmHook = (
  C: Float64Array,
  A: Float64Array,
  transA: boolean,
  B: Float64Array,
  transB: boolean,
  m: number,
  k: number,
  n: number,
  accumulate: boolean,
  bias: Float64Array | null,
) => boolean;

/** `bottomup/parallel`'s engine while it runs: offered every product {@link gemm} would run on WebAssembly. */
let hook: GemmHook | null = null;

/**
 * Routes later products through `h` first (`null`: none), for `bottomup/parallel`, which imports the
 * core as the package and sets it there.
 *
 * @internal
 */
export function setGemmHook(h: GemmHook | null): void {
  hook = h;
}

/**
 * {@link gemm} on the JS kernel only, whatever the size: the same bits, without the WebAssembly
 * engine (for `bottomup/predict`, whose budget has no room for it).
 */
export function gemmJs(
  C: Float64Array,
  A: Float64Array,
  transA: boolean,
  B: Float64Array,
  transB: boolean,
  m: number,
  k: number,
  n: number,
  accumulate: boolean,
  bias: Float64Array | null = null,
): void {
  if (k === 0) {
    if (!accumulate) C.fill(0, 0, m * n);
    if (bias !== null) for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) C[i * n + j] += bias[i];
    return;
  }
  for (let p0 = 0; p0 < k; p0 += KC) {
    const kc = Math.min(KC, k - p0);
    const load = accumulate || p0 > 0;
    const lastBias = p0 + kc === k ? bias : null;
    for (let i0 = 0; i0 < m; i0 += MC) {
      const mc = Math.min(MC, m - i0);
      const mcPadded = (mc + 3) & ~3;
      pack(packedA, A, transA ? 1 : k, transA ? m : 1, i0, m, mcPadded, p0, kc);
      for (let j0 = 0; j0 < n; j0 += 4) {
        const cols = Math.min(4, n - j0);
        pack(packedB, B, transB ? k : 1, transB ? 1 : n, j0, n, 4, p0, kc);
        for (let ib = 0; ib < mc; ib += 4) {
          const rows = Math.min(4, mc - ib);
          const c = (i0 + ib) * n + j0;
          if (rows === 4 && cols === 4) micro(ib * kc, kc, C, n, c, 4, load, lastBias, i0 + ib);
          else {
            // Edge tile: staged in `edge` (padding rows/columns hold products with zeros), valid corner copied back.
            const T = edge;
            if (load) {
              T.fill(0);
              for (let r = 0; r < rows; r++) for (let q = 0; q < cols; q++) T[r * 4 + q] = C[c + r * n + q];
            }
            micro(ib * kc, kc, T, 4, 0, rows, load, lastBias, i0 + ib);
            for (let r = 0; r < rows; r++) for (let q = 0; q < cols; q++) C[c + r * n + q] = T[r * 4 + q];
          }
        }
      }
    }
  }
}

// ----------------------------------------------------------------------------------------------
// The WebAssembly SIMD engine (gemm.wat): the same blocking and 4×4 tiles, two f64x2 lanes per
// tile row. Lanes hold different output elements, each still one running sum in increasing p, so
// its results are bit-identical to the JS kernel's. Operands are copied into its fixed-size memory
// (whole, with `set`, when they fit; in 512³ chunks otherwise) and C copied back out. It is
// instantiated synchronously on the first product that uses it (a module this small may compile
// synchronously even on a browser's main thread), never at import.

/**
 * Products with fewer multiply-adds `m·k·n` than this stay on the JS kernel: below about a hundred,
 * the WebAssembly call and copies (~0.1 µs) cost more than its speed saves (measured on Node 20).
 */
const WASM_MIN_WORK = 100;
/** Chunk edge for products whose operands do not fit the engine's memory at once. */
const CHUNK = 512;

/** The engine's export: `gemm(m, k, n, a, ars, aps, b, bps, bcs, c, bias, flags)`, see gemm.wat. */
type WasmGemm = (...args: number[]) => void;

/** The engine; `undefined` until first tried, `null` when WebAssembly or SIMD is unavailable or refused. */
let run: WasmGemm | null | undefined;
/** All of the engine's memory (it never grows, so this view stays valid). */
let heap: Float64Array;
/** Index in `heap` where operands start: C first, always at the same place, so its views can be kept. */
let base: number;
/** Views of C's place in `heap`, by length, for copying C out without allocating. */
let views: Map<number, Float64Array>;
/** Products of at least this many multiply-adds `m·k·n` go to the WebAssembly engine. */
let wasmMinWork = WASM_MIN_WORK;

/**
 * Chooses the engine for later products: `'auto'` (WebAssembly from {@link WASM_MIN_WORK}
 * multiply-adds up, when it is available), `'js'` (always the JS kernel), or `'wasm'` (WebAssembly
 * for every product, when available). Tests run the matrix suites all three ways.
 *
 * @returns whether products (of enough work) now run on WebAssembly.
 * @internal
 */
export function setGemmEngine(mode: 'auto' | 'js' | 'wasm'): boolean {
  wasmMinWork = mode === 'js' ? Infinity : mode === 'wasm' ? 0 : WASM_MIN_WORK;
  return mode !== 'js' && engine() !== null;
}

function engine(): WasmGemm | null {
  if (run === undefined) {
    run = null;
    try {
      const bytes = Uint8Array.from(GEMM_WASM.match(/../g) ?? [], (h) => parseInt(h, 16));
      if (WebAssembly.validate(bytes)) {
        const e = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports;
        heap = new Float64Array((e.memory as WebAssembly.Memory).buffer);
        base = (e.base as WebAssembly.Global).value / 8;
        views = new Map();
        run = e.gemm as WasmGemm;
      }
    } catch {
      // No WebAssembly, no SIMD, or compilation refused (a CSP without 'wasm-unsafe-eval'): stay on JS.
    }
  }
  return run;
}

/**
 * Copies an `nr × nc` block from `S` (from index `s`, row stride `lds`) to `D` (from `d`, row stride
 * `ldd`): one `set` when the block is all of `S`, laid out alike.
 */
export function copy(
  D: Float64Array,
  d: number,
  ldd: number,
  S: Float64Array,
  s: number,
  lds: number,
  nr: number,
  nc: number,
): void {
  if (nr * nc === S.length && ldd === nc) {
    D.set(S, d);
    return;
  }
  for (let r = 0; r < nr; r++, d += ldd, s += lds) for (let q = 0; q < nc; q++) D[d + q] = S[s + q];
}

/** `x` rounded up to a multiple of 4. */
export const pad = (x: number): number => (x + 3) & ~3;

/**
 * What {@link blocked} does with each block of a product: the single-thread engine runs the kernel on
 * it; `bottomup/parallel` splits it across its threads. @internal
 */
export interface BlockRunner {
  /** Before block `(i0, j0)`'s first k-chunk (`mb × nb` of `C`, row stride `n`): with `accumulate`, C's block in. */
  begin(C: Float64Array, n: number, i0: number, j0: number, mb: number, nb: number, accumulate: boolean): void;
  /** One k-chunk with its operands in memory: the kernel's arguments (byte offsets and strides, gemm.wat). */
  chunk(
    mb: number,
    kb: number,
    nb: number,
    a: number,
    ars: number,
    aps: number,
    b: number,
    bps: number,
    bcs: number,
    c: number,
    bias: number,
    flags: number,
  ): void;
  /** After block `(i0, j0)`'s last k-chunk: C's block out. */
  end(C: Float64Array, n: number, i0: number, j0: number, mb: number, nb: number): void;
}

/**
 * `C = op(A)·op(B)` (`+=` when `accumulate`) `+ bias·1ᵀ` through engine memory `H` (operands from
 * index `base`, C first at `base`), block by block, `run` doing the work: the whole product at once
 * when it fits (C padded to whole 4×4 tiles, the bias and 3 readable numbers after it), else chunks of
 * 512³, C staying in memory across a chunk's k. @internal
 */
export function blocked(
  H: Float64Array,
  base: number,
  C: Float64Array,
  A: Float64Array,
  transA: boolean,
  B: Float64Array,
  transB: boolean,
  m: number,
  k: number,
  n: number,
  accumulate: boolean,
  bias: Float64Array | null,
  run: BlockRunner,
): void {
  const whole = pad(m) * pad(n) + m * k + k * n + m + 3 <= H.length - base;
  const MB = whole ? m : Math.min(CHUNK, m),
    NB = whole ? n : Math.min(CHUNK, n),
    KB = whole ? k : Math.min(CHUNK, k);
  const c = base,
    a = c + pad(MB) * pad(NB),
    b = a + MB * KB,
    bi = b + KB * NB;
  for (let i0 = 0; i0 < m; i0 += MB) {
    const mb = Math.min(MB, m - i0);
    if (bias !== null) copy(H, bi, 1, bias, i0, 1, mb, 1);
    for (let j0 = 0; j0 < n; j0 += NB) {
      const nb = Math.min(NB, n - j0);
      run.begin(C, n, i0, j0, mb, nb, accumulate);
      for (let p0 = 0; p0 < k; p0 += KB) {
        const kb = Math.min(KB, k - p0);
        // Blocks are copied as stored: op(A)'s (i, p) is A[i][p], or A[p][i] when transposed.
        if (transA) copy(H, a, mb, A, p0 * m + i0, m, kb, mb);
        else copy(H, a, kb, A, i0 * k + p0, k, mb, kb);
        if (transB) copy(H, b, kb, B, j0 * k + p0, k, nb, kb);
        else copy(H, b, nb, B, p0 * n + j0, n, kb, nb);
        // flag 4: a thin op(A) (at most 16 rows: each B panel serves at most 4 tiles) reads op(B)'s rows
        // in place instead of packing them (measured 1.25–2× faster on such products; from 24 rows on,
        // wide B rows alias in L1 and packing pays again).
        const flags =
          (accumulate || p0 > 0 ? 1 : 0) | (bias !== null && p0 + kb === k ? 2 : 0) | (!transB && mb <= 16 ? 4 : 0);
        run.chunk(
          mb,
          kb,
          nb,
          a * 8,
          transA ? 8 : kb * 8,
          transA ? mb * 8 : 8,
          b * 8,
          transB ? 8 : nb * 8,
          transB ? kb * 8 : 8,
          c * 8,
          bi * 8,
          flags,
        );
      }
      run.end(C, n, i0, j0, mb, nb);
    }
  }
}

/** The single-thread engine's {@link BlockRunner}: C's blocks at `base` (row stride ⌈nb/4⌉·4), the kernel here. */
class HereRunner implements BlockRunner {
  kernel: WasmGemm | null = null;

  begin(C: Float64Array, n: number, i0: number, j0: number, mb: number, nb: number, accumulate: boolean): void {
    if (accumulate) copy(heap, base, pad(nb), C, i0 * n + j0, n, mb, nb);
  }

  chunk(
    mb: number,
    kb: number,
    nb: number,
    a: number,
    ars: number,
    aps: number,
    b: number,
    bps: number,
    bcs: number,
    c: number,
    bias: number,
    flags: number,
  ): void {
    (this.kernel as WasmGemm)(mb, kb, nb, a, ars, aps, b, bps, bcs, c, bias, flags);
  }

  end(C: Float64Array, n: number, i0: number, j0: number, mb: number, nb: number): void {
    const ldc = pad(nb);
    if (ldc === nb && mb * nb === C.length) {
      // All of C, laid out alike: one `set` from a view kept per length (no allocation once seen).
      let view = views.get(C.length);
      if (view === undefined) {
        if (views.size > 32) views.clear();
        view = heap.subarray(base, base + C.length);
        views.set(C.length, view);
      }
      C.set(view);
    } else {
      copy(C, i0 * n + j0, n, heap, base, ldc, mb, nb);
    }
  }
}
const here = new HereRunner();

function gemmWasm(
  gemm: WasmGemm,
  C: Float64Array,
  A: Float64Array,
  transA: boolean,
  B: Float64Array,
  transB: boolean,
  m: number,
  k: number,
  n: number,
  accumulate: boolean,
  bias: Float64Array | null,
): void {
  here.kernel = gemm;
  blocked(heap, base, C, A, transA, B, transB, m, k, n, accumulate, bias, here);
}

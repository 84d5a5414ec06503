/**
 * Allocation-free kernels: each `xxxInto(out, …)` checks shapes, writes its result into `out` and
 * returns `out`. They allocate nothing, so training loops can reuse buffers. Elementwise kernels
 * accept `out` aliasing an input exactly (`addInto(a, a, b)` updates `a` in place) but refuse an `out` that
 * partly overlaps one (a shifted `subarray` view) with a `RangeError`; kernels that read an input after
 * writing `out` (matmul, transpose) refuse any sharing. Every kernel checks that each matrix's `data`
 * holds `rows·cols` values (a transferred buffer holds none).
 *
 * @module
 */
import { ShapeError, fmtShape } from '../errors.js';
import { gemm } from './gemm.js';
import { checkSameShape, checkSize } from '../validate/values.js';
import type { MatrixView } from './view.js';

/** `out` shaped `(rows, cols)` with its data all there; `a`'s data all there. @internal */
export function checkOut(op: string, out: MatrixView, rows: number, cols: number, a?: MatrixView): void {
  if (out.rows !== rows || out.cols !== cols) {
    throw new ShapeError(`${op}: expected out ${fmtShape(rows, cols)}, got out ${fmtShape(out)}`);
  }
  checkSize(op, 'out', out);
  if (a !== undefined) checkSize(op, 'a', a);
}

function overlaps(x: Float64Array, y: Float64Array): boolean {
  return (
    x.buffer === y.buffer &&
    x.byteOffset < y.byteOffset + y.byteLength &&
    y.byteOffset < x.byteOffset + x.byteLength &&
    x.length > 0 &&
    y.length > 0
  );
}

/**
 * An elementwise kernel may write over an input exactly (the same elements) but not over a shifted
 * view of it: element `i` would overwrite an input element read later. @internal
 */
export function checkInPlace(op: string, out: MatrixView, a: MatrixView, name = 'a'): void {
  const x = out.data,
    y = a.data;
  if (overlaps(x, y) && (x.byteOffset !== y.byteOffset || x.length !== y.length)) {
    throw new RangeError(
      `${op}: expected out to be ${name} itself or apart from it, got out partly overlapping ${name} (a shifted view)`,
    );
  }
}

/** @internal */
export function checkNoAlias(op: string, out: MatrixView, a: MatrixView, b?: MatrixView): void {
  if (overlaps(out.data, a.data)) {
    throw new RangeError(`${op}: expected out to be distinct from the inputs, got out sharing memory with a`);
  }
  if (b !== undefined && overlaps(out.data, b.data)) {
    throw new RangeError(`${op}: expected out to be distinct from the inputs, got out sharing memory with b`);
  }
}

// ----------------------------------------------------------------------------------------------
// Products

/** @internal */
export function checkMatmul(op: string, a: MatrixView, b: MatrixView, transA: boolean, transB: boolean): void {
  const inner = transA ? a.rows : a.cols;
  const bInner = transB ? b.cols : b.rows;
  if (inner !== bInner) {
    const aSide = transA ? 'a.rows' : 'a.cols';
    const bSide = transB ? 'b.cols' : 'b.rows';
    throw new ShapeError(`${op}: expected ${bSide} === ${aSide} (${inner}), got a ${fmtShape(a)} and b ${fmtShape(b)}`);
  }
  checkSize(op, 'a', a);
  checkSize(op, 'b', b);
}

/** @internal */
export function matmulUnchecked<M extends MatrixView>(
  out: M,
  a: MatrixView,
  b: MatrixView,
  transA: boolean,
  transB: boolean,
  accumulate: boolean,
  bias: MatrixView | null = null,
): M {
  const m = transA ? a.cols : a.rows;
  const k = transA ? a.rows : a.cols;
  const n = transB ? b.rows : b.cols;
  gemm(out.data, a.data, transA, b.data, transB, m, k, n, accumulate, bias === null ? null : bias.data);
  return out;
}

function matmulChecked<M extends MatrixView>(
  op: string,
  out: M,
  a: MatrixView,
  b: MatrixView,
  transA: boolean,
  transB: boolean,
  accumulate: boolean,
): M {
  checkMatmul(op, a, b, transA, transB);
  checkOut(op, out, transA ? a.cols : a.rows, transB ? b.rows : b.cols);
  checkNoAlias(op, out, a, b);
  return matmulUnchecked(out, a, b, transA, transB, accumulate);
}

/**
 * Matrix product `out = A·B` (or `out += A·B` when `accumulate`).
 *
 * @remarks
 * Register-blocked and cache-blocked; each element is summed in increasing `k` order, so the result
 * is bit-identical to a plain triple loop and to {@link matmulTransposeAInto} on an explicit transpose.
 *
 * **Shape:** `A (m, k)`, `B (k, n)`, `out (m, n)`.
 *
 * @param out - the destination; must not share memory with `a` or `b`.
 * @param a - the left factor `A`.
 * @param b - the right factor `B`.
 * @param accumulate - add the product to `out` instead of overwriting it (for gradient accumulation).
 * @returns `out`.
 * @throws {@link ShapeError} when `b.rows !== a.cols` or `out` is not `(a.rows, b.cols)`.
 * @throws RangeError when `out` aliases `a` or `b`.
 *
 * @example
 * ```ts
 * import { Matrix, matmulInto } from 'bottomup';
 * const out = Matrix.zeros(1, 1);
 * matmulInto(out, Matrix.from([[1, 2]]), Matrix.from([[3], [4]])).toArray(); //=> [[11]]
 * ```
 */
export function matmulInto<M extends MatrixView>(out: M, a: MatrixView, b: MatrixView, accumulate = false): M {
  return matmulChecked('matmulInto', out, a, b, false, false, accumulate);
}

/**
 * Product with the left factor transposed, `out = Aᵀ·B`, without materialising `Aᵀ` — the backward
 * pass's `dA[l-1] = W[l]ᵀ·dZ[l]`.
 *
 * @remarks
 * **Shape:** `A (k, m)`, `B (k, n)`, `out (m, n)`. Bit-identical to `matmulInto(out, Aᵀ, B)`.
 *
 * @param out - the destination; must not share memory with `a` or `b`.
 * @param a - `A`, used transposed.
 * @param b - `B`.
 * @param accumulate - add to `out` instead of overwriting it.
 * @returns `out`.
 * @throws {@link ShapeError} when `b.rows !== a.rows` or `out` is not `(a.cols, b.cols)`.
 * @throws RangeError when `out` aliases `a` or `b`.
 *
 * @example
 * ```ts
 * import { Matrix, matmulTransposeAInto } from 'bottomup';
 * const out = Matrix.zeros(2, 1);
 * matmulTransposeAInto(out, Matrix.from([[1, 2]]), Matrix.from([[3]])).toArray(); //=> [[3], [6]]
 * ```
 */
export function matmulTransposeAInto<M extends MatrixView>(
  out: M,
  a: MatrixView,
  b: MatrixView,
  accumulate = false,
): M {
  return matmulChecked('matmulTransposeAInto', out, a, b, true, false, accumulate);
}

/**
 * Product with the right factor transposed, `out = A·Bᵀ`, without materialising `Bᵀ` — the backward
 * pass's `dW[l] = dZ[l]·A[l-1]ᵀ`.
 *
 * @remarks
 * **Shape:** `A (m, k)`, `B (n, k)`, `out (m, n)`. Bit-identical to `matmulInto(out, A, Bᵀ)`.
 *
 * @param out - the destination; must not share memory with `a` or `b`.
 * @param a - `A`.
 * @param b - `B`, used transposed.
 * @param accumulate - add to `out` instead of overwriting it (how `Dense` accumulates `dW`).
 * @returns `out`.
 * @throws {@link ShapeError} when `b.cols !== a.cols` or `out` is not `(a.rows, b.rows)`.
 * @throws RangeError when `out` aliases `a` or `b`.
 *
 * @example
 * ```ts
 * import { Matrix, matmulTransposeBInto } from 'bottomup';
 * const out = Matrix.zeros(1, 1);
 * matmulTransposeBInto(out, Matrix.from([[1, 2]]), Matrix.from([[3, 4]])).toArray(); //=> [[11]]
 * ```
 */
export function matmulTransposeBInto<M extends MatrixView>(
  out: M,
  a: MatrixView,
  b: MatrixView,
  accumulate = false,
): M {
  return matmulChecked('matmulTransposeBInto', out, a, b, false, true, accumulate);
}

/** @internal */
export function transposeUnchecked<M extends MatrixView>(out: M, a: MatrixView): M {
  const A = a.data,
    O = out.data,
    r = a.rows,
    c = a.cols;
  // Blocked so both the reads and the writes stay within a few cache lines.
  for (let i0 = 0; i0 < r; i0 += 32) {
    const i1 = Math.min(r, i0 + 32);
    for (let j0 = 0; j0 < c; j0 += 32) {
      const j1 = Math.min(c, j0 + 32);
      for (let i = i0; i < i1; i++) {
        for (let j = j0, s = i * c + j0; j < j1; j++, s++) O[j * r + i] = A[s];
      }
    }
  }
  return out;
}

/**
 * Transpose, `out = Aᵀ`.
 *
 * @remarks **Shape:** `A (m, n)`, `out (n, m)`.
 *
 * @param out - the destination; must not share memory with `a`.
 * @param a - the matrix to transpose.
 * @returns `out`.
 * @throws {@link ShapeError} when `out` is not `(a.cols, a.rows)`.
 * @throws RangeError when `out` aliases `a`.
 *
 * @example
 * ```ts
 * import { Matrix, transposeInto } from 'bottomup';
 * transposeInto(Matrix.zeros(2, 1), Matrix.from([[1, 2]])).toArray(); //=> [[1], [2]]
 * ```
 */
export function transposeInto<M extends MatrixView>(out: M, a: MatrixView): M {
  checkOut('transposeInto', out, a.cols, a.rows, a);
  checkNoAlias('transposeInto', out, a);
  return transposeUnchecked(out, a);
}

// ----------------------------------------------------------------------------------------------
// Elementwise

/** @internal */
export function checkBinary(op: string, out: MatrixView, a: MatrixView, b: MatrixView): void {
  checkSameShape(op, a, b);
  checkUnary(op, out, a);
  checkSize(op, 'b', b);
  checkInPlace(op, out, b, 'b');
}

/** `out` shaped like `a`, each whole, and `out` either `a` itself or apart from it. @internal */
export function checkUnary(op: string, out: MatrixView, a: MatrixView): void {
  checkOut(op, out, a.rows, a.cols, a);
  checkInPlace(op, out, a);
}

/**
 * Elementwise sum, `out = A + B`. `out` may alias `a` or `b`.
 *
 * @remarks **Shape:** `A`, `B` and `out` all `(m, n)`.
 * @param out - the destination.
 * @param a - `A`.
 * @param b - `B`.
 * @returns `out`.
 * @throws {@link ShapeError} when the shapes differ.
 * @example
 * ```ts
 * import { Matrix, addInto } from 'bottomup';
 * const a = Matrix.from([[1, 2]]);
 * addInto(a, a, Matrix.from([[10, 20]])).toArray(); //=> [[11, 22]]
 * ```
 */
export function addInto<M extends MatrixView>(out: M, a: MatrixView, b: MatrixView): M {
  checkBinary('addInto', out, a, b);
  const O = out.data,
    A = a.data,
    B = b.data;
  for (let i = 0; i < O.length; i++) O[i] = A[i] + B[i];
  return out;
}

/**
 * Elementwise difference, `out = A − B`. `out` may alias `a` or `b`.
 *
 * @remarks **Shape:** `A`, `B` and `out` all `(m, n)`.
 * @param out - the destination.
 * @param a - `A`.
 * @param b - `B`.
 * @returns `out`.
 * @throws {@link ShapeError} when the shapes differ.
 * @example
 * ```ts
 * import { Matrix, subInto } from 'bottomup';
 * subInto(Matrix.zeros(1, 2), Matrix.from([[5, 5]]), Matrix.from([[1, 2]])).toArray(); //=> [[4, 3]]
 * ```
 */
export function subInto<M extends MatrixView>(out: M, a: MatrixView, b: MatrixView): M {
  checkBinary('subInto', out, a, b);
  const O = out.data,
    A = a.data,
    B = b.data;
  for (let i = 0; i < O.length; i++) O[i] = A[i] - B[i];
  return out;
}

/**
 * Elementwise (Hadamard) product, `out = A ⊙ B` — e.g. `dZ = dA ⊙ g′(Z)`. `out` may alias `a` or `b`.
 *
 * @remarks **Shape:** `A`, `B` and `out` all `(m, n)`.
 * @param out - the destination.
 * @param a - `A`.
 * @param b - `B`.
 * @returns `out`.
 * @throws {@link ShapeError} when the shapes differ.
 * @example
 * ```ts
 * import { Matrix, mulInto } from 'bottomup';
 * mulInto(Matrix.zeros(1, 2), Matrix.from([[2, 3]]), Matrix.from([[4, 5]])).toArray(); //=> [[8, 15]]
 * ```
 */
export function mulInto<M extends MatrixView>(out: M, a: MatrixView, b: MatrixView): M {
  checkBinary('mulInto', out, a, b);
  const O = out.data,
    A = a.data,
    B = b.data;
  for (let i = 0; i < O.length; i++) O[i] = A[i] * B[i];
  return out;
}

/**
 * Elementwise quotient, `out = A ⊘ B` (IEEE division: `x / 0` is `±Infinity` or `NaN`). `out` may alias
 * `a` or `b`.
 *
 * @remarks **Shape:** `A`, `B` and `out` all `(m, n)`.
 * @param out - the destination.
 * @param a - the dividend `A`.
 * @param b - the divisor `B`.
 * @returns `out`.
 * @throws {@link ShapeError} when the shapes differ.
 * @example
 * ```ts
 * import { Matrix, divInto } from 'bottomup';
 * divInto(Matrix.zeros(1, 2), Matrix.from([[8, 9]]), Matrix.from([[2, 3]])).toArray(); //=> [[4, 3]]
 * ```
 */
export function divInto<M extends MatrixView>(out: M, a: MatrixView, b: MatrixView): M {
  checkBinary('divInto', out, a, b);
  const O = out.data,
    A = a.data,
    B = b.data;
  for (let i = 0; i < O.length; i++) O[i] = A[i] / B[i];
  return out;
}

/**
 * Scaling by a number, `out = s·A`. `out` may alias `a`.
 *
 * @remarks **Shape:** `A` and `out` both `(m, n)`.
 * @param out - the destination.
 * @param a - `A`.
 * @param s - the scalar.
 * @returns `out`.
 * @throws {@link ShapeError} when `out` is not shaped like `a`.
 * @example
 * ```ts
 * import { Matrix, scaleInto } from 'bottomup';
 * scaleInto(Matrix.zeros(1, 2), Matrix.from([[1, -2]]), 3).toArray(); //=> [[3, -6]]
 * ```
 */
export function scaleInto<M extends MatrixView>(out: M, a: MatrixView, s: number): M {
  checkUnary('scaleInto', out, a);
  const O = out.data,
    A = a.data;
  for (let i = 0; i < O.length; i++) O[i] = A[i] * s;
  return out;
}

/**
 * Scaled sum, `out = A + s·B` (BLAS `axpy`) — the gradient-descent update `W := W − α·dW` is
 * `addScaledInto(W, W, dW, -α)`. `out` may alias `a` or `b`.
 *
 * @remarks **Shape:** `A`, `B` and `out` all `(m, n)`.
 * @param out - the destination.
 * @param a - `A`.
 * @param b - `B`.
 * @param s - the scale of `B`.
 * @returns `out`.
 * @throws {@link ShapeError} when the shapes differ.
 * @example
 * ```ts
 * import { Matrix, addScaledInto } from 'bottomup';
 * const W = Matrix.from([[1, 1]]);
 * addScaledInto(W, W, Matrix.from([[2, 4]]), -0.5).toArray(); //=> [[0, -1]]
 * ```
 */
export function addScaledInto<M extends MatrixView>(out: M, a: MatrixView, b: MatrixView, s: number): M {
  checkBinary('addScaledInto', out, a, b);
  const O = out.data,
    A = a.data,
    B = b.data;
  for (let i = 0; i < O.length; i++) O[i] = A[i] + s * B[i];
  return out;
}

/**
 * Applies a function to every element, `out[i][j] = fn(A[i][j], i, j)`. `out` may alias `a`.
 *
 * @remarks
 * Convenient, not the fastest: the activations use dedicated loops. **Shape:** `A` and `out` both `(m, n)`.
 * @param out - the destination.
 * @param a - `A`.
 * @param fn - called with the value, its row and its column.
 * @returns `out`.
 * @throws {@link ShapeError} when `out` is not shaped like `a`.
 * @example
 * ```ts
 * import { Matrix, mapInto } from 'bottomup';
 * mapInto(Matrix.zeros(1, 2), Matrix.from([[1, 4]]), Math.sqrt).toArray(); //=> [[1, 2]]
 * ```
 */
export function mapInto<M extends MatrixView>(
  out: M,
  a: MatrixView,
  fn: (value: number, row: number, col: number) => number,
): M {
  checkUnary('mapInto', out, a);
  const O = out.data,
    A = a.data,
    c = a.cols;
  for (let i = 0, s = 0; i < a.rows; i++) {
    for (let j = 0; j < c; j++, s++) O[s] = fn(A[s], i, j);
  }
  return out;
}

/** @internal */
export function checkColumn(op: string, out: MatrixView, a: MatrixView, v: MatrixView): void {
  if (v.cols !== 1 || v.rows !== a.rows) {
    throw new ShapeError(`${op}: expected v (${a.rows}, 1), got a ${fmtShape(a)} and v ${fmtShape(v)}`);
  }
  checkUnary(op, out, a);
  checkSize(op, 'v', v);
  checkInPlace(op, out, v, 'v');
}

/**
 * Adds a column vector to every column, `out = A + v·1ᵀ` — the `+ b` broadcast of `Z = W·A + b`.
 * `out` may alias `a`.
 *
 * @remarks **Shape:** `A (n, m)`, `v (n, 1)`, `out (n, m)`.
 * @param out - the destination.
 * @param a - `A`.
 * @param v - the column vector added to each column.
 * @returns `out`.
 * @throws {@link ShapeError} when `v` is not `(a.rows, 1)` or `out` is not shaped like `a`.
 * @example
 * ```ts
 * import { Matrix, addColumnInto } from 'bottomup';
 * const Z = Matrix.from([[1, 2], [3, 4]]);
 * addColumnInto(Z, Z, Matrix.from([[10], [20]])).toArray(); //=> [[11, 12], [23, 24]]
 * ```
 */
export function addColumnInto<M extends MatrixView>(out: M, a: MatrixView, v: MatrixView): M {
  checkColumn('addColumnInto', out, a, v);
  const O = out.data,
    A = a.data,
    V = v.data,
    c = a.cols;
  for (let i = 0, s = 0; i < a.rows; i++) {
    const vi = V[i];
    for (let j = 0; j < c; j++, s++) O[s] = A[s] + vi;
  }
  return out;
}

/**
 * Sums each row over its columns, `out = Σ_columns A` — the bias gradient `db = Σ_columns dZ`.
 *
 * @remarks **Shape:** `A (n, m)`, `out (n, 1)`.
 * @param out - the destination.
 * @param a - `A`.
 * @param accumulate - add the sums to `out` instead of overwriting it.
 * @returns `out`.
 * @throws {@link ShapeError} when `out` is not `(a.rows, 1)`.
 * @example
 * ```ts
 * import { Matrix, sumColumnsInto } from 'bottomup';
 * sumColumnsInto(Matrix.zeros(2, 1), Matrix.from([[1, 2], [3, 4]])).toArray(); //=> [[3], [7]]
 * ```
 */
export function sumColumnsInto<M extends MatrixView>(out: M, a: MatrixView, accumulate = false): M {
  checkOut('sumColumnsInto', out, a.rows, 1, a);
  checkInPlace('sumColumnsInto', out, a);
  const O = out.data,
    A = a.data,
    c = a.cols;
  for (let i = 0, s = 0; i < a.rows; i++) {
    let sum = 0;
    for (let j = 0; j < c; j++, s++) sum += A[s];
    O[i] = accumulate ? O[i] + sum : sum;
  }
  return out;
}

/**
 * Sums each column over its rows, `out = 1ᵀ·A` (one total per example).
 *
 * @remarks **Shape:** `A (n, m)`, `out (1, m)`. `out` must not alias `a`.
 * @param out - the destination.
 * @param a - `A`.
 * @returns `out`.
 * @throws {@link ShapeError} when `out` is not `(1, a.cols)`.
 * @throws RangeError when `out` aliases `a`.
 * @example
 * ```ts
 * import { Matrix, sumRowsInto } from 'bottomup';
 * sumRowsInto(Matrix.zeros(1, 2), Matrix.from([[1, 2], [3, 4]])).toArray(); //=> [[4, 6]]
 * ```
 */
export function sumRowsInto<M extends MatrixView>(out: M, a: MatrixView): M {
  checkOut('sumRowsInto', out, 1, a.cols, a);
  checkNoAlias('sumRowsInto', out, a);
  const O = out.data,
    A = a.data,
    c = a.cols;
  O.fill(0);
  for (let i = 0, s = 0; i < a.rows; i++) {
    for (let j = 0; j < c; j++, s++) O[j] += A[s];
  }
  return out;
}

/**
 * The row index of the largest value in each column (the first one on ties) — decodes one-hot or
 * softmax outputs into class labels. `NaN` entries are skipped; an all-`NaN` column gives `-1`.
 *
 * @remarks **Shape:** `A (n, m)`, `out (1, m)`. `out` must not alias `a`.
 * @param out - the destination, one label per example.
 * @param a - `A`.
 * @returns `out`.
 * @throws {@link ShapeError} when `out` is not `(1, a.cols)`.
 * @throws RangeError when `out` aliases `a`.
 * @example
 * ```ts
 * import { Matrix, argmaxInto } from 'bottomup';
 * argmaxInto(Matrix.zeros(1, 2), Matrix.from([[0.1, 0.7], [0.9, 0.3]])).toArray(); //=> [[1, 0]]
 * ```
 */
export function argmaxInto<M extends MatrixView>(out: M, a: MatrixView): M {
  checkOut('argmaxInto', out, 1, a.cols, a);
  checkNoAlias('argmaxInto', out, a);
  const O = out.data,
    A = a.data,
    r = a.rows,
    c = a.cols;
  for (let j = 0; j < c; j++) {
    let best = -1;
    let bestValue = -Infinity;
    for (let i = 0, s = j; i < r; i++, s += c) {
      const v = A[s];
      if (v > bestValue || (best === -1 && v === -Infinity)) {
        best = i;
        bestValue = v;
      }
    }
    O[j] = best;
  }
  return out;
}

/**
 * Copies `A` into `out`.
 *
 * @remarks **Shape:** `A` and `out` both `(m, n)`.
 * @param out - the destination.
 * @param a - the source.
 * @returns `out`.
 * @throws {@link ShapeError} when `out` is not shaped like `a`.
 * @example
 * ```ts
 * import { Matrix, copyInto } from 'bottomup';
 * copyInto(Matrix.zeros(1, 2), Matrix.from([[1, 2]])).toArray(); //=> [[1, 2]]
 * ```
 */
export function copyInto<M extends MatrixView>(out: M, a: MatrixView): M {
  checkOut('copyInto', out, a.rows, a.cols, a);
  out.data.set(a.data);
  return out;
}

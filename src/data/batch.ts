/**
 * Column gathering for mini-batches: copy a chosen set of examples (columns) into a batch matrix.
 *
 * @module
 */
import { ShapeError, fmtShape, fmtValue } from '../errors.js';
import { Matrix } from '../matrix/matrix.js';
import { checkNoAlias } from '../matrix/ops.js';
import { checkInteger, describe } from '../validate/values.js';
import { checkMatrix } from '../validate/matrix.js';

/** Column indices: a plain array of integers or an integer typed array. */
export type ColumnIndices = Int32Array | Uint32Array | readonly number[];

function checkIndices(op: string, indices: unknown): asserts indices is ColumnIndices {
  if (!(Array.isArray(indices) || indices instanceof Int32Array || indices instanceof Uint32Array)) {
    throw new TypeError(
      `${op}: expected indices to be an Int32Array, a Uint32Array or an array of integers, got ${describe(indices)}`,
    );
  }
}

function checkIndexRange(op: string, indices: ColumnIndices, start: number, count: number, cols: number): void {
  for (let j = start, end = start + count; j < end; j++) {
    const k = indices[j];
    if (typeof k !== 'number' || !Number.isInteger(k) || k < 0 || k >= cols) {
      throw new RangeError(`${op}: expected indices[${j}] to be an integer in [0, ${cols}), got ${describe(k)}`);
    }
  }
}

/**
 * Copies the columns `indices[start], …, indices[start + out.cols − 1]` of `A` into `out`, in that
 * order, without allocating — the mini-batch kernel of a training loop.
 *
 * @remarks
 * `out[i][j] = A[i][indices[start + j]]`. Every index is checked before anything is written, so a
 * call that throws leaves `out` untouched. Indices may repeat (sampling with replacement).
 *
 * **Shape:** `A (n, m)`, `out (n, k)`; `indices` holds at least `start + k` column indices of `A`.
 *
 * @param out - the destination batch; its column count `k` is the batch size. Must not share memory with `a`.
 * @param a - the source data `A`, one example per column.
 * @param indices - column indices into `a`, e.g. a shuffled permutation of `0 … m − 1`.
 * @param start - the position in `indices` of the batch's first column; default `0`.
 * @returns `out`.
 * @throws TypeError when `out` or `a` is not a Matrix, `indices` is not an index array, or `start` is not a number.
 * @throws {@link ShapeError} when `out.rows !== a.rows`.
 * @throws RangeError when `start` is not a non-negative integer, `start + out.cols > indices.length`,
 *   an index is not an integer in `[0, a.cols)`, or `out` aliases `a`.
 *
 * @example
 * ```ts
 * import { Matrix, gatherColumnsInto } from 'bottomup';
 * const X = Matrix.from([[0, 1, 2, 3], [10, 11, 12, 13]]);
 * const batch = Matrix.zeros(2, 2);
 * gatherColumnsInto(batch, X, [3, 0, 2, 1], 2).toArray(); //=> [[2, 1], [12, 11]]
 * ```
 */
export function gatherColumnsInto(out: Matrix, a: Matrix, indices: ColumnIndices, start = 0): Matrix {
  const op = 'gatherColumnsInto';
  checkMatrix(op, 'out', out);
  checkMatrix(op, 'a', a);
  checkIndices(op, indices);
  checkInteger(op, 'start', start, 0);
  if (out.rows !== a.rows) {
    throw new ShapeError(
      `${op}: expected out with a.rows = ${a.rows} rows, got out ${fmtShape(out)} and a ${fmtShape(a)}`,
    );
  }
  const k = out.cols;
  if (start + k > indices.length) {
    throw new RangeError(
      `${op}: expected start + out.cols <= indices.length (${indices.length}), got start ${fmtValue(start)} + ` +
        `out.cols ${k}`,
    );
  }
  checkNoAlias(op, out, a);
  checkIndexRange(op, indices, start, k, a.cols);
  return gatherColumnsUnchecked(out, a, indices, start);
}

/**
 * The loop of {@link gatherColumnsInto} without its checks, for callers whose indices are valid by
 * construction (`fit`'s shuffled order): `out[i][j] = A[i][indices[start + j]]`. @internal
 */
export function gatherColumnsUnchecked(out: Matrix, a: Matrix, indices: ColumnIndices, start: number): Matrix {
  const O = out.data,
    A = a.data,
    rows = a.rows,
    cols = a.cols,
    k = out.cols;
  for (let i = 0; i < rows; i++) {
    const src = i * cols,
      dst = i * k;
    for (let j = 0; j < k; j++) O[dst + j] = A[src + indices[start + j]];
  }
  return out;
}

/**
 * The columns `indices` of `A`, as a new matrix — the allocating twin of {@link gatherColumnsInto}.
 *
 * @remarks
 * `out[i][j] = A[i][indices[j]]`.
 *
 * **Shape:** `A (n, m)` gives `(n, indices.length)`.
 *
 * @param a - the source data `A`, one example per column.
 * @param indices - column indices into `a`, in the order wanted.
 * @returns a new `(a.rows, indices.length)` matrix.
 * @throws TypeError when `a` is not a Matrix or `indices` is not an index array.
 * @throws RangeError when an index is not an integer in `[0, a.cols)`.
 *
 * @example
 * ```ts
 * import { Matrix, gatherColumns } from 'bottomup';
 * gatherColumns(Matrix.from([[1, 2, 3]]), [2, 2, 0]).toArray(); //=> [[3, 3, 1]]
 * ```
 */
export function gatherColumns(a: Matrix, indices: ColumnIndices): Matrix {
  const op = 'gatherColumns';
  checkMatrix(op, 'a', a);
  checkIndices(op, indices);
  checkIndexRange(op, indices, 0, indices.length, a.cols);
  return gatherColumnsUnchecked(new Matrix(a.rows, indices.length), a, indices, 0);
}

/** Columns `start … end − 1` of `a`, as a new matrix (the caller checks the range). @internal */
export function sliceColumns(a: Matrix, start: number, end: number): Matrix {
  const out = new Matrix(a.rows, end - start);
  for (let i = 0; i < a.rows; i++) out.data.set(a.data.subarray(i * a.cols + start, i * a.cols + end), i * out.cols);
  return out;
}

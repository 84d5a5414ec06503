/**
 * From a model's output to decisions, and from one plain example to a model's input — without the
 * `Matrix` class, so {@link predictClasses}, {@link Pipeline} and `bottomup/predict`'s pipeline
 * predictor decide alike.
 *
 * @internal
 * @module
 */
import { ShapeError, fmtShape, fmtValue } from '../errors.js';
import type { MatrixView } from '../matrix/view.js';
import { argmaxColumn } from '../metrics/counts.js';
import {
  checkAllFinite,
  checkFinite,
  checkNoNaN,
  checkOptions,
  describe,
  isNumberArray,
  transposeHint,
} from '../validate/values.js';

/** The decision threshold from `options` (`{ threshold }`, default `0.5`), checked. @internal */
export function readThreshold(op: string, options: unknown): number {
  checkOptions(op, options, ['threshold']);
  return checkFinite(op, 'threshold', (options as { threshold?: unknown } | undefined)?.threshold ?? 0.5);
}

/**
 * The class index of each column of a prediction `Y` `(n_y, m)`: for one row, `1` where
 * `ŷ > threshold` and `0` elsewhere; for several, the row of the column's largest value (the first on
 * ties).
 * @throws {@link ShapeError} when `Y` has no rows; RangeError when it holds `NaN`. @internal
 */
export function classIndices(op: string, Y: MatrixView, threshold: number): Int32Array {
  const rows = Y.rows,
    m = Y.cols,
    d = Y.data;
  if (rows === 0) throw new ShapeError(`${op}: expected a prediction with at least one row, got ${fmtShape(Y)}`);
  checkNoNaN(op, 'the prediction', Y);
  const out = new Int32Array(m);
  for (let j = 0; j < m; j++) out[j] = rows === 1 ? (d[j] > threshold ? 1 : 0) : argmaxColumn(d, rows, m, j);
  return out;
}

/**
 * Checks the input `X` of a model or pipeline that takes `n` features (`undefined`: any number): `n`
 * rows (with a hint when `X` is transposed), at least one column, and finite values.
 * @throws {@link ShapeError} for the shape, RangeError for a non-finite value. @internal
 */
export function checkInput(op: string, X: MatrixView, n: number | undefined): void {
  if ((n !== undefined && X.rows !== n) || X.cols === 0) {
    throw new ShapeError(
      `${op}: expected X (${n ?? X.rows}, m) with m >= 1, got X ${fmtShape(X)}` +
        transposeHint('X', X.rows, X.cols, n ?? X.rows),
    );
  }
  checkAllFinite(op, 'X', X);
}

/**
 * One example's features as a new Float64Array: `sample` is an array or typed array of finite numbers,
 * `n` of them (`undefined`: at least one).
 * @throws TypeError for a non-array or non-number, {@link ShapeError} for the wrong length, RangeError for
 *   `NaN` or `±Infinity`. @internal
 */
export function readSample(op: string, sample: unknown, n: number | undefined): Float64Array {
  if (!isNumberArray(sample)) {
    throw new TypeError(
      `${op}: expected sample to be an array of numbers (one example's features), got ${describe(sample)}`,
    );
  }
  const length = sample.length;
  if (n === undefined ? length === 0 : length !== n) {
    throw new ShapeError(
      `${op}: expected a sample of ${n ?? 'at least 1'} feature${n === undefined || n === 1 ? '' : 's'}` +
        `${n === undefined ? '' : " (the model's inputs)"}, got ${length}`,
    );
  }
  const x = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    const v: unknown = sample[i];
    if (typeof v !== 'number') throw new TypeError(`${op}: expected sample[${i}] to be a number, got ${describe(v)}`);
    if (!Number.isFinite(v))
      throw new RangeError(`${op}: expected sample[${i}] to be a finite number, got ${fmtValue(v)}`);
    x[i] = v;
  }
  return x;
}

/**
 * One-hot encoding of class labels, and its inverse.
 *
 * @module
 */
import { ShapeError, fmtShape, fmtValue } from '../errors.js';
import { Matrix } from '../matrix/matrix.js';
import { checkInteger, describe, isNumberArray } from '../validate/values.js';
import type { NumberArray } from '../matrix/view.js';
import { checkMatrix } from '../validate/matrix.js';

/**
 * The values of `value` (named `name`), a `(1, m)` Matrix or an array or typed array, to be checked one
 * by one. @internal
 */
export function rowValues(op: string, name: string, value: unknown): ArrayLike<unknown> {
  if (value instanceof Matrix) {
    if (value.rows !== 1) throw new ShapeError(`${op}: expected ${name} (1, m), got ${name} ${fmtShape(value)}`);
    return value.data;
  }
  if (isNumberArray(value)) return value;
  throw new TypeError(`${op}: expected ${name} to be a (1, m) Matrix or an array of numbers, got ${describe(value)}`);
}

/**
 * Encodes class indices as one-hot columns: column `j` is all zeros except a 1 in row `labels[j]` —
 * the target layout of a softmax output and {@link CategoricalCrossEntropy}.
 *
 * @remarks
 * `Y[c][j] = 1` if `labels[j] = c`, else `0`. Without `numClasses`, the number of classes is
 * `max(labels) + 1` (as Keras' `to_categorical`); pass it explicitly when a split may lack the last
 * class, so train and test encodings agree.
 *
 * **Shape:** labels `(1, m)` (or `m` numbers) give `(numClasses, m)`.
 *
 * @param labels - class indices `0 … numClasses − 1`: a `(1, m)` Matrix, an array of numbers, or a
 *   typed array (`Int32Array` from {@link LabelEncoder.transform} or {@link predictClasses}, a matrix's
 *   `data`, …), all checked alike.
 * @param numClasses - the number of classes (rows of the result); default `max(labels) + 1`.
 * @returns a new `(numClasses, m)` matrix of zeros and ones.
 * @throws TypeError when `labels` is neither a Matrix nor an array (or typed array), or `numClasses` is
 *   not a number.
 * @throws {@link ShapeError} when `labels` is a Matrix that is not `(1, m)`.
 * @throws RangeError when `numClasses` is not a positive integer, or a label is not an integer in `[0, numClasses)`.
 *
 * @example
 * ```ts
 * import { oneHot } from 'bottomup';
 * oneHot([0, 2, 1], 3).toArray(); //=> [[1, 0, 0], [0, 0, 1], [0, 1, 0]]
 * oneHot([1, 0]).toArray(); //=> [[0, 1], [1, 0]]
 * oneHot(Int32Array.of(0, 2, 1), 3).toArray(); //=> [[1, 0, 0], [0, 0, 1], [0, 1, 0]]
 * ```
 */
export function oneHot(labels: Matrix | NumberArray, numClasses?: number): Matrix {
  const op = 'oneHot';
  const values = rowValues(op, 'labels', labels);
  const m = values.length;
  // Labels are validated as integers first, so the inferred class count is itself a valid size.
  for (let j = 0; j < m; j++) {
    const v = values[j];
    if (typeof v !== 'number') throw new TypeError(`${op}: expected labels[${j}] to be a number, got ${describe(v)}`);
    if (!Number.isSafeInteger(v) || v < 0) {
      throw new RangeError(`${op}: expected labels[${j}] to be a non-negative integer class index, got ${fmtValue(v)}`);
    }
  }
  let k: number;
  if (numClasses === undefined) {
    k = 0;
    for (let j = 0; j < m; j++) k = Math.max(k, (values[j] as number) + 1);
    if (k === 0) throw new RangeError(`${op}: expected numClasses for empty labels, got no labels and no numClasses`);
  } else {
    k = checkInteger(op, 'numClasses', numClasses, 1);
    for (let j = 0; j < m; j++) {
      const v = values[j] as number;
      if (v >= k)
        throw new RangeError(`${op}: expected labels[${j}] to be a class index in [0, ${k}), got ${fmtValue(v)}`);
    }
  }
  const Y = new Matrix(k, m);
  for (let j = 0; j < m; j++) Y.data[(values[j] as number) * m + j] = 1;
  return Y;
}

/**
 * Decodes one-hot (or softmax probability) columns into class indices — a documented name for
 * `Y.argmax()`.
 *
 * @remarks
 * `labels[j] = argmax_c Y[c][j]`, the first row on ties. `NaN` entries are skipped and an all-`NaN`
 * column gives `-1` (see {@link argmaxInto}).
 *
 * **Shape:** `(k, m)` gives `(1, m)`.
 *
 * @param Y - one-hot labels or class probabilities, one column per example.
 * @returns a new `(1, m)` matrix of class indices.
 * @throws TypeError when `Y` is not a Matrix.
 * @throws {@link ShapeError} when `Y` has no rows.
 *
 * @example
 * ```ts
 * import { Matrix, fromOneHot, oneHot } from 'bottomup';
 * fromOneHot(oneHot([2, 0, 1], 3)).toArray(); //=> [[2, 0, 1]]
 * fromOneHot(Matrix.from([[0.2, 0.9], [0.8, 0.1]])).toArray(); //=> [[1, 0]]
 * ```
 */
export function fromOneHot(Y: Matrix): Matrix {
  const op = 'fromOneHot';
  checkMatrix(op, 'Y', Y);
  if (Y.rows === 0) throw new ShapeError(`${op}: expected Y with at least one row (class), got Y ${fmtShape(Y)}`);
  return Y.argmax();
}

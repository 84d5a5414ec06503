/**
 * Regression metrics: mean squared error, mean absolute error and the coefficient of determination.
 *
 * @module
 */
import { ShapeError, fmtShape } from '../errors.js';
import type { Matrix } from '../matrix/matrix.js';
import { checkPrediction } from '../validate/matrix.js';

/**
 * The mean squared error over all outputs and examples.
 *
 * @remarks
 * `MSE = (1/(n_y·m)) Σᵢ Σⱼ (ŷᵢⱼ − yᵢⱼ)²` — the mean over every element, like Keras' `mse` metric and
 * scikit-learn's default `uniform_average` (no `½` factor). `NaN` in the inputs propagates.
 *
 * **Shape:** `prediction` and `target` both `(n_y, m)`.
 *
 * @param prediction - the network's output `ŷ`.
 * @param target - the true values `Y`.
 * @returns the mean squared error, `>= 0`.
 * @throws TypeError when an argument is not a Matrix.
 * @throws {@link ShapeError} when the shapes differ or are empty.
 *
 * @example
 * ```ts
 * import { Matrix, meanSquaredError } from 'bottomup';
 * meanSquaredError(Matrix.from([[1, 2], [3, 4]]), Matrix.from([[1, 0], [3, 5]])); //=> 1.25
 * ```
 */
export function meanSquaredError(prediction: Matrix, target: Matrix): number {
  checkPrediction('meanSquaredError', prediction, target);
  const P = prediction.data,
    T = target.data;
  let s = 0;
  for (let k = 0; k < P.length; k++) {
    const e = P[k] - T[k];
    s += e * e;
  }
  return s / P.length;
}

/**
 * The mean absolute error over all outputs and examples.
 *
 * @remarks
 * `MAE = (1/(n_y·m)) Σᵢ Σⱼ |ŷᵢⱼ − yᵢⱼ|`, like Keras' `mae` metric. `NaN` in the inputs propagates.
 *
 * **Shape:** `prediction` and `target` both `(n_y, m)`.
 *
 * @param prediction - the network's output `ŷ`.
 * @param target - the true values `Y`.
 * @returns the mean absolute error, `>= 0`.
 * @throws TypeError when an argument is not a Matrix.
 * @throws {@link ShapeError} when the shapes differ or are empty.
 *
 * @example
 * ```ts
 * import { Matrix, meanAbsoluteError } from 'bottomup';
 * meanAbsoluteError(Matrix.from([[1, 2], [3, 4]]), Matrix.from([[1, 0], [3, 5]])); //=> 0.75
 * ```
 */
export function meanAbsoluteError(prediction: Matrix, target: Matrix): number {
  checkPrediction('meanAbsoluteError', prediction, target);
  const P = prediction.data,
    T = target.data;
  let s = 0;
  for (let k = 0; k < P.length; k++) s += Math.abs(P[k] - T[k]);
  return s / P.length;
}

/**
 * The coefficient of determination `R²`: the fraction of the target's variance the prediction explains.
 *
 * @remarks
 * For each output (row) `i`, with `ȳᵢ` the mean of the target row:
 * `R²ᵢ = 1 − Σⱼ (yᵢⱼ − ŷᵢⱼ)² / Σⱼ (yᵢⱼ − ȳᵢ)²`. With several outputs the result is the plain average
 * of the `R²ᵢ` (scikit-learn's default `multioutput='uniform_average'`). A constant target row (zero
 * denominator) scores `1` when predicted exactly and `0` otherwise, as scikit-learn's
 * `force_finite=True`. `R² = 1` is a perfect fit, `0` is no better than predicting the mean, and it
 * can be negative. `NaN` in the inputs propagates.
 *
 * **Shape:** `prediction` and `target` both `(n_y, m)`, `m >= 2`.
 *
 * @param prediction - the network's output `ŷ`.
 * @param target - the true values `Y`.
 * @returns `R²`, at most `1`.
 * @throws TypeError when an argument is not a Matrix.
 * @throws {@link ShapeError} when the shapes differ or are empty, or `m < 2` (R² is undefined for one example).
 *
 * @example
 * ```ts
 * import { Matrix, r2 } from 'bottomup';
 * r2(Matrix.from([[1, 2, 3]]), Matrix.from([[1, 2, 3]])); //=> 1
 * r2(Matrix.from([[2, 2, 2]]), Matrix.from([[1, 2, 3]])); //=> 0
 * r2(Matrix.from([[1, 2, 2.5]]), Matrix.from([[1, 2, 3]])); //=> 0.875
 * ```
 */
export function r2(prediction: Matrix, target: Matrix): number {
  const op = 'r2';
  checkPrediction(op, prediction, target);
  const n = prediction.rows,
    m = prediction.cols;
  if (m < 2)
    throw new ShapeError(`${op}: expected at least 2 examples (columns), got prediction ${fmtShape(prediction)}`);
  const P = prediction.data,
    T = target.data;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const o = i * m;
    let mean = 0,
      constant = true;
    for (let j = 0; j < m; j++) {
      mean += T[o + j];
      if (T[o + j] !== T[o]) constant = false;
    }
    mean /= m;
    let ssRes = 0,
      ssTot = 0;
    for (let j = 0; j < m; j++) {
      const e = T[o + j] - P[o + j],
        d = T[o + j] - mean;
      ssRes += e * e;
      ssTot += d * d;
    }
    // A constant row's rounded mean can differ from its value: its variance is exactly zero.
    if (constant) ssTot = 0;
    if (ssTot === 0) total += ssRes === 0 ? 1 : 0;
    else total += 1 - ssRes / ssTot;
  }
  return total / n;
}

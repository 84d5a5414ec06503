/**
 * Counting shared by the metrics (their input checks are in `../validate/`).
 *
 * @internal
 * @module
 */
import { ShapeError, fmtShape, fmtValue } from '../errors.js';
import type { Matrix } from '../matrix/matrix.js';
import { checkNoNaN } from '../validate/values.js';

/** The counts of a binary confusion matrix. @internal */
export interface BinaryCounts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

/**
 * Counts true/false positives/negatives of `(1, m)` predictions thresholded at `threshold`
 * (`ŷ > threshold` is class 1) against 0/1 labels. @internal
 */
export function binaryCounts(op: string, prediction: Matrix, target: Matrix, threshold: number): BinaryCounts {
  checkNoNaN(op, 'prediction', prediction);
  const P = prediction.data,
    T = target.data;
  let tp = 0,
    fp = 0,
    fn = 0,
    tn = 0;
  for (let j = 0; j < P.length; j++) {
    const y = T[j];
    if (y !== 0 && y !== 1) {
      throw new RangeError(`${op}: expected binary target labels 0 or 1, got ${fmtValue(y)} at column ${j}`);
    }
    const positive = P[j] > threshold; // strictly above, as in the course ("if yhat > threshold") and Keras
    if (y === 1) {
      if (positive) tp++;
      else fn++;
    } else if (positive) fp++;
    else tn++;
  }
  return { tp, fp, fn, tn };
}

/** Requires `(1, m)` inputs for a binary-only metric. @internal */
export function checkBinaryShape(op: string, prediction: Matrix, target: Matrix): void {
  if (prediction.rows !== 1) {
    throw new ShapeError(
      `${op}: expected (1, m) binary prediction and target, got prediction ${fmtShape(prediction)} and target ` +
        `${fmtShape(target)}`,
    );
  }
}

/** The row of the largest value of column `j` (the first on ties); the column has no NaN. @internal */
export function argmaxColumn(d: Float64Array, rows: number, cols: number, j: number): number {
  let best = 0,
    bestValue = d[j];
  for (let i = 1, k = j + cols; i < rows; i++, k += cols) {
    if (d[k] > bestValue) {
      best = i;
      bestValue = d[k];
    }
  }
  return best;
}

/**
 * Checks and counting shared by the metrics.
 *
 * @internal
 * @module
 */
import { ShapeError, fmtAt, fmtValue } from '../errors.js';
import type { Matrix } from '../matrix/matrix.js';
import { checkFinite, checkMatrix, shapeOf } from '../data/internal.js';

/** Both arguments are matrices of the same shape with at least one row and one column. @internal */
export function checkPair(op: string, prediction: unknown, target: unknown): asserts prediction is Matrix {
  checkMatrix(op, 'prediction', prediction);
  checkMatrix(op, 'target', target);
  const p = prediction, t = target as Matrix;
  if (p.rows !== t.rows || p.cols !== t.cols) {
    throw new ShapeError(`${op}: expected target ${shapeOf(p)} like prediction, got prediction ${shapeOf(p)} and target ${shapeOf(t)}`);
  }
  if (p.rows === 0 || p.cols === 0) {
    throw new ShapeError(`${op}: expected at least one output (row) and one example (column), got prediction ${shapeOf(p)}`);
  }
}

/** The decision threshold: a finite number, default `0.5`. @internal */
export function checkThreshold(op: string, value: unknown): number {
  return checkFinite(op, 'threshold', value ?? 0.5);
}

/** Throws a RangeError at the first `NaN` of `a` (a NaN prediction has no class). @internal */
export function checkNoNaN(op: string, name: string, a: Matrix): void {
  const d = a.data;
  for (let k = 0; k < d.length; k++) {
    if (Number.isNaN(d[k])) {
      throw new RangeError(`${op}: expected ${name} without NaN, got ${fmtAt(NaN, k, a.cols)}`);
    }
  }
}

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
  const P = prediction.data, T = target.data;
  let tp = 0, fp = 0, fn = 0, tn = 0;
  for (let j = 0; j < P.length; j++) {
    const y = T[j];
    if (y !== 0 && y !== 1) {
      throw new RangeError(`${op}: expected binary target labels 0 or 1, got ${fmtValue(y)} at column ${j}`);
    }
    const positive = P[j] > threshold; // strictly above, as in the seed ("if yhat > threshold") and Keras
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
      `${op}: expected (1, m) binary prediction and target, got prediction ${shapeOf(prediction)} and target ${shapeOf(target)}`,
    );
  }
}

/** The row of the largest value of column `j` (the first on ties); the column has no NaN. @internal */
export function argmaxColumn(d: Float64Array, rows: number, cols: number, j: number): number {
  let best = 0, bestValue = d[j];
  for (let i = 1, k = j + cols; i < rows; i++, k += cols) {
    if (d[k] > bestValue) {
      best = i;
      bestValue = d[k];
    }
  }
  return best;
}

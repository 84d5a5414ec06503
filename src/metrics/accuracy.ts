/**
 * Classification accuracy, binary or categorical.
 *
 * @module
 */
import type { Matrix } from '../matrix/matrix.js';
import { checkFinite, checkNoNaN, checkOptions } from '../validate/values.js';
import { argmaxColumn, binaryCounts } from './counts.js';
import { checkMatrix, checkPrediction, isWholeMatrix } from '../validate/matrix.js';
import { fmtAt } from '../errors.js';

/** Options of the thresholded classification metrics. */
export interface ThresholdOptions {
  /** The decision threshold: `ŷ > threshold` predicts class 1; default `0.5` (use `0` for logits). */
  threshold?: number;
}

/**
 * The fraction of examples classified correctly.
 *
 * @remarks
 * - **Binary** (one row): example `j` is predicted class 1 when `ŷⱼ > threshold`, else class 0, and
 *   compared with its 0/1 label: `accuracy = (TP + TN) / m`.
 * - **Categorical** (`k ≥ 2` rows, e.g. softmax against one-hot): the predicted class is the argmax of
 *   the prediction's column, the true class the argmax of the target's (first row on ties); the
 *   threshold is not used. Soft targets are accepted.
 * - **Class indices** (a `(k, m)` prediction against a `(1, m)` target of integers in `[0, k)`, as
 *   {@link SparseCategoricalCrossEntropy} takes them): the argmax of each column against its label.
 *
 * A `NaN` prediction has no class and throws.
 *
 * **Shape:** `prediction` and `target` both `(n_y, m)`, or a `(1, m)` target of class indices.
 *
 * @param prediction - the network's output `ŷ`, one column per example.
 * @param target - the labels `Y`: 0/1 for one row, one-hot for several, or one row of class indices.
 * @param options - `threshold` (default `0.5`).
 * @returns the accuracy in `[0, 1]`.
 * @throws TypeError when an argument is not a Matrix or an option is wrong or unknown.
 * @throws {@link ShapeError} when the shapes differ or are empty.
 * @throws RangeError when `threshold` is not finite, a binary label is not 0 or 1, or an input holds `NaN`.
 *
 * @example
 * ```ts
 * import { Matrix, accuracy } from 'bottomup';
 * accuracy(Matrix.from([[0.9, 0.2, 0.6, 0.4]]), Matrix.from([[1, 0, 0, 0]])); //=> 0.75
 * accuracy(Matrix.from([[0.7, 0.1], [0.3, 0.9]]), Matrix.from([[1, 1], [0, 0]])); //=> 0.5
 * ```
 */
export function accuracy(prediction: Matrix, target: Matrix, options: ThresholdOptions = {}): number {
  const op = 'accuracy';
  if (prediction.rows > 1 && target.rows === 1 && isWholeMatrix(target) && prediction.cols === target.cols) {
    checkOptions(op, options, ['threshold']);
    return sparseAccuracy(op, prediction, target);
  }
  checkPrediction(op, prediction, target);
  checkOptions(op, options, ['threshold']);
  const threshold = checkFinite(op, 'threshold', options.threshold ?? 0.5);
  const m = prediction.cols;
  if (prediction.rows === 1) {
    const { tp, tn } = binaryCounts(op, prediction, target, threshold);
    return (tp + tn) / m;
  }
  checkNoNaN(op, 'prediction', prediction);
  checkNoNaN(op, 'target', target);
  const rows = prediction.rows,
    P = prediction.data,
    T = target.data;
  let correct = 0;
  for (let j = 0; j < m; j++) {
    if (argmaxColumn(P, rows, m, j) === argmaxColumn(T, rows, m, j)) correct++;
  }
  return correct / m;
}

/** Accuracy against one row of class indices: each column's largest output against its label. */
function sparseAccuracy(op: string, prediction: Matrix, target: Matrix): number {
  checkMatrix(op, 'prediction', prediction);
  checkNoNaN(op, 'prediction', prediction);
  const rows = prediction.rows,
    m = prediction.cols,
    T = target.data;
  let correct = 0;
  for (let j = 0; j < m; j++) {
    const y = T[j];
    if (!(Number.isInteger(y) && y >= 0 && y < rows)) {
      throw new RangeError(`${op}: expected class indices in [0, ${rows}) for ${rows} outputs, got ${fmtAt(y, j, m)}`);
    }
    if (argmaxColumn(prediction.data, rows, m, j) === y) correct++;
  }
  return correct / m;
}

/**
 * The confusion matrix of a classifier.
 *
 * @module
 */
import { fmtValue } from '../errors.js';
import { Matrix, allocate } from '../matrix/matrix.js';
import { checkFinite, checkInteger, checkNoNaN, checkOptions } from '../validate/values.js';
import { argmaxColumn, binaryCounts } from './counts.js';
import { checkPrediction } from '../validate/matrix.js';

/** Options of {@link confusionMatrix}. */
export interface ConfusionMatrixOptions {
  /** The decision threshold for `(1, m)` probabilities: `ŷ > threshold` is class 1; default `0.5`. */
  threshold?: number;
  /**
   * Read `(1, m)` inputs as class indices `0 … numClasses − 1` (e.g. from `argmax()`) instead of
   * binary probabilities; for `(k, m)` inputs it must equal `k` if given.
   */
  numClasses?: number;
}

function checkClassIndices(op: string, name: string, a: Matrix, k: number): void {
  const d = a.data;
  for (let j = 0; j < d.length; j++) {
    const v = d[j];
    if (!Number.isInteger(v) || v < 0 || v >= k) {
      throw new RangeError(
        `${op}: expected ${name} to hold class indices in [0, ${k}), got ${fmtValue(v)} at column ${j}`,
      );
    }
  }
}

/**
 * Counts examples by true and predicted class: entry `[i][c]` is the number of examples of true
 * class `i` predicted as class `c` (**rows are true classes, columns predicted classes**, as in
 * scikit-learn).
 *
 * @remarks
 * How classes are read depends on the shape:
 * - `(1, m)` probabilities (no `numClasses`): binary, predicted class `[ŷⱼ > threshold]` against 0/1
 *   labels, giving `[[TN, FP], [FN, TP]]`.
 * - `(1, m)` with `numClasses: k`: both rows hold class indices in `[0, k)`; gives `k × k`.
 * - `(k, m)`, `k ≥ 2` (softmax against one-hot): the argmax of each column, first row on ties; gives `k × k`.
 *
 * The diagonal holds the correct predictions, and all entries sum to `m`.
 *
 * **Shape:** `prediction` and `target` both `(n_y, m)`; the result is `k × k` with `k = 2`,
 * `numClasses` or `n_y` as above.
 *
 * @param prediction - the network's output `ŷ`, or predicted class indices.
 * @param target - the labels `Y`: 0/1, class indices, or one-hot.
 * @param options - `threshold` (default `0.5`) and `numClasses`.
 * @returns a new `(k, k)` Matrix of counts, `result.get(trueClass, predictedClass)` (`toArray()` for
 *   nested arrays).
 * @throws TypeError when an argument is not a Matrix or an option is wrong or unknown.
 * @throws {@link ShapeError} when the shapes differ or are empty.
 * @throws RangeError when `threshold` is not finite, `numClasses` is not a positive integer or does
 *   not match `k` rows, a binary label is not 0 or 1, a class index is out of range, an input holds
 *   `NaN`, or `k × k` counts cannot be allocated (all checked before anything is allocated).
 *
 * @example
 * ```ts
 * import { Matrix, confusionMatrix } from 'bottomup';
 * confusionMatrix(Matrix.from([[0.9, 0.8, 0.3, 0.1]]), Matrix.from([[1, 0, 1, 0]])).toArray(); //=> [[1, 1], [1, 1]]
 * confusionMatrix(Matrix.from([[0, 2, 2]]), Matrix.from([[0, 1, 2]]), { numClasses: 3 }).toArray();
 * //=> [[1, 0, 0], [0, 0, 1], [0, 0, 1]]
 * ```
 */
export function confusionMatrix(prediction: Matrix, target: Matrix, options: ConfusionMatrixOptions = {}): Matrix {
  const op = 'confusionMatrix';
  checkPrediction(op, prediction, target);
  checkOptions(op, options, ['threshold', 'numClasses']);
  const threshold = checkFinite(op, 'threshold', options.threshold ?? 0.5);
  const numClasses =
    options.numClasses === undefined ? undefined : checkInteger(op, 'numClasses', options.numClasses, 1);
  const rows = prediction.rows,
    m = prediction.cols;
  if (rows === 1 && numClasses === undefined) {
    const { tp, fp, fn, tn } = binaryCounts(op, prediction, target, threshold);
    return new Matrix(2, 2, Float64Array.of(tn, fp, fn, tp));
  }
  const k = rows === 1 ? (numClasses as number) : rows;
  if (rows > 1 && numClasses !== undefined && numClasses !== rows) {
    throw new RangeError(`${op}: expected numClasses to match the ${rows} rows of prediction, got ${numClasses}`);
  }
  // every input checked before the k × k counts are allocated (one buffer, a named error if too big)
  if (rows === 1) {
    checkClassIndices(op, 'target', target, k);
    checkClassIndices(op, 'prediction', prediction, k);
  } else {
    checkNoNaN(op, 'prediction', prediction);
    checkNoNaN(op, 'target', target);
  }
  const out = new Matrix(k, k, allocate(op, k, k));
  const C = out.data,
    P = prediction.data,
    T = target.data;
  if (rows === 1) {
    for (let j = 0; j < m; j++) C[T[j] * k + P[j]]++;
  } else {
    for (let j = 0; j < m; j++) C[argmaxColumn(T, rows, m, j) * k + argmaxColumn(P, rows, m, j)]++;
  }
  return out;
}

/**
 * Precision, recall and F1 score of a binary classifier.
 *
 * @module
 */
import type { Matrix } from '../matrix/matrix.js';
import { checkFinite, checkOptions } from '../validate/values.js';
import type { ThresholdOptions } from './accuracy.js';
import { type BinaryCounts, binaryCounts, checkBinaryShape } from './counts.js';
import { checkPrediction } from '../validate/matrix.js';

function counts(op: string, prediction: Matrix, target: Matrix, options: ThresholdOptions): BinaryCounts {
  checkPrediction(op, prediction, target);
  checkOptions(op, options, ['threshold']);
  const threshold = checkFinite(op, 'threshold', options.threshold ?? 0.5);
  checkBinaryShape(op, prediction, target);
  return binaryCounts(op, prediction, target, threshold);
}

/**
 * Precision: the fraction of predicted positives that are truly positive.
 *
 * @remarks
 * `precision = TP / (TP + FP)`, with example `j` predicted positive when `ŷⱼ > threshold`. When
 * nothing is predicted positive (`0/0`) the precision is defined as `0`, as scikit-learn's
 * `zero_division=0`.
 *
 * **Shape:** `prediction` and `target` both `(1, m)`, target labels 0/1.
 *
 * @param prediction - the network's output `ŷ` (probabilities, or logits with `threshold: 0`).
 * @param target - the 0/1 labels `Y`.
 * @param options - `threshold` (default `0.5`).
 * @returns the precision in `[0, 1]`.
 * @throws TypeError when an argument is not a Matrix or an option is wrong or unknown.
 * @throws {@link ShapeError} when the shapes differ, are empty, or have more than one row.
 * @throws RangeError when `threshold` is not finite, a label is not 0 or 1, or a prediction is `NaN`.
 *
 * @example
 * ```ts
 * import { Matrix, precision } from 'bottomup';
 * precision(Matrix.from([[0.9, 0.8, 0.3, 0.1]]), Matrix.from([[1, 0, 1, 0]])); //=> 0.5
 * ```
 */
export function precision(prediction: Matrix, target: Matrix, options: ThresholdOptions = {}): number {
  const { tp, fp } = counts('precision', prediction, target, options);
  return tp + fp === 0 ? 0 : tp / (tp + fp);
}

/**
 * Recall (sensitivity, true-positive rate): the fraction of true positives that are predicted positive.
 *
 * @remarks
 * `recall = TP / (TP + FN)`, with example `j` predicted positive when `ŷⱼ > threshold`. When there
 * are no positive labels (`0/0`) the recall is defined as `0`, as scikit-learn's `zero_division=0`.
 *
 * **Shape:** `prediction` and `target` both `(1, m)`, target labels 0/1.
 *
 * @param prediction - the network's output `ŷ` (probabilities, or logits with `threshold: 0`).
 * @param target - the 0/1 labels `Y`.
 * @param options - `threshold` (default `0.5`).
 * @returns the recall in `[0, 1]`.
 * @throws TypeError when an argument is not a Matrix or an option is wrong or unknown.
 * @throws {@link ShapeError} when the shapes differ, are empty, or have more than one row.
 * @throws RangeError when `threshold` is not finite, a label is not 0 or 1, or a prediction is `NaN`.
 *
 * @example
 * ```ts
 * import { Matrix, recall } from 'bottomup';
 * recall(Matrix.from([[0.9, 0.8, 0.6, 0.1]]), Matrix.from([[1, 0, 1, 1]])); //=> 0.6666666666666666
 * ```
 */
export function recall(prediction: Matrix, target: Matrix, options: ThresholdOptions = {}): number {
  const { tp, fn } = counts('recall', prediction, target, options);
  return tp + fn === 0 ? 0 : tp / (tp + fn);
}

/**
 * The F1 score: the harmonic mean of precision and recall.
 *
 * @remarks
 * `F1 = 2·P·R / (P + R) = 2·TP / (2·TP + FP + FN)` (computed in the second form, exactly from the
 * counts). With no positive labels and no positive predictions (`0/0`) it is defined as `0`, as
 * scikit-learn's `zero_division=0`.
 *
 * **Shape:** `prediction` and `target` both `(1, m)`, target labels 0/1.
 *
 * @param prediction - the network's output `ŷ` (probabilities, or logits with `threshold: 0`).
 * @param target - the 0/1 labels `Y`.
 * @param options - `threshold` (default `0.5`).
 * @returns the F1 score in `[0, 1]`.
 * @throws TypeError when an argument is not a Matrix or an option is wrong or unknown.
 * @throws {@link ShapeError} when the shapes differ, are empty, or have more than one row.
 * @throws RangeError when `threshold` is not finite, a label is not 0 or 1, or a prediction is `NaN`.
 *
 * @example
 * ```ts
 * import { Matrix, f1 } from 'bottomup';
 * f1(Matrix.from([[0.9, 0.8, 0.6, 0.1]]), Matrix.from([[1, 0, 1, 1]])); //=> 0.6666666666666666
 * ```
 */
export function f1(prediction: Matrix, target: Matrix, options: ThresholdOptions = {}): number {
  const { tp, fp, fn } = counts('f1', prediction, target, options);
  return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
}

/**
 * `evaluate`: the loss and metrics of a model on data, with one forward pass.
 *
 * @module
 */
import { type Loss, checkSampleWeight } from '../losses/loss.js';
import type { Matrix } from '../matrix/matrix.js';
import { checkOptions } from '../validate/values.js';
import { measure } from './loop.js';
import { type MetricsOption, checkMetricTargets, resolveMetrics } from './metrics.js';
import type { Model } from './model.js';
import { checkData, checkLoss } from './plan.js';

/** Options of {@link evaluate}. */
export interface EvaluateOptions {
  /** The loss to compute. */
  loss: Loss;
  /** Metrics to compute besides the loss. */
  metrics?: MetricsOption;
  /**
   * A weight per example for the loss (Keras's `sample_weight`), a `(1, m)` Matrix or a Float64Array
   * of `m`: `J = (1/m) Σ_i w_i·L_i`. Metrics are not weighted.
   */
  sampleWeight?: Matrix | Float64Array;
}

/** What {@link evaluate} returns. */
export interface Evaluation {
  /** The cost `J` on the data. */
  loss: number;
  /** The metrics, by name. */
  metrics: Record<string, number>;
}

/**
 * The loss and metrics of a model on `X`, `Y`, with one forward pass.
 *
 * **Shape:** `X` `(n_x, m)`, `Y` `(n_y, m)`.
 *
 * @param model - the model ({@link Sequential}, or any {@link Model}).
 * @param X - inputs.
 * @param Y - targets.
 * @param options - `loss` (required), `metrics` and `sampleWeight`.
 * @returns `{ loss, metrics }`.
 * @throws {@link ShapeError}, RangeError, TypeError as {@link fit} does.
 *
 * @example
 * ```ts
 * import { BinaryCrossEntropy, Dense, Matrix, Sequential, Sigmoid, evaluate } from 'bottomup';
 * const model = new Sequential([new Dense(1, 1, { init: 'zeros' }), new Sigmoid()]);
 * const options = { loss: new BinaryCrossEntropy(), metrics: ['accuracy'] as const };
 * evaluate(model, Matrix.from([[1, 2]]), Matrix.from([[1, 0]]), options);
 * //=> { loss: 0.6931471805599453, metrics: { accuracy: 0.5 } }
 * ```
 */
export function evaluate(model: Model, X: Matrix, Y: Matrix, options: EvaluateOptions): Evaluation {
  const op = 'evaluate';
  checkOptions(op, options, ['loss', 'metrics', 'sampleWeight']);
  checkLoss(op, options?.loss);
  checkData(op, model, X, Y, 'X', 'Y', options.loss);
  const metrics = resolveMetrics(op, options.metrics);
  options.loss.checkTarget(Y, model.outputSize);
  const n = model.outputSize;
  checkMetricTargets(metrics, Y, Y.cols, n !== undefined && options.loss.targetRows(n) !== n ? n : undefined);
  const { sampleWeight } = options;
  const weights = sampleWeight === undefined ? null : checkSampleWeight(op, 'sampleWeight', sampleWeight, X.cols);
  return measure(model, options.loss, metrics, X, Y, null, weights);
}

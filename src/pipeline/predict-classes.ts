/**
 * `predictClasses` and `predictOne`: a model's decisions, and its output for one plain example.
 *
 * @module
 */
import type { ThresholdOptions } from '../metrics/accuracy.js';
import { Matrix } from '../matrix/matrix.js';
import type { MatrixView, NumberArray } from '../matrix/view.js';
import { describe } from '../validate/values.js';
import { classIndices, readSample, readThreshold } from './decide.js';

/**
 * What {@link predictClasses} and {@link predictOne} need of a model: a {@link Sequential}, a
 * `bottomup/predict` predictor, or anything shaped like them.
 */
export interface PredictingModel {
  /** Number of input features `n_x`, or `undefined` if the model takes any number. */
  readonly inputSize: number | undefined;
  /** The model's output `ŷ` `(n_y, m)` for `X` `(n_x, m)`, new. */
  predict(X: Matrix): MatrixView;
}

function checkModel(op: string, model: unknown): asserts model is PredictingModel {
  if (typeof (model as Partial<PredictingModel> | null)?.predict !== 'function') {
    throw new TypeError(`${op}: expected model to have a predict(X) method, got ${describe(model)}`);
  }
}

/**
 * The predicted class of each example: the argmax of the output's column when the model has several
 * outputs (softmax), or `ŷ > threshold` when it has one (sigmoid).
 *
 * @remarks
 * - `n_y > 1`: `class_j = argmax_c ŷ[c][j]` (the first row on ties); `threshold` is not used.
 * - `n_y = 1`: `class_j = 1` if `ŷⱼ > threshold`, else `0` — strictly above, as {@link accuracy}
 *   counts. For a model whose last layer outputs logits, pass `threshold: 0`.
 *
 * The indices go straight into {@link LabelEncoder.inverseTransform} or {@link oneHot}.
 *
 * **Shape:** `X (n_x, m)` gives `m` class indices.
 *
 * @param model - the model, e.g. a trained {@link Sequential}.
 * @param X - the inputs `(n_x, m)`, one column per example.
 * @param options - `threshold` for a single output (default `0.5`).
 * @returns a new `Int32Array` of `m` class indices.
 * @throws TypeError when `model` has no `predict`, or an option is wrong or unknown.
 * @throws {@link ShapeError} as `model.predict` throws for `X` of the wrong shape.
 * @throws RangeError when `threshold` is not finite or the prediction holds `NaN`.
 *
 * @example
 * ```ts
 * import { Dense, Matrix, Sequential, Sigmoid, Softmax, predictClasses } from 'bottomup';
 * const binary = new Sequential([new Dense(1, 1, { init: 'zeros' }), new Sigmoid()]);
 * binary.parameters()[0].value.data[0] = 2; // ŷ = σ(2x)
 * Array.from(predictClasses(binary, Matrix.from([[-1, 0, 0.5]]))); //=> [0, 0, 1]
 * Array.from(predictClasses(binary, Matrix.from([[-1, 0, 0.5]]), { threshold: 0.1 })); //=> [1, 1, 1]
 * const softmax = new Sequential([new Dense(2, 3, { seed: 1 }), new Softmax()]);
 * predictClasses(softmax, Matrix.from([[1, -1], [0, 2]])).length; //=> 2
 * ```
 */
export function predictClasses(model: PredictingModel, X: Matrix, options: ThresholdOptions = {}): Int32Array {
  const op = 'predictClasses';
  checkModel(op, model);
  const threshold = readThreshold(op, options);
  return classIndices(op, model.predict(X), threshold);
}

/**
 * The model's output for one example given as a plain array of its features — no matrix to build.
 *
 * @remarks
 * `predictOne(model, x)` is `model.predict(Matrix.fromSamples([x])).data`: the same bits as that
 * example's column in a batch prediction.
 *
 * **Shape:** `n_x` numbers in, `n_y` numbers out.
 *
 * @param model - the model, e.g. a trained {@link Sequential}.
 * @param sample - the example's `n_x` features: an array or typed array of finite numbers.
 * @returns a new `Float64Array` of the `n_y` outputs.
 * @throws TypeError when `model` has no `predict`, or `sample` is not an array of numbers.
 * @throws {@link ShapeError} when `sample` does not have `n_x` values.
 * @throws RangeError when a value is `NaN` or `±Infinity`.
 *
 * @example
 * ```ts
 * import { Dense, Sequential, predictOne } from 'bottomup';
 * const model = new Sequential([new Dense(2, 1, { init: 'zeros' })]);
 * model.parameters()[0].value.data.set([1, 2]); // ŷ = x₁ + 2x₂
 * predictOne(model, [3, 4]); //=> Float64Array.of(11)
 * ```
 */
export function predictOne(model: PredictingModel, sample: NumberArray): Float64Array {
  const op = 'predictOne';
  checkModel(op, model);
  const x = readSample(op, sample, model.inputSize);
  return model.predict(new Matrix(x.length, 1, x)).data;
}

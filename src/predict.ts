/**
 * `bottomup/predict`: run a trained model, and nothing else — for apps that only embed one.
 *
 * @remarks
 * `createPredictor`: under 5 kB minified and gzipped, with no `Matrix` class, no training code and no layer classes:
 * it reads the JSON that `model.toJSON()` wrote with the same validating reader as `loadModel`, and
 * runs each layer with the full library's arithmetic (the same activation forward loops, the same
 * engine-independent `exp`/`tanh`/…, and a small matrix product that sums every element in the
 * same order as the library's, without its packing and WebAssembly engine), so its predictions are
 * bit-identical to `loadModel(json).predict(X)`. Nested models (`{ type: 'Sequential', layers }`) run
 * as the chain of their layers, as `Sequential` runs them. `Dropout` is the identity and `BatchNorm` its
 * evaluation form (the saved running statistics' affine map, the layer's own loop), as `predict` runs
 * them.
 *
 * `createPipelinePredictor` runs a saved `Pipeline` (scaler, model, class labels) on raw inputs, with
 * the same bits as the full library's `loadPipeline`; the whole entry is about 8 kB, and an app that
 * imports only `createPredictor` ships under 5 kB.
 *
 * Errors are those of the full library: `TypeError`, `RangeError`, and `ShapeError` (a `RangeError`
 * named `'ShapeError'`; this entry point has its own copy of the class, so across the two entry
 * points test `error.name`).
 *
 * @packageDocumentation
 */
import { ALPHA, type ActivationType, FORWARD } from './activations/kernels.js';
import { ShapeError, fmtValue } from './errors.js';
import type { SequentialJSON } from './io/format.js';
import { type LayerSpec, readModel } from './io/schema.js';
import { gemmPlain } from './matrix/gemm-plain.js';
import type { MatrixView, NumberArray } from './matrix/view.js';
import type { Label } from './data/labels.js';
import { mapFeaturesInto, scaleMap } from './data/scaling.js';
import { checkInput, classIndices, readSample, readThreshold } from './pipeline/decide.js';
import { type PipelineJSON, checkPipelineFit, readPipeline } from './pipeline/format.js';
import { inverseStdInto, normalizeInto } from './layers/normalize.js';

export { ShapeError } from './errors.js';
export type { MatrixView } from './matrix/view.js';
export type { SequentialJSON } from './io/format.js';
export type { LayerJSON } from './layers/layer.js';
export type { NumberArray } from './matrix/view.js';
export type { Label } from './data/labels.js';
export type { PipelineJSON } from './pipeline/format.js';
export type { StandardizerJSON } from './data/standardizer.js';
export type { MinMaxScalerJSON } from './data/min-max-scaler.js';
export type { LabelEncoderJSON } from './data/label-encoder.js';

/** A model ready to predict, from {@link createPredictor}. */
export interface Predictor {
  /** Number of input features `n_x` (rows of `X`), or `undefined` if the model takes any number. */
  readonly inputSize: number | undefined;
  /** Number of outputs `n_y` (rows of the prediction), or `undefined` if the model keeps its input's. */
  readonly outputSize: number | undefined;
  /**
   * The model's output for `X`.
   * @param X - the inputs `(n_x, m)`, one column per example: a `Matrix`, or any
   *   `{ rows, cols, data }` with `rows · cols` row-major Float64 values.
   * @returns `ŷ` `(n_y, m)`, new: `{ rows, cols, data }` (`new Matrix(rows, cols, data)` wraps it).
   * @throws TypeError when `X` is not such a view; {@link ShapeError} when `X` has the wrong number of
   *   rows or no columns.
   */
  predict(X: MatrixView): MatrixView;
}

/** `X.data`, after checking that `X` is a `{ rows, cols, data }` view of `rows · cols` Float64 values. */
function checkView(X: MatrixView): Float64Array {
  const data = (X as Partial<MatrixView> | null)?.data;
  if (
    !(data instanceof Float64Array) ||
    typeof X.rows !== 'number' ||
    typeof X.cols !== 'number' ||
    data.length !== X.rows * X.cols
  ) {
    throw new TypeError(
      `predict: expected X to be a Matrix or { rows, cols, data: Float64Array(rows·cols) }, got ${fmtValue(X)}`,
    );
  }
  return data;
}

/**
 * One step of the compiled model: `A` `(rows, m)` in, the next `A` out — a Dense layer's product into
 * a new array, or an activation in place.
 */
type Step = (A: Float64Array, rows: number, m: number) => Float64Array;

/**
 * Turns a saved model into a {@link Predictor}, validating the JSON as strictly as `loadModel`:
 * the format and version, every layer's kind, configuration and weights, and that the layers fit
 * together.
 *
 * @param json - the parsed JSON of `model.toJSON()` (not the text: `JSON.parse` it first).
 * @returns `{ inputSize, outputSize, predict }`.
 * @throws TypeError for a malformed object or a layer kind `bottomup/predict` does not know (user-defined
 *   layers need the full library's `loadModel`).
 * @throws RangeError for a newer format version than this build reads.
 * @throws {@link ShapeError} when consecutive layers do not fit.
 *
 * @example
 * ```ts
 * import { Dense, Matrix, Sequential, Tanh } from 'bottomup';
 * import { createPredictor } from 'bottomup/predict';
 * const model = new Sequential([new Dense(2, 3, { seed: 1 }), new Tanh()]);
 * const predictor = createPredictor(JSON.parse(JSON.stringify(model)));
 * const X = Matrix.from([[0.5, 1], [-1, 2]]);
 * predictor.outputSize; //=> 3
 * predictor.predict(X).data.every((v, i) => Object.is(v, model.predict(X).data[i])); //=> true
 * ```
 */
export function createPredictor(json: SequentialJSON): Predictor {
  return compile('createPredictor', json);
}

/** {@link createPredictor}, with errors named `op`. */
function compile(op: string, json: unknown): Predictor {
  const steps: Step[] = [];
  let inputSize: number | undefined;
  let size: number | undefined;
  let from = '';
  // A nested model's layers are steps of the same chain: it runs them in order, as Sequential does.
  const build = (specs: readonly LayerSpec[], where: string): void =>
    specs.forEach((spec, i) => {
      const at = `${where}[${i}]`;
      if ('layers' in spec) build(spec.layers, `${at}.layers`);
      else if ('inputSize' in spec) {
        const { inputSize: k, outputSize: n } = spec;
        if (size === undefined) inputSize = k;
        else if (k !== size) {
          throw new ShapeError(
            `${op}: expected ${at} (${spec.type}) to take the ${size} outputs of ${from}, got inputSize ${k}`,
          );
        }
        size = n;
        if ('W' in spec) {
          const { W, b } = spec;
          steps.push((A, _, m) => {
            // Z = W·A + b: the bits of Dense's product (layers/linear.ts), summed in the same order.
            const Z = new Float64Array(n * m);
            gemmPlain(Z, W, A, n, k, m, b);
            return Z;
          });
        } else {
          // BatchNorm in evaluation form: the running statistics' affine map, as the layer computes it.
          const [gamma, beta, mean, variance] = spec.values,
            inv = inverseStdInto(new Float64Array(n), variance, spec.epsilon);
          steps.push((A, _, m) => {
            normalizeInto(A, null, A, m, mean, inv, gamma, beta);
            return A;
          });
        }
      } else if (!('rate' in spec)) {
        // (Dropout, with a rate, is the identity when predicting.)
        const type = (spec as { type: ActivationType }).type,
          forward = FORWARD[type],
          alpha = (spec as { alpha?: number }).alpha ?? ALPHA[type] ?? 0;
        steps.push((A, rows, m) => {
          forward(A, A, rows, m, alpha);
          return A;
        });
      }
      from = at;
    });
  build(readModel(op, json), 'layers');
  return {
    inputSize,
    outputSize: size,
    predict(X: MatrixView): MatrixView {
      const data = checkView(X);
      const m = X.cols;
      if ((inputSize !== undefined && X.rows !== inputSize) || m === 0) {
        throw new ShapeError(`predict: expected X (${inputSize ?? X.rows}, m) with m >= 1, got X (${X.rows}, ${m})`);
      }
      let A: Float64Array = data.slice(),
        rows = X.rows;
      for (const step of steps) {
        A = step(A, rows, m);
        rows = A.length / m; // exact: the length is rows·m
      }
      return { rows, cols: m, data: A };
    },
  };
}

/** A saved pipeline ready to predict from raw inputs, from {@link createPipelinePredictor}. */
export interface PipelinePredictor {
  /** Number of raw input features `n_x`, or `undefined` if the pipeline takes any number. */
  readonly inputSize: number | undefined;
  /** Number of outputs `n_y` of the model, or `undefined` if it keeps its input's. */
  readonly outputSize: number | undefined;
  /** The class labels, in class-index order, or `undefined` when the pipeline has none. */
  readonly classes: readonly Label[] | undefined;
  /**
   * The model's output for raw (unscaled) inputs: the pipeline's scaler, then the model.
   * @param X - the raw inputs `(n_x, m)`: a `Matrix` or any `{ rows, cols, data }` view.
   * @returns `ŷ` `(n_y, m)`, new, as `{ rows, cols, data }`.
   * @throws TypeError when `X` is not such a view; {@link ShapeError} when `X` has the wrong number of
   *   rows or no columns; RangeError when `X` holds `NaN` or `±Infinity`.
   */
  predict(X: MatrixView): MatrixView;
  /**
   * The predicted class of each example — the argmax of each output column, or `ŷ > threshold` for a
   * single output — as the pipeline's labels (without labels: class indices, as numbers).
   * @param X - the raw inputs `(n_x, m)`.
   * @param options - `threshold` for a single output (default `0.5`).
   * @returns a new array of `m` labels.
   * @throws as {@link PipelinePredictor.predict}; TypeError or RangeError for a bad option.
   */
  predictClasses(X: MatrixView, options?: { threshold?: number }): Label[];
  /**
   * The output for one raw example given as a plain array of its features.
   * @param sample - the example's `n_x` features: an array or typed array of finite numbers.
   * @returns a new `Float64Array` of the `n_y` outputs.
   * @throws TypeError when `sample` is not an array of numbers; {@link ShapeError} for the wrong length;
   *   RangeError for `NaN` or `±Infinity`.
   */
  predictOne(sample: NumberArray): Float64Array;
}

/**
 * Turns a saved pipeline (`JSON.stringify(pipeline)` of the full library's `Pipeline`) into a
 * predictor over raw inputs, validating the JSON as strictly as `loadPipeline`: its format and
 * version, the scaler, the model (with `createPredictor`'s checks and messages, under this function's
 * name), the labels, and that they fit together.
 *
 * @remarks
 * The scaler runs the full library's formulas (one shared module), then the model runs as
 * {@link createPredictor} runs it: predictions are bit-identical to `loadPipeline(json).predict(X)`,
 * and `predictClasses` decides and decodes as `Pipeline.predictClasses` does.
 *
 * @param json - the parsed JSON of `pipeline.toJSON()` (not the text: `JSON.parse` it first).
 * @returns `{ inputSize, outputSize, classes, predict, predictClasses, predictOne }`.
 * @throws TypeError for a malformed object or a layer kind `bottomup/predict` does not know.
 * @throws RangeError for a newer format version or a bad value.
 * @throws {@link ShapeError} when the parts do not fit together.
 *
 * @example
 * ```ts
 * import { Dense, LabelEncoder, Matrix, Pipeline, Sequential, Softmax, Standardizer } from 'bottomup';
 * import { createPipelinePredictor } from 'bottomup/predict';
 * const X = Matrix.from([[1, 2, 3, 4], [10, 20, 30, 40]]);
 * const pipe = new Pipeline({
 *   scaler: new Standardizer().fit(X),
 *   model: new Sequential([new Dense(2, 3, { seed: 2 }), new Softmax()]),
 *   labels: new LabelEncoder<string>().fit(['red', 'green', 'blue']),
 * });
 * const predictor = createPipelinePredictor(JSON.parse(JSON.stringify(pipe)));
 * predictor.classes; //=> ['blue', 'green', 'red']
 * predictor.predictClasses(X); //=> pipe.predictClasses(X)
 * predictor.predict(X).data.every((v, i) => Object.is(v, pipe.predict(X).data[i])); //=> true
 * ```
 */
export function createPipelinePredictor(json: PipelineJSON): PipelinePredictor {
  const op = 'createPipelinePredictor';
  const { scaler, model, classes } = readPipeline(op, json);
  const inner = compile(op, model);
  checkPipelineFit(op, scaler?.a.length, classes?.length, inner.inputSize, inner.outputSize);
  const inputSize = scaler === null ? inner.inputSize : scaler.a.length;
  const scale = scaler === null ? null : scaleMap(scaler);
  const predict = (X: MatrixView): MatrixView => {
    const data = checkView(X);
    checkInput('predict', X, inputSize);
    return inner.predict(
      scaler === null || scale === null
        ? X
        : {
            rows: X.rows,
            cols: X.cols,
            data: mapFeaturesInto(new Float64Array(data.length), data, X.cols, scaler.a, scaler.b, scale),
          },
    );
  };
  return {
    inputSize,
    outputSize: inner.outputSize,
    classes: classes ?? undefined,
    predict,
    predictClasses(X, options) {
      const threshold = readThreshold('predictClasses', options);
      const indices = Array.from(classIndices('predictClasses', predict(X), threshold));
      return classes === null ? indices : indices.map((c) => classes[c]);
    },
    predictOne(sample) {
      const x = readSample('predictOne', sample, inputSize);
      return predict({ rows: x.length, cols: 1, data: x }).data;
    },
  };
}

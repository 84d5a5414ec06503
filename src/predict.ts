/**
 * `bottomup/predict`: run a trained model, and nothing else — for apps that only embed one.
 *
 * @remarks
 * Under 5 kB minified and gzipped, with no `Matrix` class, no training code and no layer classes:
 * it reads the JSON that `model.toJSON()` wrote with the same validating reader as `loadModel`, and
 * runs each layer with the full library's arithmetic (the same activation forward loops, the same
 * engine-independent `exp`/`tanh`/…, and a small matrix product that sums every element in the
 * same order as the library's, without its packing and WebAssembly engine), so its predictions are
 * bit-identical to `loadModel(json).predict(X)`.
 *
 * Errors are those of the full library: `TypeError`, `RangeError`, and `ShapeError` (a `RangeError`
 * named `'ShapeError'`; this entry point has its own copy of the class, so across the two entry
 * points test `error.name`).
 *
 * @packageDocumentation
 */
import { ALPHA, type ActivationForward, type ActivationType, FORWARD } from './activations/kernels.js';
import { ShapeError, fmtShape, fmtValue } from './errors.js';
import type { SequentialJSON } from './io/format.js';
import { type LayerSpec, readModel } from './io/schema.js';
import { gemmPlain } from './matrix/gemm-plain.js';
import type { MatrixView } from './matrix/view.js';

export { ShapeError } from './errors.js';
export type { MatrixView } from './matrix/view.js';
export type { SequentialJSON } from './io/format.js';
export type { LayerJSON } from './layers/layer.js';

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

/** One step of the compiled model: a Dense layer's product, or an activation in place. */
type Step =
  | { readonly W: MatrixView; readonly b: MatrixView | null; readonly n: number }
  | { readonly forward: ActivationForward; readonly alpha: number };

const view = (rows: number, cols: number, data: Float64Array): MatrixView => ({ rows, cols, data });

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
  const op = 'createPredictor';
  const specs: LayerSpec[] = readModel(op, json);
  const steps: Step[] = [];
  let inputSize: number | undefined;
  let size: number | undefined;
  specs.forEach((spec, i) => {
    if ('W' in spec) {
      if (size === undefined) inputSize = spec.inputSize;
      else if (spec.inputSize !== size) {
        throw new ShapeError(
          `${op}: expected layers[${i}] (Dense) to take the ${size} outputs of layers[${i - 1}], got inputSize ` +
            `${spec.inputSize}`,
        );
      }
      size = spec.outputSize;
      const b = spec.b === null ? null : view(size, 1, Float64Array.from(spec.b));
      steps.push({ W: view(size, spec.inputSize, Float64Array.from(spec.W)), b, n: size });
    } else {
      const type = (spec as { type: ActivationType }).type;
      steps.push({ forward: FORWARD[type], alpha: (spec as { alpha?: number }).alpha ?? ALPHA[type] ?? 0 });
    }
  });
  return {
    inputSize,
    outputSize: size,
    predict(X: MatrixView): MatrixView {
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
      if ((inputSize !== undefined && X.rows !== inputSize) || X.cols === 0) {
        throw new ShapeError(`predict: expected X (${inputSize ?? X.rows}, m) with m >= 1, got X ${fmtShape(X)}`);
      }
      let A = view(X.rows, X.cols, data.slice());
      for (const step of steps) {
        if ('W' in step) {
          // Z = W·A + b: the bits of Dense's product (layers/linear.ts), summed in the same order.
          const Z = view(step.n, A.cols, new Float64Array(step.n * A.cols));
          gemmPlain(Z.data, step.W.data, A.data, step.n, A.rows, A.cols, step.b === null ? null : step.b.data);
          A = Z;
        } else step.forward(A.data, A.data, A.rows, A.cols, step.alpha);
      }
      return A;
    },
  };
}

/**
 * `bottomup/predict`: run a trained model, and nothing else — for apps that only embed one.
 *
 * @remarks
 * About 5.6 kB minified and gzipped, with no `Matrix` class, no training code and no layer classes:
 * it reads the JSON that `model.toJSON()` wrote with the same validating reader as `loadModel`, and
 * runs each layer with the full library's arithmetic (the same activation forward loops, the same
 * engine-independent `exp`/`tanh`/…, and a small matrix product that sums every element in the
 * same order as the library's, without its packing and WebAssembly engine), so its predictions are
 * bit-identical to `loadModel(json).predict(X)`. Nested models (`{ type: 'Sequential', layers }`) run
 * as the chain of their layers, as `Sequential` runs them. `Dropout` is the identity and `BatchNorm` its
 * evaluation form (the saved running statistics' affine map, the layer's own loop), as `predict` runs
 * them.
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
import { inverseStdInto, normalizeInto } from './layers/normalize.js';
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
  const op = 'createPredictor';
  const steps: Step[] = [];
  let inputSize: number | undefined;
  let size: number | undefined;
  let from = '';
  // A nested model's layers are steps of the same chain: it runs them in order, as Sequential does.
  const compile = (specs: readonly LayerSpec[], where: string): void =>
    specs.forEach((spec, i) => {
      const at = `${where}[${i}]`;
      if ('layers' in spec) compile(spec.layers, `${at}.layers`);
      else if ('rate' in spec) {
        // Dropout: the identity when predicting
      } else if ('inputSize' in spec) {
        if (size === undefined) inputSize = spec.inputSize;
        else if (spec.inputSize !== size) {
          throw new ShapeError(
            `${op}: expected ${at} (${spec.type}) to take the ${size} outputs of ${from}, ` +
              `got inputSize ${spec.inputSize}`,
          );
        }
        const n = (size = spec.outputSize),
          k = spec.inputSize;
        if ('W' in spec) {
          const W = Float64Array.from(spec.W),
            b = spec.b === null ? null : Float64Array.from(spec.b);
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
      } else {
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
  compile(readModel(op, json), 'layers');
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

/**
 * The layer contract shared by `Dense`, the activations and user-defined layers.
 *
 * @module
 */
import type { Matrix } from '../matrix/matrix.js';

/**
 * A trainable tensor: its value and the gradient that `backward` accumulates into.
 *
 * @remarks
 * Optimizers walk `model.parameters()` and update `value` from `grad`; `backward` **adds** into
 * `grad` and `zeroGrad()` clears it (micrograd's and PyTorch's convention). `Sequential` renames a
 * Dense layer's parameters `W[l]` and `b[l]` after the seed's notation.
 *
 * **Shape:** `grad` always has the shape of `value`.
 */
export interface Parameter {
  /** A readable name, unique within a model (`W[1]`, `b[1]`, …). */
  name: string;
  /** The current value. */
  readonly value: Matrix;
  /** The accumulated gradient `∂J/∂value`. */
  readonly grad: Matrix;
}

/**
 * A serialised layer: its kind, its configuration, and its weights (row-major numbers).
 * See {@link Sequential.toJSON}.
 */
export interface LayerJSON {
  /** The layer's class name, e.g. `"Dense"`, `"Tanh"`. */
  type: string;
  /** Constructor configuration (sizes, options). */
  config?: Record<string, unknown>;
  /** Parameter values by local name (`W`, `b`), each row-major. */
  weights?: Record<string, number[]>;
}

/**
 * What a layer must provide to sit in a {@link Sequential}.
 *
 * @remarks
 * `forward(A[l-1])` returns `A[l]` (a buffer the layer owns and overwrites on the next call);
 * `backward(dA[l])` returns `dA[l-1]` and accumulates into the parameters' `grad`.
 *
 * **Shape:** inputs and outputs are `(features, m)`, one column per example.
 */
export interface Layer {
  /** Runs the layer on a batch and remembers what `backward` needs. */
  forward(input: Matrix): Matrix;
  /**
   * Back-propagates `∂J/∂output` of the last `forward`: accumulates parameter gradients and returns
   * `∂J/∂input` (skipped, returning an unspecified matrix, when `inputGradient` is `false`).
   */
  backward(gradOutput: Matrix, inputGradient?: boolean): Matrix;
  /** The trainable parameters (empty for activations). */
  parameters(): Parameter[];
  /**
   * The number of output features for `inputSize` input features, or throws a `ShapeError` when
   * the layer cannot take that many. Used by `Sequential` to check layers fit together.
   */
  computeOutputSize(inputSize: number): number;
  /** The number of input features the layer requires, or `undefined` when any number fits. */
  readonly inputSize?: number;
  /** A short readable description, e.g. `Dense(2 → 4)`. */
  toString(): string;
  /** A JSON-ready description of the layer. */
  toJSON(): LayerJSON;
}

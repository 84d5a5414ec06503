/**
 * The layer contract shared by `Dense`, the activations and user-defined layers.
 *
 * @module
 */
import type { Matrix } from '../matrix/matrix.js';
import type { Parameter } from '../parameter.js';

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

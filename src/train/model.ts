/**
 * `Model`: what `fit` and `evaluate` need of a model.
 *
 * @module
 */
import type { Matrix } from '../matrix/matrix.js';
import type { Parameter } from '../parameter.js';

/**
 * What {@link fit} and {@link evaluate} need of a model: {@link Sequential}, or anything shaped like it.
 *
 * @remarks
 * **Shape:** `forward` takes `X` `(n_x, m)` and returns `ŷ` `(n_y, m)`, one column per example.
 */
export interface Model {
  /** Number of input features `n_x`, or `undefined` if the model takes any number. */
  readonly inputSize: number | undefined;
  /** Number of outputs `n_y`, or `undefined` if the model does not fix it. */
  readonly outputSize: number | undefined;
  /** Forward propagation: `ŷ` for `X` (a buffer the model may overwrite on the next call). */
  forward(X: Matrix): Matrix;
  /** Back-propagates `∂J/∂ŷ` of the last forward into the parameters' gradients, skipping `dX`. */
  backward(dYhat: Matrix, inputGradient: false): unknown;
  /** The trainable parameters, the list an optimizer walks. */
  parameters(): Parameter[];
}

/**
 * `Parameter`: a trainable tensor and its gradient — the one thing layers and optimizers share.
 *
 * @module
 */
import type { Matrix } from './matrix/matrix.js';

/**
 * A trainable tensor: its value and the gradient that `backward` accumulates into.
 *
 * @remarks
 * Optimizers walk `model.parameters()` and update `value` from `grad`; `backward` **adds** into
 * `grad` and `zeroGrad()` clears it (micrograd's and PyTorch's convention). `Sequential` renames a
 * Dense layer's parameters `W[l]` and `b[l]` after the course's notation.
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

import { Activation } from './activation.js';
import { SIGMOID } from './kernels.js';

/**
 * The logistic sigmoid, `σ(z) = 1 / (1 + e^(−z))` — the course's output unit for binary classification.
 *
 * @remarks
 * Computed without overflow: `1/(1 + e^(−z))` for `z ≥ 0`, `e^z/(1 + e^z)` for `z < 0`.
 * Derivative `σ′(z) = A(1 − A)`. For training, {@link BinaryCrossEntropy} with `fromLogits: true`
 * on a linear output is more accurate than `Sigmoid` + `BinaryCrossEntropy`.
 *
 * **Shape:** `(n, m)` → `(n, m)`.
 *
 * @example
 * ```ts
 * import { Matrix, Sigmoid } from 'bottomup';
 * new Sigmoid().forward(Matrix.from([[0, 1000, -1000]])).toArray(); //=> [[0.5, 1, 0]]
 * ```
 */
export class Sigmoid extends Activation {
  /** `"Sigmoid"`. */
  declare readonly type: 'Sigmoid';

  constructor() {
    super('Sigmoid', SIGMOID);
  }
}

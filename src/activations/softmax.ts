import { Activation } from './activation.js';
import { SOFTMAX } from './kernels.js';

/**
 * The softmax over each column (each example), `A_i = e^(z_i) / Σ_k e^(z_k)`.
 *
 * @remarks
 * Stable: the column's maximum is subtracted before exponentiating. Backward, per column:
 * `dZ_i = A_i·(dA_i − Σ_k A_k·dA_k)`. For training, {@link CategoricalCrossEntropy} with
 * `fromLogits: true` on a linear output is more accurate than `Softmax` + `CategoricalCrossEntropy`.
 *
 * **Shape:** `(n, m)` → `(n, m)`, each column summing to 1.
 *
 * @example
 * ```ts
 * import { Matrix, Softmax } from 'bottomup';
 * new Softmax().forward(Matrix.from([[1000], [1000]])).toArray(); //=> [[0.5], [0.5]]
 * ```
 */
export class Softmax extends Activation {
  /** `"Softmax"`. */
  declare readonly type: 'Softmax';

  constructor() {
    super('Softmax', SOFTMAX);
  }
}

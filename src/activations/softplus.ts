import { Activation } from './activation.js';
import { SOFTPLUS } from './kernels.js';

/**
 * The softplus, `log(1 + e^z)`, a smooth ReLU.
 *
 * @remarks
 * Computed as `max(z, 0) + log1p(e^(−|z|))`, exact for any `z`. Derivative `σ(z)`.
 * **Shape:** `(n, m)` → `(n, m)`.
 *
 * @example
 * ```ts
 * import { Matrix, Softplus } from 'bottomup';
 * new Softplus().forward(Matrix.from([[1000]])).toArray(); //=> [[1000]]
 * ```
 */
export class Softplus extends Activation {
  /** `"Softplus"`. */
  declare readonly type: 'Softplus';

  constructor() {
    super('Softplus', SOFTPLUS);
  }
}

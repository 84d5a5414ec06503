import { Activation } from './activation.js';
import { TANH } from './kernels.js';

/**
 * The hyperbolic tangent, `tanh(z)` — the 2-layer network's hidden-layer activation.
 *
 * @remarks Derivative `1 − A²`. **Shape:** `(n, m)` → `(n, m)`.
 *
 * @example
 * ```ts
 * import { Matrix, Tanh } from 'bottomup';
 * new Tanh().forward(Matrix.from([[0, 1000]])).toArray(); //=> [[0, 1]]
 * ```
 */
export class Tanh extends Activation {
  /** `"Tanh"`. */
  declare readonly type: 'Tanh';

  constructor() {
    super('Tanh', TANH);
  }
}

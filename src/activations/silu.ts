import { Activation } from './activation.js';
import { SILU } from './kernels.js';

/**
 * The sigmoid linear unit (Swish), `z·σ(z)`.
 *
 * @remarks Derivative `σ(z)·(1 + z·(1 − σ(z)))`. **Shape:** `(n, m)` → `(n, m)`.
 *
 * @example
 * ```ts
 * import { Matrix, SiLU } from 'bottomup';
 * new SiLU().forward(Matrix.from([[0]])).toArray(); //=> [[0]]
 * ```
 */
export class SiLU extends Activation {
  /** `"SiLU"`. */
  declare readonly type: 'SiLU';

  constructor() {
    super('SiLU', SILU);
  }
}

import { Activation } from './activation.js';
import { GELU_KERNEL } from './kernels.js';

/**
 * The Gaussian error linear unit in its **tanh approximation** (PyTorch's `approximate='tanh'`,
 * Keras's `approximate=True`): `0.5·z·(1 + tanh(√(2/π)·(z + 0.044715·z³)))`.
 *
 * @remarks
 * The tanh form is used because JavaScript has no `erf`; its derivative is exact for the function
 * computed, so gradient checks hold to rounding. With `u = √(2/π)·(z + 0.044715·z³)` and `t = tanh u`:
 * `g′(z) = 0.5·(1 + t) + 0.5·z·(1 − t²)·√(2/π)·(1 + 3·0.044715·z²)`.
 *
 * **Shape:** `(n, m)` → `(n, m)`.
 *
 * @example
 * ```ts
 * import { GELU, Matrix } from 'bottomup';
 * new GELU().forward(Matrix.from([[0]])).toArray(); //=> [[0]]
 * ```
 */
export class GELU extends Activation {
  /** `"GELU"`. */
  declare readonly type: 'GELU';

  constructor() {
    super('GELU', GELU_KERNEL);
  }
}

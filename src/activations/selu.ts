import { Activation } from './activation.js';
import { SELU_KERNEL } from './kernels.js';

/**
 * The scaled exponential linear unit, `λ·z` for `z > 0`, else `λ·α·(e^z − 1)`, with
 * `λ ≈ 1.0507` and `α ≈ 1.6733` (Klambauer et al.); pair it with `init: 'lecun'`.
 *
 * @remarks Derivative `λ` for `z > 0`, else `λ·α·e^z`. **Shape:** `(n, m)` → `(n, m)`.
 *
 * @example
 * ```ts
 * import { Matrix, SELU } from 'bottomup';
 * new SELU().forward(Matrix.from([[0]])).toArray(); //=> [[0]]
 * ```
 */
export class SELU extends Activation {
  /** `"SELU"`. */
  declare readonly type: 'SELU';

  constructor() {
    super('SELU', SELU_KERNEL);
  }
}

import { Activation } from './activation.js';
import { IDENTITY } from './kernels.js';

/**
 * The identity (linear) activation, `g(z) = z` — for regression outputs, or logits fed to a
 * `fromLogits` loss.
 *
 * @remarks Derivative `1`. **Shape:** `(n, m)` → `(n, m)`.
 *
 * @example
 * ```ts
 * import { Identity, Matrix } from 'bottomup';
 * new Identity().forward(Matrix.from([[-2, 3]])).toArray(); //=> [[-2, 3]]
 * ```
 */
export class Identity extends Activation {
  /** `"Identity"`. */
  declare readonly type: 'Identity';

  constructor() {
    super('Identity', IDENTITY);
  }
}

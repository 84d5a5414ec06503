import { Activation } from './activation.js';
import { sigmoid, softplus } from './math.js';

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
  readonly type = 'Softplus';

  protected apply(z: Float64Array, a: Float64Array): void {
    for (let i = 0; i < a.length; i++) a[i] = softplus(z[i]);
  }

  protected derivative(z: Float64Array, _a: Float64Array, da: Float64Array, dz: Float64Array): void {
    for (let i = 0; i < dz.length; i++) dz[i] = da[i] * sigmoid(z[i]);
  }
}

import { tanhInto } from '../math/tanh.js';
import { Activation } from './activation.js';

/**
 * The hyperbolic tangent, `tanh(z)` — the seed's hidden-layer activation.
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
  readonly type = 'Tanh';

  protected apply(z: Float64Array, a: Float64Array): void {
    tanhInto(a, z);
  }

  protected derivative(_z: Float64Array, a: Float64Array, da: Float64Array, dz: Float64Array): void {
    for (let i = 0; i < dz.length; i++) {
      const t = a[i];
      dz[i] = da[i] * (1 - t * t);
    }
  }
}

import { Activation } from './activation.js';
import { sigmoid } from './math.js';

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
  readonly type = 'SiLU';

  protected apply(z: Float64Array, a: Float64Array): void {
    for (let i = 0; i < a.length; i++) {
      const x = z[i];
      const s = sigmoid(x);
      a[i] = x * s;
    }
  }

  protected derivative(z: Float64Array, _a: Float64Array, da: Float64Array, dz: Float64Array): void {
    for (let i = 0; i < dz.length; i++) {
      const x = z[i];
      const s = sigmoid(x);
      dz[i] = da[i] * s * (1 + x * (1 - s));
    }
  }
}

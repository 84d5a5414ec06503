import { Activation } from './activation.js';
import { sigmoidSlot } from '../math/sigmoid.js';
import { SLOT } from '../math/slot.js';
import { softplusInto } from '../math/softplus.js';

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
    softplusInto(a, z);
  }

  protected derivative(z: Float64Array, _a: Float64Array, da: Float64Array, dz: Float64Array): void {
    for (let i = 0; i < dz.length; i++) {
      SLOT[0] = z[i];
      sigmoidSlot(); // σ(z) into SLOT[0] (see ../math/slot.ts for why not sigmoid(z))
      dz[i] = da[i] * SLOT[0];
    }
  }
}

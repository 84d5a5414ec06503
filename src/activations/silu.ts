import { Activation } from './activation.js';
import { sigmoidSlot } from '../math/sigmoid.js';
import { SLOT } from '../math/slot.js';

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
      SLOT[0] = x;
      sigmoidSlot(); // σ(x) into SLOT[0] (see ../math/slot.ts for why not sigmoid(x))
      a[i] = x * SLOT[0];
    }
  }

  protected derivative(z: Float64Array, _a: Float64Array, da: Float64Array, dz: Float64Array): void {
    for (let i = 0; i < dz.length; i++) {
      const x = z[i];
      SLOT[0] = x;
      sigmoidSlot();
      const s = SLOT[0];
      dz[i] = da[i] * s * (1 + x * (1 - s));
    }
  }
}

import { expSlot } from '../math/exp.js';
import { expm1Slot } from '../math/expm1.js';
import { SLOT } from '../math/slot.js';
import { Activation } from './activation.js';

const LAMBDA = 1.0507009873554804934193349852946;
const ALPHA = 1.6732632423543772848170429916717;

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
  readonly type = 'SELU';

  protected apply(z: Float64Array, a: Float64Array): void {
    for (let i = 0; i < a.length; i++) {
      const x = z[i];
      if (x > 0) {
        a[i] = LAMBDA * x;
      } else {
        SLOT[0] = x;
        expm1Slot(); // e^x − 1 into SLOT[0] (see ../math/slot.ts for why not expm1(x))
        a[i] = LAMBDA * ALPHA * SLOT[0];
      }
    }
  }

  protected derivative(z: Float64Array, _a: Float64Array, da: Float64Array, dz: Float64Array): void {
    for (let i = 0; i < dz.length; i++) {
      const x = z[i];
      if (x > 0) {
        dz[i] = LAMBDA * da[i];
      } else {
        SLOT[0] = x;
        expSlot();
        dz[i] = da[i] * LAMBDA * ALPHA * SLOT[0];
      }
    }
  }
}

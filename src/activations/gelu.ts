import { SLOT } from '../math/slot.js';
import { tanhSlot } from '../math/tanh.js';
import { Activation } from './activation.js';

const C = Math.sqrt(2 / Math.PI);
const K = 0.044715;

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
  readonly type = 'GELU';

  protected apply(z: Float64Array, a: Float64Array): void {
    for (let i = 0; i < a.length; i++) {
      const x = z[i];
      SLOT[0] = C * (x + K * x * x * x);
      tanhSlot(); // tanh into SLOT[0] (see ../math/slot.ts for why not tanh(…))
      a[i] = 0.5 * x * (1 + SLOT[0]);
    }
  }

  protected derivative(z: Float64Array, _a: Float64Array, da: Float64Array, dz: Float64Array): void {
    for (let i = 0; i < dz.length; i++) {
      const x = z[i];
      SLOT[0] = C * (x + K * x * x * x);
      tanhSlot();
      const t = SLOT[0];
      const sech2 = 1 - t * t;
      // Once tanh saturates (|z| ≳ 10) the second term is exactly 0; skipping it avoids 0·∞ = NaN
      // when z² overflows (|z| > 1.3e154).
      dz[i] = da[i] * (sech2 === 0 ? 0.5 * (1 + t) : 0.5 * (1 + t) + 0.5 * x * sech2 * C * (1 + 3 * K * x * x));
    }
  }
}

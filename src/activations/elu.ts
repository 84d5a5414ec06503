import { expSlot } from '../math/exp.js';
import { expm1Slot } from '../math/expm1.js';
import { SLOT } from '../math/slot.js';
import { Activation, checkAlpha } from './activation.js';

/** Options of {@link ELU}. */
export interface ELUOptions {
  /** The saturation value for negative inputs; default `1`. */
  alpha?: number;
}

/**
 * The exponential linear unit, `z` for `z > 0`, else `α·(e^z − 1)`.
 *
 * @remarks Derivative `1` for `z > 0`, else `α·e^z` (= `A + α`). **Shape:** `(n, m)` → `(n, m)`.
 *
 * @example
 * ```ts
 * import { ELU, Matrix } from 'bottomup';
 * new ELU().forward(Matrix.from([[0, 2]])).toArray(); //=> [[0, 2]]
 * ```
 */
export class ELU extends Activation {
  /** `"ELU"`. */
  readonly type = 'ELU';
  /** The negative saturation `α`. */
  readonly alpha: number;

  /**
   * @param options - `alpha` (a finite number, default 1).
   * @throws RangeError when `alpha` is not finite.
   */
  constructor(options: ELUOptions = {}) {
    super();
    this.alpha = checkAlpha('ELU', options, 1);
  }

  protected apply(z: Float64Array, a: Float64Array): void {
    const alpha = this.alpha;
    for (let i = 0; i < a.length; i++) {
      const x = z[i];
      if (x > 0) {
        a[i] = x;
      } else {
        SLOT[0] = x;
        expm1Slot(); // e^x − 1 into SLOT[0] (see ../math/slot.ts for why not expm1(x))
        a[i] = alpha * SLOT[0];
      }
    }
  }

  protected derivative(z: Float64Array, _a: Float64Array, da: Float64Array, dz: Float64Array): void {
    const alpha = this.alpha;
    for (let i = 0; i < dz.length; i++) {
      const x = z[i];
      if (x > 0) {
        dz[i] = da[i];
      } else {
        SLOT[0] = x;
        expSlot();
        dz[i] = da[i] * alpha * SLOT[0];
      }
    }
  }

  protected override config(): Record<string, unknown> {
    return { alpha: this.alpha };
  }
}

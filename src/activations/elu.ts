import { Activation, checkAlpha } from './activation.js';
import { ELU_KERNEL } from './kernels.js';

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
  declare readonly type: 'ELU';
  /** The negative saturation `α`. */
  readonly alpha: number;

  /**
   * @param options - `alpha` (a finite number, default 1).
   * @throws RangeError when `alpha` is not finite.
   */
  constructor(options: ELUOptions = {}) {
    const alpha = checkAlpha('ELU', options, ELU_KERNEL.alpha);
    super('ELU', ELU_KERNEL, alpha);
    this.alpha = alpha;
  }

  protected override config(): Record<string, unknown> {
    return { alpha: this.alpha };
  }
}

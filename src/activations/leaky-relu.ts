import { Activation, checkAlpha } from './activation.js';
import { LEAKY_RELU } from './kernels.js';

/** Options of {@link LeakyReLU}. */
export interface LeakyReLUOptions {
  /** The slope for `z < 0`; default `0.01` (PyTorch's). Keras calls it `negative_slope`. */
  alpha?: number;
}

/**
 * The leaky ReLU, `z` for `z > 0`, else `α·z`.
 *
 * @remarks Derivative `1` for `z > 0`, else `α`. **Shape:** `(n, m)` → `(n, m)`.
 *
 * @example
 * ```ts
 * import { LeakyReLU, Matrix } from 'bottomup';
 * new LeakyReLU({ alpha: 0.1 }).forward(Matrix.from([[-2, 3]])).toArray(); //=> [[-0.2, 3]]
 * ```
 */
export class LeakyReLU extends Activation {
  /** `"LeakyReLU"`. */
  declare readonly type: 'LeakyReLU';
  /** The negative slope `α`. */
  readonly alpha: number;

  /**
   * @param options - `alpha`, the slope for negative inputs (a finite number).
   * @throws RangeError when `alpha` is not finite.
   */
  constructor(options: LeakyReLUOptions = {}) {
    const alpha = checkAlpha('LeakyReLU', options, LEAKY_RELU.alpha);
    super('LeakyReLU', LEAKY_RELU, alpha);
    this.alpha = alpha;
  }

  protected override config(): Record<string, unknown> {
    return { alpha: this.alpha };
  }
}

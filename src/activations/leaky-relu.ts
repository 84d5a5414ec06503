import { Activation, checkAlpha } from './activation.js';

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
  readonly type = 'LeakyReLU';
  /** The negative slope `α`. */
  readonly alpha: number;

  /**
   * @param options - `alpha`, the slope for negative inputs (a finite number).
   * @throws RangeError when `alpha` is not finite.
   */
  constructor(options: LeakyReLUOptions = {}) {
    super();
    this.alpha = checkAlpha('LeakyReLU', options, 0.01);
  }

  protected apply(z: Float64Array, a: Float64Array): void {
    const alpha = this.alpha;
    for (let i = 0; i < a.length; i++) {
      const x = z[i];
      a[i] = x > 0 ? x : alpha * x;
    }
  }

  protected derivative(z: Float64Array, _a: Float64Array, da: Float64Array, dz: Float64Array): void {
    const alpha = this.alpha;
    for (let i = 0; i < dz.length; i++) dz[i] = z[i] > 0 ? da[i] : alpha * da[i];
  }

  protected override config(): Record<string, unknown> {
    return { alpha: this.alpha };
  }
}

import { checkOptions, checkPositive } from '../validate/values.js';
import { Loss } from './loss.js';

/** Options of {@link Huber}. */
export interface HuberOptions {
  /** Where the loss turns from quadratic to linear; default `1`. */
  delta?: number;
}

/**
 * The Huber loss, quadratic near the target and linear beyond `δ`, averaged over all outputs:
 * `L = ½d²` for `|d| ≤ δ`, else `δ·(|d| − ½δ)`, with `d = ŷ − y`.
 *
 * @remarks Gradient `d` for `|d| ≤ δ`, else `δ·sign(d)`, divided by `n_y·m`. Targets must be finite.
 * **Shape:** prediction and target `(n_y, m)`.
 *
 * @example
 * ```ts
 * import { Huber, Matrix } from 'bottomup';
 * new Huber({ delta: 1 }).forward(Matrix.from([[0.5, 3]]), Matrix.from([[0, 0]])); //=> 1.3125
 * ```
 */
export class Huber extends Loss {
  /** `"Huber"`. */
  readonly type = 'Huber';
  /** The threshold `δ`. */
  readonly delta: number;

  /**
   * @param options - `delta`, a finite number `> 0`.
   * @throws RangeError when `delta` is not a finite positive number.
   */
  constructor(options: HuberOptions = {}) {
    super();
    checkOptions('Huber', options, ['delta']);
    this.delta = checkPositive('Huber', 'delta', options.delta ?? 1);
  }

  protected validate(t: Float64Array, _rows: number, cols: number): void {
    this.checkAllFinite(t, cols);
  }

  protected cost(p: Float64Array, t: Float64Array): number {
    const out = new Float64Array(1); // off the training path: forward calls costInto
    this.costInto(out, p, t, 0, 0, this.unit(p.length));
    return out[0];
  }

  protected override costInto(
    out: Float64Array,
    p: Float64Array,
    t: Float64Array,
    _r: number,
    _c: number,
    w: Float64Array,
  ): void {
    const delta = this.delta;
    let sum = 0;
    for (let i = 0; i < p.length; i++) {
      const a = Math.abs(p[i] - t[i]);
      sum += (a <= delta ? 0.5 * a * a : delta * (a - 0.5 * delta)) * w[i];
    }
    out[0] = sum / p.length;
  }

  protected gradient(p: Float64Array, t: Float64Array, g: Float64Array): void {
    const delta = this.delta,
      k = 1 / p.length;
    for (let i = 0; i < p.length; i++) {
      const d = p[i] - t[i];
      g[i] = (d > delta ? delta : d < -delta ? -delta : d) * k;
    }
  }
}

import { Loss } from './loss.js';

/**
 * The mean squared error over all outputs: `J = (1/(n_y·m)) Σ (ŷ − y)²` (PyTorch's and Keras's
 * default reduction; for one output it is the mean over examples).
 *
 * @remarks Gradient `dJ/dŷ = 2(ŷ − y)/(n_y·m)`. Targets must be finite.
 * **Shape:** prediction and target `(n_y, m)`.
 *
 * @example
 * ```ts
 * import { Matrix, MeanSquaredError } from 'bottomup';
 * new MeanSquaredError().forward(Matrix.from([[1, 3]]), Matrix.from([[0, 1]])); //=> 2.5
 * ```
 */
export class MeanSquaredError extends Loss {
  /** `"MeanSquaredError"`. */
  readonly type = 'MeanSquaredError';

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
    let sum = 0;
    for (let i = 0; i < p.length; i++) {
      const d = p[i] - t[i];
      sum += d * d * w[i];
    }
    out[0] = sum / p.length;
  }

  protected gradient(p: Float64Array, t: Float64Array, g: Float64Array): void {
    const k = 2 / p.length;
    for (let i = 0; i < p.length; i++) g[i] = (p[i] - t[i]) * k;
  }
}

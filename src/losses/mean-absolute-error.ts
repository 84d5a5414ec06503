import { Loss } from './loss.js';

/**
 * The mean absolute error over all outputs: `J = (1/(n_y·m)) Σ |ŷ − y|`.
 *
 * @remarks Gradient `sign(ŷ − y)/(n_y·m)`, taken as 0 where `ŷ = y`. Targets must be finite.
 * **Shape:** prediction and target `(n_y, m)`.
 *
 * @example
 * ```ts
 * import { Matrix, MeanAbsoluteError } from 'bottomup';
 * new MeanAbsoluteError().forward(Matrix.from([[1, 3]]), Matrix.from([[0, 1]])); //=> 1.5
 * ```
 */
export class MeanAbsoluteError extends Loss {
  /** `"MeanAbsoluteError"`. */
  readonly type = 'MeanAbsoluteError';

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
    for (let i = 0; i < p.length; i++) sum += Math.abs(p[i] - t[i]) * w[i];
    out[0] = sum / p.length;
  }

  protected gradient(p: Float64Array, t: Float64Array, g: Float64Array): void {
    const k = 1 / p.length;
    for (let i = 0; i < p.length; i++) {
      const d = p[i] - t[i];
      g[i] = d > 0 ? k : d < 0 ? -k : 0;
    }
  }
}

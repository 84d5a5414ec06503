import { expSlot } from '../math/exp.js';
import { SLOT } from '../math/slot.js';
import { Activation } from './activation.js';

/**
 * The softmax over each column (each example), `A_i = e^(z_i) / Σ_k e^(z_k)`.
 *
 * @remarks
 * Stable: the column's maximum is subtracted before exponentiating. Backward, per column:
 * `dZ_i = A_i·(dA_i − Σ_k A_k·dA_k)`. For training, {@link CategoricalCrossEntropy} with
 * `fromLogits: true` on a linear output is more accurate than `Softmax` + `CategoricalCrossEntropy`.
 *
 * **Shape:** `(n, m)` → `(n, m)`, each column summing to 1.
 *
 * @example
 * ```ts
 * import { Matrix, Softmax } from 'bottomup';
 * new Softmax().forward(Matrix.from([[1000], [1000]])).toArray(); //=> [[0.5], [0.5]]
 * ```
 */
export class Softmax extends Activation {
  /** `"Softmax"`. */
  readonly type = 'Softmax';

  protected apply(z: Float64Array, a: Float64Array, rows: number, cols: number): void {
    for (let j = 0; j < cols; j++) {
      let max = -Infinity;
      for (let i = 0, s = j; i < rows; i++, s += cols) if (z[s] > max) max = z[s];
      let sum = 0;
      for (let i = 0, s = j; i < rows; i++, s += cols) {
        SLOT[0] = z[s] - max;
        expSlot(); // e^(z − max) into SLOT[0] (see ../math/slot.ts for why not exp(…))
        const e = SLOT[0];
        a[s] = e;
        sum += e;
      }
      const inv = 1 / sum;
      for (let i = 0, s = j; i < rows; i++, s += cols) a[s] *= inv;
    }
  }

  protected derivative(_z: Float64Array, a: Float64Array, da: Float64Array, dz: Float64Array, rows: number, cols: number): void {
    for (let j = 0; j < cols; j++) {
      let dot = 0;
      for (let i = 0, s = j; i < rows; i++, s += cols) dot += a[s] * da[s];
      for (let i = 0, s = j; i < rows; i++, s += cols) dz[s] = a[s] * (da[s] - dot);
    }
  }
}

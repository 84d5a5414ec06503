import { Activation } from './activation.js';

/**
 * The rectified linear unit, `max(0, z)`.
 *
 * @remarks Derivative `1` for `z > 0`, else `0` (the kink at 0 takes 0, as in PyTorch).
 * **Shape:** `(n, m)` → `(n, m)`.
 *
 * @example
 * ```ts
 * import { Matrix, ReLU } from 'bottomup';
 * new ReLU().forward(Matrix.from([[-2, 3]])).toArray(); //=> [[0, 3]]
 * ```
 */
export class ReLU extends Activation {
  /** `"ReLU"`. */
  readonly type = 'ReLU';

  protected apply(z: Float64Array, a: Float64Array): void {
    for (let i = 0; i < a.length; i++) {
      const x = z[i];
      a[i] = x > 0 ? x : 0;
    }
  }

  protected derivative(z: Float64Array, _a: Float64Array, da: Float64Array, dz: Float64Array): void {
    for (let i = 0; i < dz.length; i++) dz[i] = z[i] > 0 ? da[i] : 0;
  }
}

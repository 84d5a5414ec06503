import { Activation } from './activation.js';
import { RELU } from './kernels.js';

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
  declare readonly type: 'ReLU';

  constructor() {
    super('ReLU', RELU);
  }
}

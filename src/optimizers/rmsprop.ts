import { checkBoolean, checkOptions, checkPositive, checkUnitInterval } from '../validate/values.js';
import type { Parameter } from '../parameter.js';
import { Optimizer } from './optimizer.js';

/** Options of {@link RMSprop}. */
export interface RMSpropOptions {
  /** The step size `α`; default `0.01`. */
  learningRate?: number;
  /** Smoothing constant `ρ` (PyTorch's `alpha`) in `[0, 1)`; default `0.99`. */
  rho?: number;
  /** `ε` added to the denominator, `> 0`; default `1e-8`. */
  epsilon?: number;
  /** Momentum `μ` in `[0, 1)`; default `0`. */
  momentum?: number;
  /** Normalise by the centred second moment (an estimate of the variance); default `false`. */
  centered?: boolean;
  /** L2 penalty `λ` added to the gradient; default `0`. */
  weightDecay?: number;
}

/**
 * RMSprop (Hinton) — PyTorch's `torch.optim.RMSprop` update rule.
 *
 * @remarks
 * With `g = grad + λ·W`: `s := ρ·s + (1 − ρ)·g²`; when centred, `ḡ := ρ·ḡ + (1 − ρ)·g` and
 * `d = √(s − ḡ²) + ε`, otherwise `d = √s + ε`. Without momentum `W := W − α·g/d`; with momentum
 * `b := μ·b + g/d`, `W := W − α·b`.
 *
 * @example
 * ```ts
 * import { Dense, RMSprop } from 'bottomup';
 * const layer = new Dense(1, 1, { init: 'zeros', useBias: false });
 * layer.weight.grad.fill(1);
 * new RMSprop(layer.parameters(), { learningRate: 0.01, rho: 0.99, epsilon: 1e-8 }).step();
 * layer.weight.value.get(0, 0); //=> -0.09999999000000095
 * ```
 */
export class RMSprop extends Optimizer {
  /** `"RMSprop"`. */
  readonly type = 'RMSprop';
  /** `ρ`. */
  readonly rho: number;
  /** `ε`. */
  readonly epsilon: number;
  /** `μ`. */
  readonly momentum: number;
  /** Whether the second moment is centred. */
  readonly centered: boolean;
  /** `λ`. */
  readonly weightDecay: number;

  /**
   * @param parameters - the parameters to update (`model.parameters()`).
   * @param options - `learningRate`, `rho`, `epsilon`, `momentum`, `centered`, `weightDecay`.
   * @throws RangeError for a bad hyperparameter (the value is in the message).
   * @throws TypeError on an unknown option or a non-boolean `centered`.
   */
  constructor(parameters: readonly Parameter[], options: RMSpropOptions = {}) {
    checkOptions('RMSprop', options, ['learningRate', 'rho', 'epsilon', 'momentum', 'centered', 'weightDecay']);
    const momentum = checkUnitInterval('RMSprop', 'momentum', options.momentum ?? 0);
    const centered = checkBoolean('RMSprop', 'centered', options.centered ?? false);
    super(
      'RMSprop',
      parameters,
      options.learningRate ?? 0.01,
      ['square', ...(momentum > 0 ? ['momentum'] : []), ...(centered ? ['mean'] : [])],
      ['square'],
    );
    this.rho = checkUnitInterval('RMSprop', 'rho', options.rho ?? 0.99);
    this.epsilon = checkPositive('RMSprop', 'epsilon', options.epsilon ?? 1e-8);
    this.momentum = momentum;
    this.centered = centered;
    this.weightDecay = checkPositive('RMSprop', 'weightDecay', options.weightDecay ?? 0, true);
  }

  /** One update of every parameter (see the class remarks for the rule). */
  step(): void {
    const lr = this.learningRate,
      rho = this.rho,
      eps = this.epsilon,
      mu = this.momentum,
      wd = this.weightDecay;
    const params = this.parameters;
    for (let k = 0; k < params.length; k++) {
      const W = params[k].value.data,
        G = params[k].grad.data;
      const S = this.slots.square[k];
      const Gm = this.centered ? this.slots.mean[k] : null;
      const B = mu > 0 ? this.slots.momentum[k] : null;
      for (let i = 0; i < W.length; i++) {
        const g = G[i] + wd * W[i];
        const s = (S[i] = rho * S[i] + (1 - rho) * g * g);
        let d: number;
        if (Gm !== null) {
          const gm = (Gm[i] = rho * Gm[i] + (1 - rho) * g);
          // s − ḡ² is a variance, >= 0 in exact arithmetic; rounding takes it just below 0 when the
          // gradient is (nearly) constant, and √ of that would turn the weights into NaN.
          d = Math.sqrt(Math.max(s - gm * gm, 0)) + eps;
        } else {
          d = Math.sqrt(s) + eps;
        }
        if (B !== null) {
          const b = (B[i] = mu * B[i] + g / d);
          W[i] -= lr * b;
        } else {
          W[i] -= (lr * g) / d;
        }
      }
    }
    this.steps++;
  }

  protected config(): Record<string, number | boolean> {
    return {
      rho: this.rho,
      epsilon: this.epsilon,
      momentum: this.momentum,
      centered: this.centered,
      weightDecay: this.weightDecay,
    };
  }
}

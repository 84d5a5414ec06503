import { fmtValue } from '../errors.js';
import { checkBoolean, checkOptions, checkPositive, checkUnitInterval } from '../validate/values.js';
import type { Parameter } from '../parameter.js';
import { Optimizer } from './optimizer.js';

/** Options of {@link SGD}. */
export interface SGDOptions {
  /** The step size `α` (required, `> 0`). The course's 2-layer network uses `1.2`. */
  learningRate: number;
  /** Momentum factor `μ` in `[0, 1)`; default `0` (plain gradient descent). */
  momentum?: number;
  /** Dampening `τ` of the momentum in `[0, 1)`; default `0`. */
  dampening?: number;
  /** Nesterov momentum (needs `momentum > 0` and `dampening = 0`); default `false`. */
  nesterov?: boolean;
  /** L2 penalty `λ` added to the gradient; default `0`. */
  weightDecay?: number;
  /**
   * The velocity the momentum starts from: `'gradient'` (PyTorch: `v := g` on the first step, the
   * default) or `'zero'` (the course and Keras: `v₀ = 0`, so the first step is `v := (1 − τ)·g` too).
   */
  initialVelocity?: 'gradient' | 'zero';
}

/**
 * Stochastic gradient descent, with optional momentum, Nesterov momentum and weight decay — PyTorch's
 * `torch.optim.SGD` update rule.
 *
 * @remarks
 * With `g = grad + λ·W`:
 * - plain (the course): `W := W − α·g`;
 * - momentum: `v := g` on the first step, then `v := μ·v + (1 − τ)·g`; `W := W − α·v`;
 *   with `initialVelocity: 'zero'`, `v₀ = 0` and the rule holds from the first step, so momentum `β`
 *   with dampening `β` is the course's `v := β·v + (1 − β)·dW`;
 * - Nesterov: the same `v`, then `W := W − α·(g + μ·v)`.
 *
 * (PyTorch's convention; TensorFlow/Keras fold `α` into `v`, which differs when `α` changes.)
 *
 * @example
 * ```ts
 * import { Dense, SGD } from 'bottomup';
 * const layer = new Dense(1, 1, { init: 'zeros' });
 * layer.weight.grad.fill(2);
 * new SGD(layer.parameters(), { learningRate: 0.5 }).step();
 * layer.weight.value.get(0, 0); //=> -1
 * ```
 */
export class SGD extends Optimizer {
  /** `"SGD"`. */
  readonly type = 'SGD';
  /** Momentum factor `μ`. */
  readonly momentum: number;
  /** Dampening `τ`. */
  readonly dampening: number;
  /** Whether Nesterov momentum is used. */
  readonly nesterov: boolean;
  /** L2 penalty `λ`. */
  readonly weightDecay: number;
  /** The velocity the momentum starts from: `'gradient'` or `'zero'`. */
  readonly initialVelocity: 'gradient' | 'zero';

  /**
   * @param parameters - the parameters to update (`model.parameters()`).
   * @param options - `learningRate` (required), `momentum`, `dampening`, `nesterov`, `weightDecay`,
   *   `initialVelocity`.
   * @throws RangeError for a learning rate that is not a finite positive number, momentum or dampening
   *   outside `[0, 1)`, a negative weight decay, Nesterov without momentum, or an unknown
   *   `initialVelocity`.
   * @throws TypeError on an unknown option or a non-boolean `nesterov`.
   */
  constructor(parameters: readonly Parameter[], options: SGDOptions) {
    checkOptions('SGD', options, [
      'learningRate',
      'momentum',
      'dampening',
      'nesterov',
      'weightDecay',
      'initialVelocity',
    ]);
    const momentum = checkUnitInterval('SGD', 'momentum', options?.momentum ?? 0);
    super('SGD', parameters, options?.learningRate, momentum > 0 ? ['momentum'] : []);
    this.momentum = momentum;
    this.dampening = checkUnitInterval('SGD', 'dampening', options.dampening ?? 0);
    this.nesterov = checkBoolean('SGD', 'nesterov', options.nesterov ?? false);
    this.weightDecay = checkPositive('SGD', 'weightDecay', options.weightDecay ?? 0, true);
    const start = options.initialVelocity ?? 'gradient';
    if (start !== 'gradient' && start !== 'zero') {
      throw new RangeError(`SGD: expected initialVelocity 'gradient' or 'zero', got ${fmtValue(start)}`);
    }
    this.initialVelocity = start;
    if (this.nesterov && (momentum === 0 || this.dampening !== 0)) {
      throw new RangeError(
        `SGD: expected momentum > 0 and dampening = 0 with nesterov, got momentum ${momentum} and dampening ` +
          `${this.dampening}`,
      );
    }
  }

  /** One update of every parameter (see the class remarks for the rule). */
  step(): void {
    const lr = this.learningRate,
      mu = this.momentum,
      damp = this.dampening,
      wd = this.weightDecay;
    const first = this.stepCount === 0 && this.initialVelocity === 'gradient';
    const params = this.parameters;
    for (let k = 0; k < params.length; k++) {
      const W = params[k].value.data,
        G = params[k].grad.data;
      if (mu === 0) {
        if (wd === 0) {
          for (let i = 0; i < W.length; i++) W[i] -= lr * G[i];
        } else {
          for (let i = 0; i < W.length; i++) W[i] -= lr * (G[i] + wd * W[i]);
        }
        continue;
      }
      const V = this.slots.momentum[k];
      for (let i = 0; i < W.length; i++) {
        const g = G[i] + wd * W[i];
        const v = first ? g : mu * V[i] + (1 - damp) * g;
        V[i] = v;
        W[i] -= lr * (this.nesterov ? g + mu * v : v);
      }
    }
    this.steps++;
  }

  protected config(): Record<string, number | boolean | string> {
    return {
      momentum: this.momentum,
      dampening: this.dampening,
      nesterov: this.nesterov,
      weightDecay: this.weightDecay,
      initialVelocity: this.initialVelocity,
    };
  }
}

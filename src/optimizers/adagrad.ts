import { checkOptions, checkPositive } from '../validate/values.js';
import type { Parameter } from '../parameter.js';
import { Optimizer } from './optimizer.js';

/** Options of {@link Adagrad}. */
export interface AdagradOptions {
  /** The step size `α`; default `0.01`. */
  learningRate?: number;
  /** Learning-rate decay `η`: step `t` uses `α / (1 + (t − 1)·η)`; default `0`. */
  lrDecay?: number;
  /** `ε` added to the denominator, `> 0`; default `1e-10`. */
  epsilon?: number;
  /** The running sum's starting value, `≥ 0`; default `0`. */
  initialAccumulatorValue?: number;
  /** L2 penalty `λ` added to the gradient; default `0`. */
  weightDecay?: number;
}

/**
 * Adagrad (Duchi et al.) — PyTorch's `torch.optim.Adagrad` update rule.
 *
 * @remarks
 * At step `t` (from 1), with `g = grad + λ·W`: `α_t = α / (1 + (t − 1)·η)`, `s := s + g²`,
 * `W := W − α_t·g / (√s + ε)`. Each weight's step shrinks as its squared gradients add up.
 *
 * @example
 * ```ts
 * import { Adagrad, Dense } from 'bottomup';
 * const layer = new Dense(1, 1, { init: 'zeros', useBias: false });
 * layer.weight.grad.fill(2);
 * new Adagrad(layer.parameters(), { learningRate: 0.1 }).step();
 * layer.weight.value.get(0, 0); //=> -0.099999999995
 * ```
 */
export class Adagrad extends Optimizer {
  /** `"Adagrad"`. */
  readonly type = 'Adagrad';
  /** `η`. */
  readonly lrDecay: number;
  /** `ε`. */
  readonly epsilon: number;
  /** The running sum's starting value. */
  readonly initialAccumulatorValue: number;
  /** `λ`. */
  readonly weightDecay: number;

  /**
   * @param parameters - the parameters to update (`model.parameters()`).
   * @param options - `learningRate`, `lrDecay`, `epsilon`, `initialAccumulatorValue`, `weightDecay`.
   * @throws RangeError for a bad hyperparameter (the value is in the message).
   * @throws TypeError on an unknown option or a non-number hyperparameter.
   */
  constructor(parameters: readonly Parameter[], options: AdagradOptions = {}) {
    checkOptions('Adagrad', options, ['learningRate', 'lrDecay', 'epsilon', 'initialAccumulatorValue', 'weightDecay']);
    super('Adagrad', parameters, options.learningRate ?? 0.01, ['sum'], ['sum']);
    this.lrDecay = checkPositive('Adagrad', 'lrDecay', options.lrDecay ?? 0, true);
    this.epsilon = checkPositive('Adagrad', 'epsilon', options.epsilon ?? 1e-10);
    this.initialAccumulatorValue = checkPositive(
      'Adagrad',
      'initialAccumulatorValue',
      options.initialAccumulatorValue ?? 0,
      true,
    );
    this.weightDecay = checkPositive('Adagrad', 'weightDecay', options.weightDecay ?? 0, true);
    if (this.initialAccumulatorValue !== 0) for (const s of this.slots.sum) s.fill(this.initialAccumulatorValue);
  }

  /** One update of every parameter (see the class remarks for the rule). */
  step(): void {
    const lr = this.learningRate / (1 + this.stepCount * this.lrDecay),
      eps = this.epsilon,
      wd = this.weightDecay;
    const params = this.parameters;
    for (let k = 0; k < params.length; k++) {
      const W = params[k].value.data,
        G = params[k].grad.data;
      const S = this.slots.sum[k];
      for (let i = 0; i < W.length; i++) {
        const g = G[i] + wd * W[i];
        const s = (S[i] = S[i] + g * g);
        W[i] -= (lr * g) / (Math.sqrt(s) + eps);
      }
    }
    this.steps++;
  }

  protected config(): Record<string, number | boolean> {
    return {
      lrDecay: this.lrDecay,
      epsilon: this.epsilon,
      initialAccumulatorValue: this.initialAccumulatorValue,
      weightDecay: this.weightDecay,
    };
  }
}

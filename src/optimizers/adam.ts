import { checkOptions, checkPositive, checkUnitInterval } from '../validate/values.js';
import type { Parameter } from '../parameter.js';
import { powIntSlot } from '../math/pow.js';
import { SLOT } from '../math/slot.js';
import { Optimizer } from './optimizer.js';

/** Options of {@link Adam} and {@link AdamW}. */
export interface AdamOptions {
  /** The step size `α`; default `0.001`. */
  learningRate?: number;
  /** Decay of the first moment `β₁` in `[0, 1)`; default `0.9`. */
  beta1?: number;
  /** Decay of the second moment `β₂` in `[0, 1)`; default `0.999`. */
  beta2?: number;
  /** `ε` added to the denominator, `> 0`; default `1e-8`. */
  epsilon?: number;
  /** Weight decay `λ` (L2 in the gradient for Adam, decoupled for AdamW); default `0` (AdamW: `0.01`). */
  weightDecay?: number;
}

const ADAM_OPTIONS = ['learningRate', 'beta1', 'beta2', 'epsilon', 'weightDecay'];

/**
 * Adam (Kingma & Ba), with bias correction — PyTorch's `torch.optim.Adam` update rule.
 *
 * @remarks
 * At step `t` (from 1), with `g = grad + λ·W`:
 * `m := β₁·m + (1 − β₁)·g`, `v := β₂·v + (1 − β₂)·g²`,
 * `W := W − (α / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)`.
 *
 * @example
 * ```ts
 * import { Adam, Dense } from 'bottomup';
 * const layer = new Dense(1, 1, { init: 'zeros', useBias: false });
 * layer.weight.grad.fill(5);
 * new Adam(layer.parameters(), { learningRate: 0.1 }).step();
 * layer.weight.value.get(0, 0); //=> -0.0999999998
 * ```
 */
export class Adam extends Optimizer {
  /** `"Adam"` (or `"AdamW"`). */
  readonly type: string = 'Adam';
  /** `β₁`. */
  readonly beta1: number;
  /** `β₂`. */
  readonly beta2: number;
  /** `ε`. */
  readonly epsilon: number;
  /** Weight decay `λ`. */
  readonly weightDecay: number;
  /** Whether the weight decay is decoupled (AdamW). */
  protected readonly decoupled: boolean = false;

  /**
   * @param parameters - the parameters to update (`model.parameters()`).
   * @param options - `learningRate`, `beta1`, `beta2`, `epsilon`, `weightDecay`.
   * @throws RangeError for a bad hyperparameter (the value is in the message).
   * @throws TypeError on an unknown option.
   */
  constructor(parameters: readonly Parameter[], options: AdamOptions = {}) {
    const op = new.target === Adam ? 'Adam' : 'AdamW';
    checkOptions(op, options, ADAM_OPTIONS);
    super(op, parameters, options.learningRate ?? 0.001, ['m', 'v'], ['v']);
    this.beta1 = checkUnitInterval(op, 'beta1', options.beta1 ?? 0.9);
    this.beta2 = checkUnitInterval(op, 'beta2', options.beta2 ?? 0.999);
    this.epsilon = checkPositive(op, 'epsilon', options.epsilon ?? 1e-8);
    this.weightDecay = checkPositive(op, 'weightDecay', options.weightDecay ?? (op === 'AdamW' ? 0.01 : 0), true);
  }

  /** One update of every parameter (see the class remarks for the rule). */
  step(): void {
    const t = ++this.steps;
    const lr = this.learningRate,
      b1 = this.beta1,
      b2 = this.beta2,
      eps = this.epsilon,
      wd = this.weightDecay;
    // βᵗ by powInt, not Math.pow: correctly rounded and the same in every engine; through SLOT, so
    // the result is never boxed in a heap number when the call is not inlined
    SLOT[0] = b1;
    SLOT[1] = t;
    powIntSlot();
    const stepSize = lr / (1 - SLOT[0]);
    SLOT[0] = b2;
    SLOT[1] = t;
    powIntSlot();
    const sqrtBc2 = Math.sqrt(1 - SLOT[0]);
    const l2 = this.decoupled ? 0 : wd;
    const shrink = this.decoupled ? 1 - lr * wd : 1;
    const params = this.parameters;
    for (let k = 0; k < params.length; k++) {
      const W = params[k].value.data,
        G = params[k].grad.data;
      const M = this.slots.m[k],
        V = this.slots.v[k];
      for (let i = 0; i < W.length; i++) {
        const w = W[i] * shrink;
        const g = G[i] + l2 * w;
        const m = (M[i] = b1 * M[i] + (1 - b1) * g);
        const v = (V[i] = b2 * V[i] + (1 - b2) * g * g);
        W[i] = w - (stepSize * m) / (Math.sqrt(v) / sqrtBc2 + eps);
      }
    }
  }

  protected config(): Record<string, number | boolean> {
    return { beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon, weightDecay: this.weightDecay };
  }
}

/**
 * AdamW (Loshchilov & Hutter): Adam with decoupled weight decay — PyTorch's `torch.optim.AdamW`.
 *
 * @remarks
 * First `W := W·(1 − α·λ)`, then the {@link Adam} update with `g = grad` (no L2 term).
 * Default `weightDecay` is `0.01`.
 *
 * @example
 * ```ts
 * import { AdamW, Dense } from 'bottomup';
 * const layer = new Dense(1, 1, { init: 'zeros', useBias: false });
 * new AdamW(layer.parameters(), { learningRate: 0.1 }).weightDecay; //=> 0.01
 * ```
 */
export class AdamW extends Adam {
  /** `"AdamW"`. */
  override readonly type: string = 'AdamW';
  protected override readonly decoupled: boolean = true;
}

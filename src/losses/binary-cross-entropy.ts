import { logSlot } from '../math/log.js';
import { sigmoidSlot } from '../math/sigmoid.js';
import { SLOT } from '../math/slot.js';
import { softplusSlot } from '../math/softplus.js';
import { checkFlag, checkOptions } from '../options.js';
import { Loss } from './loss.js';

/** Options of {@link BinaryCrossEntropy}. */
export interface BinaryCrossEntropyOptions {
  /**
   * Take raw logits `Z` (a linear output layer) instead of probabilities `ŷ = σ(Z)`; exact for any
   * logit magnitude. Default `false`.
   */
  fromLogits?: boolean;
}

/** Smallest denominator `ŷ(1 − ŷ)` in the probability-space gradient (PyTorch's choice). */
const EPS = 1e-12;
/** Each log term is clamped at −100 (PyTorch's choice), so `ŷ` of exactly 0 or 1 gives a finite cost. */
const LOG_FLOOR = -100;

/**
 * The binary cross-entropy — the seed's cost for logistic regression and the 2-layer network:
 * `J = −(1/m) Σ (y·log ŷ + (1 − y)·log(1 − ŷ))`.
 *
 * @remarks
 * Gradient `dJ/dŷ = (ŷ − y) / (m·ŷ·(1 − ŷ))`. A saturated sigmoid (`ŷ` exactly 0 or 1) never gives
 * `NaN` or `Infinity`: each log is clamped at −100 and the denominator at `1e-12`, so the cost stays
 * finite and the gradient, multiplied by `σ′ = ŷ(1 − ŷ) = 0`, is 0.
 *
 * With `fromLogits: true` the input is `Z` and
 * `J = (1/m) Σ (max(z, 0) − z·y + log(1 + e^(−|z|)))`, `dJ/dZ = (σ(z) − y)/m` — exact for any `z`.
 *
 * Targets must lie in `[0, 1]` (soft labels allowed).
 *
 * **Shape:** prediction and target `(n_y, m)` (usually `(1, m)`).
 *
 * @example
 * ```ts
 * import { BinaryCrossEntropy, Matrix } from 'bottomup';
 * const bce = new BinaryCrossEntropy();
 * bce.forward(Matrix.from([[0.5, 0.5]]), Matrix.from([[1, 0]])); //=> 0.6931471805599453
 * new BinaryCrossEntropy({ fromLogits: true }).forward(Matrix.from([[0]]), Matrix.from([[1]])); //=> 0.6931471805599453
 * ```
 */
export class BinaryCrossEntropy extends Loss {
  /** `"BinaryCrossEntropy"`. */
  readonly type = 'BinaryCrossEntropy';
  /** Whether predictions are logits. */
  readonly fromLogits: boolean;

  /**
   * @param options - `fromLogits`.
   * @throws TypeError on an unknown option or a non-boolean `fromLogits`.
   */
  constructor(options: BinaryCrossEntropyOptions = {}) {
    super();
    checkOptions('BinaryCrossEntropy', options, ['fromLogits']);
    this.fromLogits = checkFlag('BinaryCrossEntropy', 'fromLogits', options.fromLogits ?? false);
  }

  protected validate(t: Float64Array, _rows: number, cols: number): void {
    for (let i = 0; i < t.length; i++) {
      const y = t[i];
      if (!(y >= 0 && y <= 1)) this.badTarget('target values in [0, 1]', y, i, cols);
    }
  }

  protected cost(p: Float64Array, t: Float64Array, _rows: number, cols: number): number {
    let sum = 0;
    if (this.fromLogits) {
      for (let i = 0; i < p.length; i++) {
        const z = p[i];
        SLOT[0] = z;
        softplusSlot(); // softplus(z) into SLOT[0] (see ../math/slot.ts for why not softplus(z))
        sum += SLOT[0] - z * t[i];
      }
    } else {
      for (let i = 0; i < p.length; i++) {
        const yhat = p[i], y = t[i];
        // Only the terms with a non-zero weight are computed (a hard label needs one log, not two),
        // so 0·(−100) never matters and soft labels stay exact. The logs go through the kernel
        // (see ../math/slot.ts for why not log(…)).
        if (y !== 0) {
          SLOT[0] = yhat;
          logSlot();
          sum -= y * Math.max(SLOT[0], LOG_FLOOR);
        }
        if (y !== 1) {
          SLOT[0] = 1 - yhat;
          logSlot();
          sum -= (1 - y) * Math.max(SLOT[0], LOG_FLOOR);
        }
      }
    }
    return sum / cols;
  }

  protected gradient(p: Float64Array, t: Float64Array, g: Float64Array, _rows: number, cols: number): void {
    const invM = 1 / cols;
    if (this.fromLogits) {
      for (let i = 0; i < p.length; i++) {
        SLOT[0] = p[i];
        sigmoidSlot();
        g[i] = (SLOT[0] - t[i]) * invM;
      }
    } else {
      for (let i = 0; i < p.length; i++) {
        const yhat = p[i];
        g[i] = ((yhat - t[i]) / Math.max(yhat * (1 - yhat), EPS)) * invM;
      }
    }
  }
}

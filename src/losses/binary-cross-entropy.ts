import { BATCH_WIDTHS, Scratch } from '../matrix/scratch.js';
import { logInto } from '../math/log.js';
import { sigmoidInto } from '../math/sigmoid.js';
import { softplusInto } from '../math/softplus.js';
import { checkBoolean, checkOptions } from '../validate/values.js';
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
 * The binary cross-entropy — the course's cost for logistic regression and the 2-layer network:
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
  /** The softplus of each logit, or the first log each label needs (reused while the shape is unchanged). */
  private readonly work = new Scratch(BATCH_WIDTHS);
  /** `log(1 − ŷ)`, when some label is soft and needs both logs. */
  private readonly work2 = new Scratch(BATCH_WIDTHS);

  /**
   * @param options - `fromLogits`.
   * @throws TypeError on an unknown option or a non-boolean `fromLogits`.
   */
  constructor(options: BinaryCrossEntropyOptions = {}) {
    super();
    checkOptions('BinaryCrossEntropy', options, ['fromLogits']);
    this.fromLogits = checkBoolean('BinaryCrossEntropy', 'fromLogits', options.fromLogits ?? false);
  }

  protected override validatePrediction(p: Float64Array, cols: number): void {
    if (!this.fromLogits) this.checkProbabilities(p, cols, 'end the model with Sigmoid, or use fromLogits');
  }

  protected validate(t: Float64Array, _rows: number, cols: number): void {
    for (let i = 0; i < t.length; i++) {
      const y = t[i];
      if (!(y >= 0 && y <= 1)) this.badTarget('target values in [0, 1]', y, i, cols);
    }
  }

  protected cost(p: Float64Array, t: Float64Array, rows: number, cols: number): number {
    const out = new Float64Array(1); // off the training path: forward calls costInto
    this.costInto(out, p, t, rows, cols, this.unit(p.length));
    return out[0];
  }

  protected override costInto(
    out: Float64Array,
    p: Float64Array,
    t: Float64Array,
    rows: number,
    cols: number,
    w: Float64Array,
  ): void {
    let sum = 0;
    if (this.fromLogits) {
      const sp = this.work.get(rows, cols).data;
      softplusInto(sp, p);
      for (let i = 0; i < p.length; i++) sum += (sp[i] - p[i] * t[i]) * w[i];
    } else {
      // Only the terms with a non-zero weight are computed (a hard label needs one log, not two),
      // so 0·(−100) never matters and soft labels stay exact: the first buffer holds log ŷ where
      // y ≠ 0 and log(1 − ŷ) where y = 0; only soft labels (0 < y < 1) need the second, log(1 − ŷ).
      const first = this.work.get(rows, cols).data;
      let soft = false;
      for (let i = 0; i < p.length; i++) {
        const y = t[i];
        first[i] = y !== 0 ? p[i] : 1 - p[i];
        if (y !== 0 && y !== 1) soft = true;
      }
      logInto(first, first);
      let second = first;
      if (soft) {
        second = this.work2.get(rows, cols).data;
        for (let i = 0; i < p.length; i++) second[i] = 1 - p[i];
        logInto(second, second);
      }
      for (let i = 0; i < p.length; i++) {
        const y = t[i];
        if (y !== 0 && y !== 1) {
          sum -= y * Math.max(first[i], LOG_FLOOR) * w[i];
          sum -= (1 - y) * Math.max(second[i], LOG_FLOOR) * w[i];
        } else {
          sum -= (y !== 0 ? y : 1 - y) * Math.max(first[i], LOG_FLOOR) * w[i]; // y·log ŷ, or (1 − y)·log(1 − ŷ)
        }
      }
    }
    out[0] = sum / cols;
  }

  protected gradient(p: Float64Array, t: Float64Array, g: Float64Array, _rows: number, cols: number): void {
    const invM = 1 / cols;
    if (this.fromLogits) {
      sigmoidInto(g, p);
      for (let i = 0; i < p.length; i++) g[i] = (g[i] - t[i]) * invM;
    } else {
      for (let i = 0; i < p.length; i++) {
        const yhat = p[i];
        g[i] = ((yhat - t[i]) / Math.max(yhat * (1 - yhat), EPS)) * invM;
      }
    }
  }
}

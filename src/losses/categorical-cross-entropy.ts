import { expSlot } from '../math/exp.js';
import { logSlot } from '../math/log.js';
import { SLOT } from '../math/slot.js';
import { checkFlag, checkOptions } from '../options.js';
import { Loss } from './loss.js';

/** Options of {@link CategoricalCrossEntropy}. */
export interface CategoricalCrossEntropyOptions {
  /**
   * Take raw logits `Z` (a linear output layer) instead of softmax probabilities; uses a stable
   * log-sum-exp, exact for any logit magnitude. Default `false`.
   */
  fromLogits?: boolean;
}

const EPS = 1e-12;
const LOG_FLOOR = -100;
/** How far a target column's sum may stray from 1. */
const SUM_TOLERANCE = 1e-6;

/**
 * The categorical cross-entropy for multi-class outputs: `J = −(1/m) Σ_columns Σ_rows y·log ŷ`.
 *
 * @remarks
 * Gradient `dJ/dŷ = −y / (m·ŷ)` (with `ŷ` floored at `1e-12` and each log at −100, so a softmax that
 * underflows to 0 gives no `NaN`/`Infinity`).
 *
 * With `fromLogits: true` the input is `Z`: `J = (1/m) Σ_columns (logsumexp(z) − Σ_rows y·z)` and
 * `dJ/dZ = (softmax(z) − y)/m`, the max subtracted inside log-sum-exp.
 *
 * Targets: each column must hold values in `[0, 1]` summing to 1 (one-hot or probabilities).
 *
 * **Shape:** prediction and target `(n_classes, m)`.
 *
 * @example
 * ```ts
 * import { CategoricalCrossEntropy, Matrix } from 'bottomup';
 * new CategoricalCrossEntropy().forward(Matrix.from([[0.5], [0.5]]), Matrix.from([[1], [0]])); //=> 0.6931471805599453
 * ```
 */
export class CategoricalCrossEntropy extends Loss {
  /** `"CategoricalCrossEntropy"`. */
  readonly type = 'CategoricalCrossEntropy';
  /** Whether predictions are logits. */
  readonly fromLogits: boolean;

  /**
   * @param options - `fromLogits`.
   * @throws TypeError on an unknown option or a non-boolean `fromLogits`.
   */
  constructor(options: CategoricalCrossEntropyOptions = {}) {
    super();
    checkOptions('CategoricalCrossEntropy', options, ['fromLogits']);
    this.fromLogits = checkFlag('CategoricalCrossEntropy', 'fromLogits', options.fromLogits ?? false);
  }

  protected validate(t: Float64Array, rows: number, cols: number): void {
    for (let i = 0; i < t.length; i++) {
      const y = t[i];
      if (!(y >= 0 && y <= 1)) this.badTarget('target values in [0, 1]', y, i, cols);
    }
    for (let j = 0; j < cols; j++) {
      let sum = 0;
      for (let i = 0, s = j; i < rows; i++, s += cols) sum += t[s];
      if (Math.abs(sum - 1) > SUM_TOLERANCE) {
        throw new RangeError(
          `${this.type}.forward: expected each target column to sum to 1 (one-hot or probabilities), got ${sum} in column ${j}`,
        );
      }
    }
  }

  protected cost(p: Float64Array, t: Float64Array, rows: number, cols: number): number {
    let total = 0;
    if (this.fromLogits) {
      for (let j = 0; j < cols; j++) {
        let max = -Infinity;
        for (let i = 0, s = j; i < rows; i++, s += cols) if (p[s] > max) max = p[s];
        let sumExp = 0, sumY = 0, dot = 0;
        for (let i = 0, s = j; i < rows; i++, s += cols) {
          SLOT[0] = p[s] - max;
          expSlot(); // e^(p − max) into SLOT[0] (see ../math/slot.ts for why not exp(…))
          sumExp += SLOT[0];
          sumY += t[s];
          if (t[s] !== 0) dot += t[s] * (p[s] - max);
        }
        SLOT[0] = sumExp;
        logSlot();
        total += sumY * SLOT[0] - dot;
      }
    } else {
      for (let i = 0; i < p.length; i++) {
        const y = t[i];
        if (y !== 0) {
          SLOT[0] = p[i];
          logSlot();
          total -= y * Math.max(SLOT[0], LOG_FLOOR);
        }
      }
    }
    return total / cols;
  }

  protected gradient(p: Float64Array, t: Float64Array, g: Float64Array, rows: number, cols: number): void {
    const invM = 1 / cols;
    if (this.fromLogits) {
      for (let j = 0; j < cols; j++) {
        let max = -Infinity;
        for (let i = 0, s = j; i < rows; i++, s += cols) if (p[s] > max) max = p[s];
        let sumExp = 0, sumY = 0;
        for (let i = 0, s = j; i < rows; i++, s += cols) {
          SLOT[0] = p[s] - max;
          expSlot();
          const e = SLOT[0];
          g[s] = e;
          sumExp += e;
          sumY += t[s];
        }
        const scale = sumY / sumExp;
        for (let i = 0, s = j; i < rows; i++, s += cols) g[s] = (g[s] * scale - t[s]) * invM;
      }
    } else {
      for (let i = 0; i < p.length; i++) {
        const y = t[i];
        g[i] = y === 0 ? 0 : (-y / Math.max(p[i], EPS)) * invM;
      }
    }
  }
}

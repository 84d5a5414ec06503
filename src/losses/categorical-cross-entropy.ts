import type { Matrix } from '../matrix/matrix.js';
import { BATCH_WIDTHS, Scratch } from '../matrix/scratch.js';
import { expInto } from '../math/exp.js';
import { logInto } from '../math/log.js';
import { checkBoolean, checkOptions, classIndexHint } from '../validate/values.js';
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

/** The largest of column `j` of the row-major `(rows, cols)` block `p`. */
function columnMax(p: Float64Array, rows: number, cols: number, j: number): number {
  let max = -Infinity;
  for (let i = 0, s = j; i < rows; i++, s += cols) if (p[s] > max) max = p[s];
  return max;
}

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
  /** `"CategoricalCrossEntropy"` (`"SparseCategoricalCrossEntropy"` for the sparse subclass). */
  readonly type: string = 'CategoricalCrossEntropy';
  /** Whether predictions are logits. */
  readonly fromLogits: boolean;
  /** `e^(z − max)` of each logit, or the log of each prediction (reused while the shape is unchanged). */
  private readonly work = new Scratch(BATCH_WIDTHS);
  /** Each column's `log Σ e^(z − max)`, with logits. */
  private readonly columns = new Scratch(BATCH_WIDTHS);

  /**
   * @param options - `fromLogits`.
   * @throws TypeError on an unknown option or a non-boolean `fromLogits`.
   */
  constructor(options: CategoricalCrossEntropyOptions = {}) {
    super();
    checkOptions('CategoricalCrossEntropy', options, ['fromLogits']);
    this.fromLogits = checkBoolean('CategoricalCrossEntropy', 'fromLogits', options.fromLogits ?? false);
  }

  protected override shapeHint(prediction: Matrix, target: Matrix): string {
    return target.cols === prediction.cols
      ? classIndexHint('the target', target, prediction.rows)
      : super.shapeHint(prediction, target);
  }

  protected override validatePrediction(p: Float64Array, cols: number): void {
    if (!this.fromLogits) this.checkProbabilities(p, cols, 'end the model with Softmax, or use fromLogits');
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
          `${this.type}.forward: expected each target column to sum to 1 (one-hot or probabilities), got ` +
            `${sum} in column ${j}`,
        );
      }
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
    let total = 0;
    if (this.fromLogits) {
      // log-sum-exp per column: the shifted logits, one exp pass, the column sums (rows in order),
      // one log pass over them; then Σ y·(z − max), each total in the order the single loop had.
      const e = this.work.get(rows, cols).data;
      const logSum = this.columns.get(1, cols).data;
      for (let j = 0; j < cols; j++) {
        const max = columnMax(p, rows, cols, j);
        for (let i = 0, s = j; i < rows; i++, s += cols) e[s] = p[s] - max;
      }
      expInto(e, e);
      for (let j = 0; j < cols; j++) {
        let sumExp = 0;
        for (let i = 0, s = j; i < rows; i++, s += cols) sumExp += e[s];
        logSum[j] = sumExp;
      }
      logInto(logSum, logSum);
      for (let j = 0; j < cols; j++) {
        const max = columnMax(p, rows, cols, j);
        let sumY = 0,
          dot = 0;
        for (let i = 0, s = j; i < rows; i++, s += cols) {
          sumY += t[s];
          if (t[s] !== 0) dot += t[s] * (p[s] - max);
        }
        total += (sumY * logSum[j] - dot) * w[j]; // w[j]: example j's weight
      }
    } else {
      // Only the terms with y ≠ 0 need a log; the others take log 1, log's fastest path, unused.
      const logP = this.work.get(rows, cols).data;
      for (let i = 0; i < p.length; i++) logP[i] = t[i] !== 0 ? p[i] : 1;
      logInto(logP, logP);
      for (let i = 0; i < p.length; i++) {
        const y = t[i];
        if (y !== 0) total -= y * Math.max(logP[i], LOG_FLOOR) * w[i];
      }
    }
    out[0] = total / cols;
  }

  protected gradient(p: Float64Array, t: Float64Array, g: Float64Array, rows: number, cols: number): void {
    const invM = 1 / cols;
    if (this.fromLogits) {
      // softmax(z) − y per column: the shifted logits, one exp pass, then each column scaled
      for (let j = 0; j < cols; j++) {
        const max = columnMax(p, rows, cols, j);
        for (let i = 0, s = j; i < rows; i++, s += cols) g[s] = p[s] - max;
      }
      expInto(g, g);
      for (let j = 0; j < cols; j++) {
        let sumExp = 0,
          sumY = 0;
        for (let i = 0, s = j; i < rows; i++, s += cols) {
          sumExp += g[s];
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

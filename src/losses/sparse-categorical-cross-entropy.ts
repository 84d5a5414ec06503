/**
 * Categorical cross-entropy with integer class labels: Keras's `SparseCategoricalCrossentropy`.
 *
 * @module
 */
import { fmtAt } from '../errors.js';
import type { Matrix } from '../matrix/matrix.js';
import { BATCH_WIDTHS, Scratch } from '../matrix/scratch.js';
import { checkBoolean, checkOptions } from '../validate/values.js';
import { CategoricalCrossEntropy, type CategoricalCrossEntropyOptions } from './categorical-cross-entropy.js';

/** Options of {@link SparseCategoricalCrossEntropy}. */
export type SparseCategoricalCrossEntropyOptions = CategoricalCrossEntropyOptions;

function checked(options: SparseCategoricalCrossEntropyOptions): SparseCategoricalCrossEntropyOptions {
  checkOptions('SparseCategoricalCrossEntropy', options, ['fromLogits']);
  checkBoolean('SparseCategoricalCrossEntropy', 'fromLogits', options.fromLogits ?? false);
  return options;
}

/**
 * The categorical cross-entropy of a prediction `(n_y, m)` against one row of class indices
 * `(1, m)`, each an integer in `[0, n_y)`: the same cost and gradient as
 * {@link CategoricalCrossEntropy} against `oneHot(labels, n_y)`, bit for bit, without making the
 * one-hot matrix yourself.
 *
 * @remarks
 * `J = −(1/m) Σ_j log ŷ[y_j, j]`; with `fromLogits: true` the input is `Z` and the log-softmax is
 * computed stably. `fit` and `evaluate` accept `Y` `(1, m)` with it (the model still has `n_y`
 * outputs), and the `accuracy` metric compares each column's largest output with its label.
 *
 * **Shape:** prediction `(n_y, m)`, target `(1, m)`; `backward()` is `(n_y, m)`.
 *
 * @example
 * ```ts
 * import { CategoricalCrossEntropy, Matrix, SparseCategoricalCrossEntropy, oneHot } from 'bottomup';
 * const P = Matrix.from([[0.7, 0.1], [0.2, 0.3], [0.1, 0.6]]); // 3 classes, 2 examples
 * const labels = Matrix.from([[0, 2]]);
 * const sparse = new SparseCategoricalCrossEntropy().forward(P, labels);
 * sparse === new CategoricalCrossEntropy().forward(P, oneHot(labels, 3)); //=> true
 * ```
 */
export class SparseCategoricalCrossEntropy extends CategoricalCrossEntropy {
  /** `"SparseCategoricalCrossEntropy"`. */
  override readonly type: string = 'SparseCategoricalCrossEntropy';
  /** The labels one-hot encoded, `(n_y, m)` (reused while the shape is unchanged). */
  private readonly hot = new Scratch(BATCH_WIDTHS);

  /**
   * @param options - `fromLogits`.
   * @throws TypeError on an unknown option or a non-boolean `fromLogits`.
   */
  constructor(options: SparseCategoricalCrossEntropyOptions = {}) {
    super(checked(options));
  }

  override targetRows(_rows: number): number {
    return 1;
  }

  protected override shapeHint(prediction: Matrix, target: Matrix): string {
    return target.rows === prediction.rows && target.cols === prediction.cols && target.rows > 1
      ? ': the target looks one-hot — use CategoricalCrossEntropy, or fromOneHot(Y) for the indices'
      : '';
  }

  override checkTarget(target: Matrix, outputs?: number): void {
    this.validate(target.data, target.rows, target.cols);
    if (outputs !== undefined) this.checkClasses(target.data, outputs);
  }

  protected override validate(t: Float64Array, _rows: number, cols: number): void {
    for (let j = 0; j < t.length; j++) {
      if (!(Number.isInteger(t[j]) && t[j] >= 0)) this.badTarget('class indices (integers >= 0)', t[j], j, cols);
    }
  }

  /** Throws unless every label is below `classes` (the prediction's rows). */
  private checkClasses(t: Float64Array, classes: number): void {
    for (let j = 0; j < t.length; j++) {
      if (t[j] >= classes) {
        throw new RangeError(
          `${this.type}.forward: expected class indices in [0, ${classes}) for ${classes} outputs, got ` +
            fmtAt(t[j], j, t.length),
        );
      }
    }
  }

  /** The labels `t` one-hot, `(classes, m)`, in the reused buffer. */
  private oneHot(t: Float64Array, classes: number, cols: number): Float64Array {
    this.checkClasses(t, classes);
    const T = this.hot.get(classes, cols).data;
    T.fill(0);
    for (let j = 0; j < cols; j++) T[t[j] * cols + j] = 1;
    return T;
  }

  protected override costInto(
    out: Float64Array,
    p: Float64Array,
    t: Float64Array,
    rows: number,
    cols: number,
    w: Float64Array,
  ): void {
    super.costInto(out, p, this.oneHot(t, rows, cols), rows, cols, w);
  }

  protected override gradient(p: Float64Array, t: Float64Array, g: Float64Array, rows: number, cols: number): void {
    super.gradient(p, this.oneHot(t, rows, cols), g, rows, cols);
  }
}

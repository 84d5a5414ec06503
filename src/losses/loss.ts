/**
 * The base of the losses: a cost `J` (a mean over the examples) and its gradient `dJ/dŷ`.
 *
 * @module
 */
import { ShapeError, fmtAt, fmtShape, fmtValue } from '../errors.js';
import type { Matrix } from '../matrix/matrix.js';
import { Scratch } from '../matrix/scratch.js';
import { checkOptions, describe, transposeHint } from '../validate/values.js';
import { checkMatrix, isWholeMatrix } from '../validate/matrix.js';

/** Options of {@link Loss.forward}. */
export interface LossOptions {
  /**
   * A weight per example (Keras's `sample_weight`): a `(1, m)` Matrix or a Float64Array of `m`, every
   * weight finite and `>= 0`. The cost becomes `J = (1/m) Σ_i w_i·L_i` (Keras's "sum over batch
   * size": the weights are not renormalised), and `backward()` its gradient.
   */
  sampleWeight?: Matrix | Float64Array;
}

/**
 * The weights of a `sampleWeight` option, checked: a `(1, m)` Matrix or a Float64Array of `m`, each
 * finite and `>= 0` (TypeError, ShapeError, RangeError otherwise). Returns its values. @internal
 */
export function checkSampleWeight(op: string, name: string, value: unknown, m: number): Float64Array {
  const matrix = isWholeMatrix(value);
  if (!matrix && !(value instanceof Float64Array)) {
    throw new TypeError(
      `${op}: expected ${name} to be a (1, ${m}) Matrix or a Float64Array of ${m}, got ${describe(value)}`,
    );
  }
  const w = matrix ? value.data : (value as Float64Array);
  if (matrix ? value.rows !== 1 || value.cols !== m : w.length !== m) {
    throw new ShapeError(
      `${op}: expected ${name} (1, ${m}) or a Float64Array of ${m}, one weight per example, got ` +
        (matrix ? fmtShape(value) : `a Float64Array of ${w.length}`),
    );
  }
  for (let j = 0; j < m; j++) {
    const v = w[j];
    if (!(v >= 0 && v < Infinity)) {
      throw new RangeError(`${op}: expected ${name} values finite and >= 0, got ${fmtValue(v)} at example ${j}`);
    }
  }
  return w;
}

/**
 * A loss: `forward(ŷ, Y)` returns the cost `J`, `backward()` returns `dJ/dŷ` for that forward.
 *
 * @remarks
 * `J = (1/m) Σ_i L(ŷ(i), y(i))` over the `m` examples (columns); the `1/m` lives here, in the
 * gradient, so layers' `dW = dZ·Aᵀ` carry no `1/m` (the course's convention). Targets are validated
 * before anything is stored, so a throwing `forward` changes nothing.
 *
 * With `forward(ŷ, Y, { sampleWeight })`, `J = (1/m) Σ_i w_i·L(ŷ(i), y(i))` (Keras's "sum over batch
 * size": not divided by `Σ w_i`) and `backward()` scales example `i`'s gradient by `w_i`; weights all
 * 1 give the unweighted bits.
 *
 * **Shape:** prediction and target both `(n_y, m)`; `backward()` is `(n_y, m)`.
 *
 * @example
 * ```ts
 * import { Matrix, MeanSquaredError } from 'bottomup';
 * const loss = new MeanSquaredError();
 * loss.forward(Matrix.from([[1, 3]]), Matrix.from([[0, 1]])); //=> 2.5
 * loss.backward().toArray(); //=> [[1, 2]]
 * loss.forward(Matrix.from([[1, 3]]), Matrix.from([[0, 1]]), { sampleWeight: Float64Array.of(2, 0.5) }); //=> 2
 * ```
 */
export abstract class Loss {
  /** The loss's class name, e.g. `"BinaryCrossEntropy"`. */
  abstract readonly type: string;
  private prediction: Matrix | null = null;
  private target: Matrix | null = null;
  private readonly grad = new Scratch();
  /** The last cost `J`, where {@link Loss.forward} reads it from. */
  private readonly J = new Float64Array(1);
  /** Every element's weight 1: the weights of an unweighted cost (grown, never shrunk). */
  private ones = new Float64Array(0);
  /** With `sampleWeight`: each element's weight, its example's (grown, never shrunk). */
  private weights = new Float64Array(0);
  /** Whether the last forward had weights (then backward scales the gradient's columns). */
  private weighted = false;

  /**
   * Checks the target's values (after its shape); throws a `RangeError` naming the first bad value.
   * @param t - the target values, row-major.
   * @param rows - `n_y`.
   * @param cols - `m`.
   */
  protected abstract validate(t: Float64Array, rows: number, cols: number): void;

  /**
   * Checks the prediction's values where the loss needs probabilities (cross-entropy without
   * `fromLogits`); by default nothing. `NaN` passes (a diverged model is `fit`'s to report, as
   * `stopReason: 'nonFinite'`); a finite value out of range throws, naming its position.
   * @param _p - the predictions, row-major.
   * @param _cols - `m`.
   */
  protected validatePrediction(_p: Float64Array, _cols: number): void {}

  /**
   * The cost `J` for predictions `p` and targets `t`.
   * @param p - predictions, row-major.
   * @param t - targets, row-major.
   * @param rows - `n_y`.
   * @param cols - `m`.
   * @returns `J`.
   */
  protected abstract cost(p: Float64Array, t: Float64Array, rows: number, cols: number): number;

  /**
   * Writes the cost `J` into `out[0]`; by default `out[0] = this.cost(p, t, rows, cols)` (which takes
   * no weights: {@link Loss.forward} then refuses `sampleWeight`).
   *
   * @remarks
   * `w` holds each element's weight, its example's (all 1 without `sampleWeight`): an override
   * multiplies element `i`'s term by `w[i]` (the first `cols` entries are the examples' own weights),
   * so `J = (1/m) Σ_i w_i·L_i`. Multiplying by 1 is exact, so an unweighted cost keeps its bits.
   *
   * {@link Loss.forward} takes the cost from here. V8 boxes a double returned from a call it does not
   * inline in a fresh 16-byte heap object, and whether it inlines `cost` depends on its size and on the
   * caller: that was one allocation per training step. The built-in losses override this with their loop
   * (and answer `cost` from it), so on their path the cost only ever travels through `out`.
   * @param out - where `J` goes (index 0).
   * @param p - predictions, row-major.
   * @param t - targets, row-major.
   * @param rows - `n_y`.
   * @param cols - `m`.
   * @param _w - each element's weight (at least `rows·cols` of them).
   */
  protected costInto(
    out: Float64Array,
    p: Float64Array,
    t: Float64Array,
    rows: number,
    cols: number,
    _w: Float64Array,
  ): void {
    out[0] = this.cost(p, t, rows, cols);
  }

  /** `n` weights of 1, for a cost without `sampleWeight` (a buffer reused across calls). */
  protected unit(n: number): Float64Array {
    if (this.ones.length < n) this.ones = new Float64Array(n).fill(1);
    return this.ones;
  }

  /**
   * Writes `dJ/dŷ` into `g`.
   * @param p - predictions, row-major.
   * @param t - targets, row-major.
   * @param g - the gradient to write.
   * @param rows - `n_y`.
   * @param cols - `m`.
   */
  protected abstract gradient(p: Float64Array, t: Float64Array, g: Float64Array, rows: number, cols: number): void;

  /**
   * The cost `J` of `prediction` against `target`, remembered for {@link Loss.backward}.
   * @param prediction - `ŷ = A[L]`, `(n_y, m)`.
   * @param target - `Y`, `(n_y, m)`.
   * @param options - `sampleWeight`: a weight per example, `J = (1/m) Σ_i w_i·L_i`.
   * @returns `J`, the mean loss over the `m` examples.
   * @throws {@link ShapeError} when the shapes differ, or `sampleWeight` does not hold `m` weights.
   * @throws RangeError when a target value is invalid for this loss, a prediction is not a
   *   probability where the loss needs one (named with its position), or a weight is negative or
   *   not finite.
   * @throws TypeError for an unknown option or a `sampleWeight` of the wrong kind.
   */
  forward(prediction: Matrix, target: Matrix, options?: LossOptions): number {
    // Two statements, so that V8 always inlines it (up to 27 bytes of bytecode, whatever its budget):
    // then J goes from this.J to the caller unboxed; returned from a call left standing, it would be
    // boxed in a fresh 16-byte heap object every step. The work, and the checks, are in evaluate().
    this.evaluate(prediction, target, options);
    return this.J[0];
  }

  /** {@link Loss.forward}, with `J` left in `this.J[0]`. */
  private evaluate(prediction: Matrix, target: Matrix, options: LossOptions | undefined): void {
    if (!isWholeMatrix(prediction)) checkMatrix(`${this.type}.forward`, 'prediction', prediction);
    if (!isWholeMatrix(target)) checkMatrix(`${this.type}.forward`, 'target', target);
    if (target.rows !== this.targetRows(prediction.rows) || prediction.cols !== target.cols) {
      this.shapeError(prediction, target);
    }
    this.validate(target.data, target.rows, target.cols);
    this.validatePrediction(prediction.data, prediction.cols);
    const { rows, cols } = prediction;
    const sampleWeight = options === undefined ? undefined : this.sampleWeight(options, cols);
    let w = this.unit(rows * cols);
    if (sampleWeight !== undefined) {
      if (this.weights.length < rows * cols) this.weights = new Float64Array(rows * cols);
      w = this.weights;
      for (let r = 0; r < rows; r++) w.set(sampleWeight, r * cols);
    }
    this.costInto(this.J, prediction.data, target.data, rows, cols, w);
    this.weighted = sampleWeight !== undefined;
    this.prediction = prediction;
    this.target = target;
  }

  /** The checked weights of `options.sampleWeight`, or `undefined` without them. */
  private sampleWeight(options: LossOptions, m: number): Float64Array | undefined {
    const op = `${this.type}.forward`;
    checkOptions(op, options, ['sampleWeight']);
    if (options.sampleWeight === undefined) return undefined;
    if (this.costInto === Loss.prototype.costInto) {
      throw new TypeError(`${op}: expected a loss whose costInto takes weights for sampleWeight, got one without`);
    }
    return checkSampleWeight(op, 'sampleWeight', options.sampleWeight, m);
  }

  /** Throws the {@link ShapeError} of a prediction and target that differ. */
  private shapeError(prediction: Matrix, target: Matrix): never {
    const rows = this.targetRows(prediction.rows);
    throw new ShapeError(
      `${this.type}.forward: expected target ${fmtShape(rows, prediction.cols)} ` +
        `${rows === prediction.rows ? 'like the prediction' : 'of class indices'}, ` +
        `got prediction ${fmtShape(prediction.rows, prediction.cols)} and target ` +
        `${fmtShape(target.rows, target.cols)}${this.shapeHint(prediction, target)}`,
    );
  }

  /**
   * The rows a target has for a prediction of `rows` rows: the same (`(n_y, m)` targets) for every
   * built-in loss but {@link SparseCategoricalCrossEntropy}, whose targets are one row of class
   * indices. `fit` and `evaluate` check `Y` against the model's outputs with it. @internal
   */
  targetRows(rows: number): number {
    return rows;
  }

  /**
   * What the {@link ShapeError} of a prediction and target that differ ends with: a hint when the
   * target is the prediction's transpose (one row per example), else `''`. Subclasses add their own
   * (categorical cross-entropy: integer class labels).
   */
  protected shapeHint(prediction: Matrix, target: Matrix): string {
    return target.rows === prediction.cols && target.cols === prediction.rows
      ? transposeHint('target', target.rows, target.cols, prediction.rows)
      : '';
  }

  /**
   * Checks that `target` holds valid values for this loss (labels in `[0, 1]` for binary
   * cross-entropy, columns summing to 1 for categorical, finite values for regression losses),
   * without computing anything. `fit` calls it before training so bad labels fail fast.
   * @param target - `Y`, `(n_y, m)`.
   * @param _outputs - the model's outputs `n_y`, for a loss whose targets are class indices (they
   *   must be below it); the others ignore it.
   * @throws RangeError naming the first invalid value and its position.
   */
  checkTarget(target: Matrix, _outputs?: number): void {
    this.validate(target.data, target.rows, target.cols);
  }

  /**
   * The gradient `dJ/dŷ` of the last {@link Loss.forward} (with its `sampleWeight`, if any).
   * @returns `(n_y, m)`, a buffer owned by the loss and overwritten by the next call.
   * @throws Error when called before `forward`.
   */
  backward(): Matrix {
    const p = this.prediction,
      t = this.target;
    if (p === null || t === null) throw new Error(`${this.type}.backward: expected a forward() first, got none`);
    const g = this.grad.get(p.rows, p.cols);
    this.gradient(p.data, t.data, g.data, p.rows, p.cols);
    if (this.weighted) {
      // d(w_j·L_j)/dŷ = w_j·dL_j/dŷ: each column of the unweighted gradient times its example's weight
      const d = g.data,
        w = this.weights;
      for (let i = 0; i < d.length; i++) d[i] *= w[i];
    }
    return g;
  }

  /** Throws naming the first non-finite target value. @internal */
  protected checkAllFinite(t: Float64Array, cols: number): void {
    for (let i = 0; i < t.length; i++) {
      if (!Number.isFinite(t[i])) this.badTarget('finite target values', t[i], i, cols);
    }
  }

  /**
   * Throws unless every prediction is in `[0, 1]` or `NaN`: a probability, as cross-entropy on
   * probabilities needs (a model ending without its Sigmoid or Softmax gives other values). @internal
   */
  protected checkProbabilities(p: Float64Array, cols: number, hint: string): void {
    for (let i = 0; i < p.length; i++) {
      const v = p[i];
      if (v < 0 || v > 1) {
        throw new RangeError(
          `${this.type}.forward: expected predictions in [0, 1] (probabilities: ${hint}), got ${fmtAt(v, i, cols)}`,
        );
      }
    }
  }

  /** Throws `RangeError: <type>.forward: expected <what>, got <value> at (row, col)`. @internal */
  protected badTarget(what: string, value: number, index: number, cols: number): never {
    throw new RangeError(`${this.type}.forward: expected ${what}, got ${fmtAt(value, index, cols)}`);
  }
}

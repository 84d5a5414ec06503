/**
 * What {@link Standardizer} and {@link MinMaxScaler} share: two per-feature statistics learned by
 * `fit`, the checks around them and the row-by-row loops (the arithmetic and the JSON reader are in
 * `scaling.ts`, shared with `bottomup/predict`).
 *
 * @internal
 * @module
 */
import { ShapeError, fmtAt, fmtShape } from '../errors.js';
import { Matrix } from '../matrix/matrix.js';
import { transposeHint } from '../validate/values.js';
import { type FeatureMap, mapFeaturesInto } from './scaling.js';
import { checkMatrix } from '../validate/matrix.js';

/** Two per-feature statistics, one value per row of the data (`[mean, std]`, `[dataMin, dataMax]`). @internal */
export type FeatureStats = readonly [Float64Array, Float64Array];

/** Throws a RangeError naming the first `NaN` or `±Infinity` in `X`. */
function checkFiniteData(op: string, name: string, X: Matrix): void {
  const d = X.data;
  for (let k = 0; k < d.length; k++) {
    if (!Number.isFinite(d[k])) {
      throw new RangeError(`${op}: expected ${name} to hold finite values, got ${fmtAt(d[k], k, X.cols)}`);
    }
  }
}

/**
 * The base of the per-feature scalers: `fit` learns two statistics per feature (row), `transform`
 * and `inverseTransform` map each value with its feature's statistics.
 *
 * @internal
 */
export abstract class FeatureScaler {
  /** The class name, for messages. @internal */
  protected abstract readonly kind: string;
  /** The statistics learned by `fit` (or read by `fromJSON`), `null` before. @internal */
  protected stats: FeatureStats | null = null;

  /** Whether `fit` (or `fromJSON`) has set the statistics. */
  get fitted(): boolean {
    return this.stats !== null;
  }

  /** The number of features `n_x` seen by `fit`, or `0` before it. */
  get features(): number {
    return this.stats === null ? 0 : this.stats[0].length;
  }

  /**
   * The fitted statistics; throws naming `<kind>.<method>` before `fit`.
   * @internal
   */
  protected fittedStats(method: string): FeatureStats {
    if (this.stats === null) {
      throw new Error(
        `${this.kind}.${method}: expected a fitted ${this.kind}, got one that was never fitted (call fit first)`,
      );
    }
    return this.stats;
  }

  /**
   * Checks the training data of `fit` (a Matrix with at least one row and one column, all finite),
   * then learns the statistics row by row with `stat(row, i)` — all or nothing.
   * @internal
   */
  protected fitRows(X: unknown, stat: (row: Float64Array, i: number) => readonly [number, number]): this {
    const op = `${this.kind}.fit`;
    checkMatrix(op, 'X', X);
    if (X.rows === 0) throw new ShapeError(`${op}: expected X with at least one feature (row), got X ${fmtShape(X)}`);
    if (X.cols === 0)
      throw new ShapeError(`${op}: expected X with at least one example (column), got X ${fmtShape(X)}`);
    checkFiniteData(op, 'X', X);
    const n = X.rows,
      m = X.cols;
    const a = new Float64Array(n),
      b = new Float64Array(n);
    for (let i = 0; i < n; i++) [a[i], b[i]] = stat(X.data.subarray(i * m, (i + 1) * m), i);
    this.stats = [a, b];
    return this;
  }

  /**
   * Checks `X` (named `name`) against the fitted feature count and returns a new matrix with
   * `f(value, a[i], b[i])` for each value of feature `i`, `[a, b]` being the statistics.
   * @internal
   */
  protected mapFeatures(method: string, name: string, X: unknown, f: FeatureMap): Matrix {
    const [a, b] = this.fittedStats(method);
    const op = `${this.kind}.${method}`;
    checkMatrix(op, name, X);
    const n = a.length;
    if (X.rows !== n)
      throw new ShapeError(
        `${op}: expected ${name} with ${n} rows (features), got ${name} ${fmtShape(X)}` +
          transposeHint(name, X.rows, X.cols, n),
      );
    checkFiniteData(op, name, X);
    const out = new Matrix(n, X.cols);
    mapFeaturesInto(out.data, X.data, X.cols, a, b, f);
    return out;
  }
}

/** A `(n, 1)` column matrix holding a copy of `v`. @internal */
export function columnOf(v: Float64Array): Matrix {
  return new Matrix(v.length, 1, v.slice());
}

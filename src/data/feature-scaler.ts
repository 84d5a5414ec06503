/**
 * What {@link Standardizer} and {@link MinMaxScaler} share: two per-feature statistics learned by
 * `fit`, the checks around them, the row-by-row loops, and the validating JSON readers.
 *
 * @internal
 * @module
 */
import { ShapeError, fmtAt, fmtShape, fmtValue } from '../errors.js';
import { Matrix } from '../matrix/matrix.js';
import { describe } from '../validate/values.js';
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
  protected mapFeatures(
    method: string,
    name: string,
    X: unknown,
    f: (x: number, a: number, b: number) => number,
  ): Matrix {
    const [a, b] = this.fittedStats(method);
    const op = `${this.kind}.${method}`;
    checkMatrix(op, name, X);
    const n = a.length;
    if (X.rows !== n)
      throw new ShapeError(`${op}: expected ${name} with ${n} rows (features), got ${name} ${fmtShape(X)}`);
    checkFiniteData(op, name, X);
    const out = new Matrix(n, X.cols);
    const m = X.cols,
      s = X.data,
      o = out.data;
    for (let i = 0; i < n; i++) {
      for (let k = i * m, end = k + m; k < end; k++) o[k] = f(s[k], a[i], b[i]);
    }
    return out;
  }
}

/** A `(n, 1)` column matrix holding a copy of `v`. @internal */
export function columnOf(v: Float64Array): Matrix {
  return new Matrix(v.length, 1, v.slice());
}

/** Throws a TypeError unless `json` is a plain object whose `type` is `type`. @internal */
export function checkJSONObject(op: string, json: unknown, type: string): Record<string, unknown> {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    const got =
      json === null || json === undefined ? String(json) : Array.isArray(json) ? 'an array' : `a ${typeof json}`;
    throw new TypeError(`${op}: expected an object, got ${got}`);
  }
  const o = json as Record<string, unknown>;
  if (o.type !== type) throw new TypeError(`${op}: expected type ${JSON.stringify(type)}, got ${describe(o.type)}`);
  return o;
}

/**
 * Reads `json[name]` as a non-empty array of finite numbers (`> 0` when `positive`) into a new
 * Float64Array. @internal
 */
export function readJSONVector(op: string, o: Record<string, unknown>, name: string, positive = false): Float64Array {
  const v = o[name];
  if (!Array.isArray(v)) throw new TypeError(`${op}: expected ${name} to be an array of numbers, got ${describe(v)}`);
  if (v.length === 0) throw new RangeError(`${op}: expected ${name} to have at least one feature, got an empty array`);
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const x: unknown = v[i];
    if (typeof x !== 'number') throw new TypeError(`${op}: expected ${name}[${i}] to be a number, got ${describe(x)}`);
    if (!Number.isFinite(x) || (positive && !(x > 0))) {
      throw new RangeError(
        `${op}: expected ${name}[${i}] to be a ${positive ? 'positive ' : ''}finite number, got ${fmtValue(x)}`,
      );
    }
    out[i] = x;
  }
  return out;
}

/**
 * Per-feature scaling to a fixed range (scikit-learn's `MinMaxScaler`).
 *
 * @module
 */
import { fmtValue } from '../errors.js';
import type { Matrix } from '../matrix/matrix.js';
import { FeatureScaler, columnOf } from './feature-scaler.js';
import { checkScaleRange, minMaxScale, minMaxUnscale, readScalerJSON } from './scaling.js';
import { checkOptions } from '../validate/values.js';

/** Options of {@link MinMaxScaler}. */
export interface MinMaxScalerOptions {
  /** The lower end of the target range; default `0`. */
  min?: number;
  /** The upper end of the target range, `> min`; default `1`. */
  max?: number;
}

/** The JSON form of a fitted {@link MinMaxScaler}, from {@link MinMaxScaler.toJSON}. */
export interface MinMaxScalerJSON {
  /** Always `"MinMaxScaler"`. */
  readonly type: 'MinMaxScaler';
  /** The lower end of the target range. */
  readonly min: number;
  /** The upper end of the target range. */
  readonly max: number;
  /** The per-feature minima seen by `fit`. */
  readonly dataMin: readonly number[];
  /** The per-feature maxima seen by `fit`. */
  readonly dataMax: readonly number[];
}

/**
 * Scales each feature (row) of a data matrix linearly so that the training set's range becomes
 * `[min, max]` (default `[0, 1]`), with the range learned by {@link MinMaxScaler.fit}.
 *
 * @remarks
 * For feature `i` with training minimum `loᵢ` and maximum `hiᵢ`:
 * `transform(X)ᵢⱼ = (Xᵢⱼ − loᵢ) / (hiᵢ − loᵢ) · (max − min) + min`, and `inverseTransform` undoes it.
 * A constant feature (`hiᵢ = loᵢ`) uses a range of 1, as in scikit-learn, so it maps to `min` instead
 * of `NaN`. New data outside the training range maps outside `[min, max]` (no clipping).
 *
 * This is the same fit/transform/JSON interface as {@link Standardizer}.
 *
 * **Shape:** `X (n_x, m)` in, `(n_x, m)` out; `dataMin` and `dataMax` are `(n_x, 1)`.
 *
 * @example
 * ```ts
 * import { Matrix, MinMaxScaler } from 'bottomup';
 * const scaler = new MinMaxScaler({ min: -1, max: 1 });
 * scaler.fitTransform(Matrix.from([[0, 5, 10], [3, 3, 3]])).toArray(); //=> [[-1, 0, 1], [-1, -1, -1]]
 * scaler.dataMax.toArray(); //=> [[10], [3]]
 * ```
 */
export class MinMaxScaler extends FeatureScaler {
  /** `"MinMaxScaler"`, for messages. @internal */
  protected readonly kind = 'MinMaxScaler';
  /** The lower end of the target range. */
  readonly min: number;
  /** The upper end of the target range. */
  readonly max: number;

  /**
   * @param options - the target range `min` (default `0`) and `max` (default `1`).
   * @throws TypeError when an option is not a number or is unknown.
   * @throws RangeError when `min` or `max` is not finite, `min >= max`, or `max − min` overflows.
   */
  constructor(options: MinMaxScalerOptions = {}) {
    super();
    const op = 'new MinMaxScaler';
    checkOptions(op, options, ['min', 'max']);
    [this.min, this.max] = checkScaleRange(op, options.min ?? 0, options.max ?? 1);
  }

  /**
   * The per-feature training minima, a new `(n_x, 1)` matrix.
   * @throws Error before `fit`.
   */
  get dataMin(): Matrix {
    return columnOf(this.fittedStats('dataMin')[0]);
  }

  /**
   * The per-feature training maxima, a new `(n_x, 1)` matrix.
   * @throws Error before `fit`.
   */
  get dataMax(): Matrix {
    return columnOf(this.fittedStats('dataMax')[1]);
  }

  /**
   * Learns the per-feature minimum and maximum of `X`, replacing any earlier fit.
   *
   * @param X - the training data `(n_x, m)`, one example per column.
   * @returns this scaler.
   * @throws TypeError when `X` is not a Matrix.
   * @throws {@link ShapeError} when `X` has no rows or no columns.
   * @throws RangeError when `X` holds `NaN` or `±Infinity`, or a feature's range `hi − lo` overflows.
   *   The scaler is unchanged when it throws.
   * @example
   * ```ts
   * import { Matrix, MinMaxScaler } from 'bottomup';
   * new MinMaxScaler().fit(Matrix.from([[4, -2, 1]])).dataMin.toArray(); //=> [[-2]]
   * ```
   */
  fit(X: Matrix): this {
    return this.fitRows(X, (row, i) => {
      let a = row[0],
        b = a;
      for (let k = 1; k < row.length; k++) {
        const v = row[k];
        if (v < a) a = v;
        if (v > b) b = v;
      }
      if (!Number.isFinite(b - a)) {
        throw new RangeError(
          `MinMaxScaler.fit: expected a finite range max − min for row ${i}, got ${fmtValue(b - a)} (values too large)`,
        );
      }
      // `+ 0` turns −0 into 0, so the JSON form round-trips bit-exactly.
      return [a + 0, b + 0];
    });
  }

  /**
   * Scales `X` with the fitted ranges: `(X − lo) / (hi − lo) · (max − min) + min`, feature by feature.
   *
   * @param X - data `(n_x, m)` with the fitted number of features.
   * @returns a new `(n_x, m)` matrix.
   * @throws Error before `fit`.
   * @throws TypeError when `X` is not a Matrix.
   * @throws {@link ShapeError} when `X` does not have `n_x` rows.
   * @throws RangeError when `X` holds `NaN` or `±Infinity`.
   * @example
   * ```ts
   * import { Matrix, MinMaxScaler } from 'bottomup';
   * const scaler = new MinMaxScaler().fit(Matrix.from([[0, 10]]));
   * scaler.transform(Matrix.from([[5, 20]])).toArray(); //=> [[0.5, 2]]
   * ```
   */
  transform(X: Matrix): Matrix {
    return this.mapFeatures('transform', 'X', X, minMaxScale(this.min, this.max));
  }

  /**
   * Fits on `X` and returns `X` scaled — `fit(X).transform(X)`.
   *
   * @param X - the training data `(n_x, m)`.
   * @returns a new `(n_x, m)` matrix with every row in `[min, max]`.
   * @throws TypeError when `X` is not a Matrix.
   * @throws {@link ShapeError} when `X` has no rows or no columns.
   * @throws RangeError when `X` holds `NaN` or `±Infinity`.
   * @example
   * ```ts
   * import { Matrix, MinMaxScaler } from 'bottomup';
   * new MinMaxScaler().fitTransform(Matrix.from([[2, 4, 6]])).toArray(); //=> [[0, 0.5, 1]]
   * ```
   */
  fitTransform(X: Matrix): Matrix {
    return this.fit(X).transform(X);
  }

  /**
   * Undoes {@link MinMaxScaler.transform}: `(Z − min) / (max − min) · (hi − lo) + lo` (up to rounding).
   *
   * @param Z - scaled data `(n_x, m)`.
   * @returns a new `(n_x, m)` matrix in the original units.
   * @throws Error before `fit`.
   * @throws TypeError when `Z` is not a Matrix.
   * @throws {@link ShapeError} when `Z` does not have `n_x` rows.
   * @throws RangeError when `Z` holds `NaN` or `±Infinity`.
   * @example
   * ```ts
   * import { Matrix, MinMaxScaler } from 'bottomup';
   * const scaler = new MinMaxScaler().fit(Matrix.from([[0, 10]]));
   * scaler.inverseTransform(Matrix.from([[0.5]])).toArray(); //=> [[5]]
   * ```
   */
  inverseTransform(Z: Matrix): Matrix {
    return this.mapFeatures('inverseTransform', 'Z', Z, minMaxUnscale(this.min, this.max));
  }

  /**
   * The target range and fitted ranges as plain JSON; {@link MinMaxScaler.fromJSON} restores them
   * bit-exactly (including through `JSON.stringify` / `JSON.parse`).
   *
   * @returns `{ type: 'MinMaxScaler', min, max, dataMin, dataMax }`.
   * @throws Error before `fit`.
   * @example
   * ```ts
   * import { Matrix, MinMaxScaler } from 'bottomup';
   * new MinMaxScaler().fit(Matrix.from([[0, 10]])).toJSON();
   * //=> { type: 'MinMaxScaler', min: 0, max: 1, dataMin: [0], dataMax: [10] }
   * ```
   */
  toJSON(): MinMaxScalerJSON {
    const [lo, hi] = this.fittedStats('toJSON');
    return { type: 'MinMaxScaler', min: this.min, max: this.max, dataMin: Array.from(lo), dataMax: Array.from(hi) };
  }

  /**
   * Restores a scaler from {@link MinMaxScaler.toJSON}, validating every field.
   *
   * @param json - a parsed `MinMaxScalerJSON` object (not the JSON text: call `JSON.parse` first).
   * @returns a new fitted MinMaxScaler.
   * @throws TypeError when `json` is not an object, its `type` is not `"MinMaxScaler"`, it has a key
   *   other than `type`, `min`, `max`, `dataMin` and `dataMax`, or a field has the wrong type.
   * @throws RangeError when `min >= max`, a value is not finite, `dataMin`/`dataMax` are empty or of
   *   different lengths, or some `dataMin[i] > dataMax[i]`.
   * @example
   * ```ts
   * import { Matrix, MinMaxScaler } from 'bottomup';
   * const scaler = MinMaxScaler.fromJSON({ type: 'MinMaxScaler', min: 0, max: 1, dataMin: [0], dataMax: [4] });
   * scaler.transform(Matrix.from([[1]])).toArray(); //=> [[0.25]]
   * ```
   */
  static fromJSON(json: unknown): MinMaxScaler {
    const { a, b, min, max } = readScalerJSON('MinMaxScaler.fromJSON', json, '', 'MinMaxScaler');
    const scaler = new MinMaxScaler({ min, max });
    scaler.stats = [a, b];
    return scaler;
  }
}

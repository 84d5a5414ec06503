/**
 * Per-feature standardisation to zero mean and unit variance (scikit-learn's `StandardScaler`).
 *
 * @module
 */
import { fmtValue } from '../errors.js';
import type { Matrix } from '../matrix/matrix.js';
import { FeatureScaler, columnOf } from './feature-scaler.js';
import { readScalerJSON, standardize, unstandardize } from './scaling.js';

/** The JSON form of a fitted {@link Standardizer}, from {@link Standardizer.toJSON}. */
export interface StandardizerJSON {
  /** Always `"Standardizer"`. */
  readonly type: 'Standardizer';
  /** The per-feature means `μ`, one per row of the data. */
  readonly mean: readonly number[];
  /** The per-feature standard deviations `σ` used to divide (1 for a constant feature), all `> 0`. */
  readonly std: readonly number[];
}

/**
 * Standardises each feature (row) of a data matrix to zero mean and unit standard deviation, with
 * statistics learned from the training set by {@link Standardizer.fit}.
 *
 * @remarks
 * For feature `i` over the `m` examples (columns) of the training set: `μᵢ = (1/m) Σⱼ Xᵢⱼ` and
 * `σᵢ = √((1/m) Σⱼ (Xᵢⱼ − μᵢ)²)` (the population standard deviation, as scikit-learn and numpy's
 * default). Then `transform(X)ᵢⱼ = (Xᵢⱼ − μᵢ) / σᵢ` and `inverseTransform(Z)ᵢⱼ = Zᵢⱼ·σᵢ + μᵢ`.
 *
 * A feature with zero variance (all values equal) gets `σᵢ = 1`, as in scikit-learn: it is
 * centred but not scaled, so it becomes all zeros instead of `NaN`. Fit on the training split only,
 * then transform the training and test data with the same statistics.
 *
 * **Shape:** `X (n_x, m)` in, `(n_x, m)` out; `mean` and `std` are `(n_x, 1)`.
 *
 * @example
 * ```ts
 * import { Matrix, Standardizer } from 'bottomup';
 * const X = Matrix.from([[1, 2, 3], [10, 10, 10]]);
 * const scaler = new Standardizer().fit(X);
 * scaler.mean.toArray(); //=> [[2], [10]]
 * scaler.transform(Matrix.from([[2, 3], [10, 11]])).toArray(); //=> [[0, 1.224744871391589], [0, 1]]
 * Standardizer.fromJSON(JSON.parse(JSON.stringify(scaler))).transform(X).equals(scaler.transform(X)); //=> true
 * ```
 */
export class Standardizer extends FeatureScaler {
  /** `"Standardizer"`, for messages. @internal */
  protected readonly kind = 'Standardizer';

  /**
   * The per-feature means `μ`, a new `(n_x, 1)` matrix.
   * @throws Error before `fit`.
   */
  get mean(): Matrix {
    return columnOf(this.fittedStats('mean')[0]);
  }

  /**
   * The per-feature divisors `σ` (1 for a constant feature), a new `(n_x, 1)` matrix.
   * @throws Error before `fit`.
   */
  get std(): Matrix {
    return columnOf(this.fittedStats('std')[1]);
  }

  /**
   * Learns the per-feature mean and standard deviation of `X`, replacing any earlier fit.
   *
   * @param X - the training data `(n_x, m)`, one example per column.
   * @returns this scaler.
   * @throws TypeError when `X` is not a Matrix.
   * @throws {@link ShapeError} when `X` has no rows or no columns.
   * @throws RangeError when `X` holds `NaN` or `±Infinity`, or values so large that a mean or
   *   standard deviation overflows. The scaler is unchanged when it throws.
   * @example
   * ```ts
   * import { Matrix, Standardizer } from 'bottomup';
   * new Standardizer().fit(Matrix.from([[1, 3], [5, 5]])).std.toArray(); //=> [[1], [1]]
   * ```
   */
  fit(X: Matrix): this {
    return this.fitRows(X, (row, i) => {
      const m = row.length;
      let lo = row[0],
        hi = row[0];
      for (let j = 1; j < m; j++) {
        const v = row[j];
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      // `+ 0` turns a mean of −0 into 0: JSON cannot write −0, and the JSON form must round-trip
      // bit-exactly. A constant feature gets its exact value (not a rounded sum/m), and σ = 1.
      if (lo === hi) return [lo + 0, 1];
      let s = 0;
      for (let j = 0; j < m; j++) s += row[j];
      const mu = s / m;
      let ss = 0;
      for (let j = 0; j < m; j++) {
        const c = row[j] - mu;
        ss += c * c;
      }
      const sigma = Math.sqrt(ss / m);
      if (!Number.isFinite(mu) || !Number.isFinite(sigma)) {
        throw new RangeError(
          `Standardizer.fit: expected a finite mean and standard deviation for row ${i}, got mean ` +
            `${fmtValue(mu)} and std ${fmtValue(sigma)} (values too large)`,
        );
      }
      // Differences so small that their squares underflow: treat like a constant feature.
      return [mu + 0, sigma === 0 ? 1 : sigma];
    });
  }

  /**
   * Standardises `X` with the fitted statistics: `(X − μ) / σ`, feature by feature.
   *
   * @param X - data `(n_x, m)` with the fitted number of features.
   * @returns a new `(n_x, m)` matrix.
   * @throws Error before `fit`.
   * @throws TypeError when `X` is not a Matrix.
   * @throws {@link ShapeError} when `X` does not have `n_x` rows.
   * @throws RangeError when `X` holds `NaN` or `±Infinity`.
   * @example
   * ```ts
   * import { Matrix, Standardizer } from 'bottomup';
   * const scaler = new Standardizer().fit(Matrix.from([[0, 4]]));
   * scaler.transform(Matrix.from([[2, 6]])).toArray(); //=> [[0, 2]]
   * ```
   */
  transform(X: Matrix): Matrix {
    return this.mapFeatures('transform', 'X', X, standardize);
  }

  /**
   * Fits on `X` and returns `X` standardised — `fit(X).transform(X)`.
   *
   * @param X - the training data `(n_x, m)`.
   * @returns a new `(n_x, m)` matrix whose rows have mean ≈ 0 and standard deviation ≈ 1.
   * @throws TypeError when `X` is not a Matrix.
   * @throws {@link ShapeError} when `X` has no rows or no columns.
   * @throws RangeError when `X` holds `NaN` or `±Infinity`.
   * @example
   * ```ts
   * import { Matrix, Standardizer } from 'bottomup';
   * new Standardizer().fitTransform(Matrix.from([[1, 3], [7, 7]])).toArray(); //=> [[-1, 1], [0, 0]]
   * ```
   */
  fitTransform(X: Matrix): Matrix {
    return this.fit(X).transform(X);
  }

  /**
   * Undoes {@link Standardizer.transform}: `Z·σ + μ`, feature by feature (up to rounding).
   *
   * @param Z - standardised data `(n_x, m)`.
   * @returns a new `(n_x, m)` matrix in the original units.
   * @throws Error before `fit`.
   * @throws TypeError when `Z` is not a Matrix.
   * @throws {@link ShapeError} when `Z` does not have `n_x` rows.
   * @throws RangeError when `Z` holds `NaN` or `±Infinity`.
   * @example
   * ```ts
   * import { Matrix, Standardizer } from 'bottomup';
   * const scaler = new Standardizer().fit(Matrix.from([[0, 4]]));
   * scaler.inverseTransform(Matrix.from([[0, 2]])).toArray(); //=> [[2, 6]]
   * ```
   */
  inverseTransform(Z: Matrix): Matrix {
    return this.mapFeatures('inverseTransform', 'Z', Z, unstandardize);
  }

  /**
   * The fitted statistics as plain JSON; {@link Standardizer.fromJSON} restores them bit-exactly
   * (including through `JSON.stringify` / `JSON.parse`).
   *
   * @returns `{ type: 'Standardizer', mean, std }`.
   * @throws Error before `fit`.
   * @example
   * ```ts
   * import { Matrix, Standardizer } from 'bottomup';
   * new Standardizer().fit(Matrix.from([[0, 4]])).toJSON(); //=> { type: 'Standardizer', mean: [2], std: [2] }
   * ```
   */
  toJSON(): StandardizerJSON {
    const [mean, std] = this.fittedStats('toJSON');
    return { type: 'Standardizer', mean: Array.from(mean), std: Array.from(std) };
  }

  /**
   * Restores a scaler from {@link Standardizer.toJSON}, validating every field.
   *
   * @param json - a parsed `StandardizerJSON` object (not the JSON text: call `JSON.parse` first).
   * @returns a new fitted Standardizer.
   * @throws TypeError when `json` is not an object, its `type` is not `"Standardizer"`, it has a key
   *   other than `type`, `mean` and `std`, or `mean`/`std` are not arrays of numbers.
   * @throws RangeError when `mean`/`std` are empty or of different lengths, a mean is not finite, or a
   *   std is not a positive finite number.
   * @example
   * ```ts
   * import { Matrix, Standardizer } from 'bottomup';
   * const scaler = Standardizer.fromJSON({ type: 'Standardizer', mean: [2], std: [2] });
   * scaler.transform(Matrix.from([[4]])).toArray(); //=> [[1]]
   * ```
   */
  static fromJSON(json: unknown): Standardizer {
    const { a, b } = readScalerJSON('Standardizer.fromJSON', json, '', 'Standardizer');
    const scaler = new Standardizer();
    scaler.stats = [a, b];
    return scaler;
  }
}

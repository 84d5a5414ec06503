/**
 * The arithmetic of {@link Standardizer} and {@link MinMaxScaler} and the validating reader of their
 * JSON, without the `Matrix` class: the scaler classes and `bottomup/predict`'s pipeline predictor
 * both call these, so a saved pipeline scales its inputs bit for bit the same way in either.
 *
 * @internal
 * @module
 */
import { cut, fmtValue } from '../errors.js';
import { checkFinite, describe } from '../validate/values.js';

/** Maps value `x` of a feature with that feature's two statistics `a`, `b`. @internal */
export type FeatureMap = (x: number, a: number, b: number) => number;

/** The kinds of feature scaler. @internal */
export type ScalerType = 'Standardizer' | 'MinMaxScaler';

/** `(x − μ) / σ`. @internal */
export const standardize: FeatureMap = (x, mu, sigma) => (x - mu) / sigma;

/** `z·σ + μ`. @internal */
export const unstandardize: FeatureMap = (z, mu, sigma) => z * sigma + mu;

/** `(x − lo) / (hi − lo) · (max − min) + min`, with a range of 1 for a constant feature. @internal */
export function minMaxScale(min: number, max: number): FeatureMap {
  const span = max - min;
  return (x, lo, hi) => ((x - lo) / (hi - lo || 1)) * span + min;
}

/** `(z − min) / (max − min) · (hi − lo) + lo`, the inverse of {@link minMaxScale}. @internal */
export function minMaxUnscale(min: number, max: number): FeatureMap {
  const span = max - min;
  return (z, lo, hi) => ((z - min) / span) * (hi - lo || 1) + lo;
}

/**
 * `out[i·m + j] = f(X[i·m + j], a[i], b[i])` for the `a.length` features (rows) of the row-major `X`
 * with `m` columns. @internal
 */
export function mapFeaturesInto(
  out: Float64Array,
  X: Float64Array,
  m: number,
  a: Float64Array,
  b: Float64Array,
  f: FeatureMap,
): Float64Array {
  for (let i = 0; i < a.length; i++) {
    for (let k = i * m, end = k + m; k < end; k++) out[k] = f(X[k], a[i], b[i]);
  }
  return out;
}

/** A scaler read from its JSON: its kind, its two statistics per feature and its target range. @internal */
export interface ScalerSpec {
  readonly type: ScalerType;
  /** `mean` or `dataMin`. */
  readonly a: Float64Array;
  /** `std` or `dataMax`. */
  readonly b: Float64Array;
  /** The MinMaxScaler's target range (`[0, 1]` for a Standardizer, which has none). */
  readonly min: number;
  readonly max: number;
}

/** The map `transform` applies for a scaler read from JSON. @internal */
export function scaleMap(spec: ScalerSpec): FeatureMap {
  return spec.type === 'Standardizer' ? standardize : minMaxScale(spec.min, spec.max);
}

/**
 * A MinMaxScaler's target range `[min, max]` (named `at + 'min'`, `at + 'max'` in messages): finite,
 * `min < max`, with a finite `max − min`; `−0` becomes `0`. @internal
 */
export function checkScaleRange(op: string, min: unknown, max: unknown, at = ''): [number, number] {
  const lo = checkFinite(op, `${at}min`, min);
  const hi = checkFinite(op, `${at}max`, max);
  if (!(lo < hi)) {
    throw new RangeError(
      `${op}: expected ${at}min < ${at}max, got ${at}min ${fmtValue(lo)} and ${at}max ${fmtValue(hi)}`,
    );
  }
  if (!Number.isFinite(hi - lo))
    throw new RangeError(`${op}: expected a finite ${at}max − ${at}min, got ${fmtValue(hi - lo)}`);
  // `+ 0` turns −0 into 0, which JSON writes the same way: the JSON round trip stays bit-exact.
  return [lo + 0, hi + 0];
}

/**
 * Reads `o[name]` (named `at + name`) as a non-empty array of finite numbers (`> 0` when `positive`)
 * into a new Float64Array.
 */
function readVector(op: string, o: Record<string, unknown>, at: string, name: string, positive = false): Float64Array {
  const v = o[name];
  const where = `${at}${name}`;
  if (!Array.isArray(v)) throw new TypeError(`${op}: expected ${where} to be an array of numbers, got ${describe(v)}`);
  if (v.length === 0) throw new RangeError(`${op}: expected ${where} to have at least one feature, got an empty array`);
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const x: unknown = v[i];
    if (typeof x !== 'number') throw new TypeError(`${op}: expected ${where}[${i}] to be a number, got ${describe(x)}`);
    if (!Number.isFinite(x) || (positive && !(x > 0))) {
      throw new RangeError(
        `${op}: expected ${where}[${i}] to be a ${positive ? 'positive ' : ''}finite number, got ${fmtValue(x)}`,
      );
    }
    out[i] = x;
  }
  return out;
}

/** Each scaler kind's JSON keys. */
const KEYS: Readonly<Record<ScalerType, readonly string[]>> = {
  Standardizer: ['type', 'mean', 'std'],
  MinMaxScaler: ['type', 'min', 'max', 'dataMin', 'dataMax'],
};

/**
 * Reads the JSON of a Standardizer or a MinMaxScaler — of kind `type`, or of either when `type` is
 * omitted — found at `where` (`''` at the top level, else a path such as `scaler`), validating every
 * field: `{ type: 'Standardizer', mean, std }` with `std > 0`, or `{ type: 'MinMaxScaler', min, max,
 * dataMin, dataMax }` with `min < max` and `dataMin[i] <= dataMax[i]`; vectors non-empty, finite and of
 * one length; no unknown keys.
 * @throws TypeError for a malformed object, RangeError for a bad value. @internal
 */
export function readScalerJSON(op: string, json: unknown, where: string, type?: ScalerType): ScalerSpec {
  const at = where === '' ? '' : `${where}.`;
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    const got =
      json === null || json === undefined ? String(json) : Array.isArray(json) ? 'an array' : `a ${typeof json}`;
    throw new TypeError(`${op}: expected ${where === '' ? 'an object' : `${where} to be an object`}, got ${got}`);
  }
  const o = json as Record<string, unknown>;
  const kind = o.type;
  if (type === undefined ? kind !== 'Standardizer' && kind !== 'MinMaxScaler' : kind !== type) {
    const wanted = type === undefined ? '"Standardizer" or "MinMaxScaler"' : JSON.stringify(type);
    throw new TypeError(`${op}: expected ${at}type ${wanted}, got ${describe(kind)}`);
  }
  const t = kind as ScalerType;
  for (const key of Object.keys(o)) {
    if (!KEYS[t].includes(key)) {
      throw new TypeError(
        `${op}: expected ${where === '' ? `the ${t}` : where} keys among ${KEYS[t].join(', ')}, got unknown key ` +
          JSON.stringify(cut(key)),
      );
    }
  }
  if (t === 'Standardizer') {
    const mean = readVector(op, o, at, 'mean');
    const std = readVector(op, o, at, 'std', true);
    if (mean.length !== std.length) {
      throw new RangeError(
        `${op}: expected ${at}mean and ${at}std of the same length, got ${mean.length} and ${std.length}`,
      );
    }
    return { type: t, a: mean, b: std, min: 0, max: 1 };
  }
  const [min, max] = checkScaleRange(op, o.min, o.max, at);
  const lo = readVector(op, o, at, 'dataMin');
  const hi = readVector(op, o, at, 'dataMax');
  if (lo.length !== hi.length) {
    throw new RangeError(
      `${op}: expected ${at}dataMin and ${at}dataMax of the same length, got ${lo.length} and ${hi.length}`,
    );
  }
  for (let i = 0; i < lo.length; i++) {
    if (!(lo[i] <= hi[i]) || !Number.isFinite(hi[i] - lo[i])) {
      throw new RangeError(
        `${op}: expected ${at}dataMin[${i}] <= ${at}dataMax[${i}] with a finite range, got ${fmtValue(lo[i])} and ` +
          `${fmtValue(hi[i])}`,
      );
    }
  }
  return { type: t, a: lo, b: hi, min, max };
}

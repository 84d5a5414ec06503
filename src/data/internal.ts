/**
 * Runtime checks shared by the data utilities. Messages follow
 * `<fnName>: expected <what>, got <actual>`: `TypeError` for the wrong kind of value, `RangeError`
 * for a bad size or value, {@link ShapeError} for shapes.
 *
 * @internal
 * @module
 */
import { ShapeError, fmtShape, fmtValue } from '../errors.js';
import { Matrix } from '../matrix/matrix.js';
import { Random } from '../random.js';
import { checkOptions, describe } from '../options.js';

export { checkOptions, describe };

/** `(rows, cols)` of a matrix. @internal */
export const shapeOf = (a: Matrix): string => fmtShape(a.rows, a.cols);

/** Throws a TypeError unless `value` is a {@link Matrix}. @internal */
export function checkMatrix(op: string, name: string, value: unknown): asserts value is Matrix {
  if (!(value instanceof Matrix)) {
    throw new TypeError(`${op}: expected ${name} to be a Matrix, got ${describe(value)}`);
  }
}

/** A number (TypeError otherwise). @internal */
export function checkNumber(op: string, name: string, value: unknown): number {
  if (typeof value !== 'number') throw new TypeError(`${op}: expected ${name} to be a number, got ${describe(value)}`);
  return value;
}

/** A finite number (TypeError for a non-number, RangeError for NaN or ±Infinity). @internal */
export function checkFinite(op: string, name: string, value: unknown): number {
  checkNumber(op, name, value);
  if (!Number.isFinite(value)) throw new RangeError(`${op}: expected ${name} to be a finite number, got ${fmtValue(value)}`);
  return value as number;
}

/** A safe integer `>= min` (TypeError for a non-number, RangeError otherwise). @internal */
export function checkInteger(op: string, name: string, value: unknown, min: number): number {
  checkNumber(op, name, value);
  const v = value as number;
  if (!Number.isSafeInteger(v) || v < min) {
    const what = min === 1 ? 'a positive integer' : min === 0 ? 'a non-negative integer' : `an integer >= ${min}`;
    throw new RangeError(`${op}: expected ${name} to be ${what}, got ${fmtValue(v)}`);
  }
  return v;
}

/** A boolean (TypeError otherwise). @internal */
export function checkBoolean(op: string, name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new TypeError(`${op}: expected ${name} to be a boolean, got ${describe(value)}`);
  return value;
}

/** Throws a RangeError naming the first `NaN` or `±Infinity` in `X`. @internal */
export function checkFiniteData(op: string, name: string, X: Matrix): void {
  const d = X.data;
  for (let k = 0; k < d.length; k++) {
    if (!Number.isFinite(d[k])) {
      const i = Math.floor(k / X.cols), j = k - i * X.cols;
      throw new RangeError(`${op}: expected ${name} to hold finite values, got ${fmtValue(d[k])} at (${i}, ${j})`);
    }
  }
}

/** Throws a ShapeError unless `b` has as many columns (examples) as `a`. @internal */
export function checkSameColumns(op: string, aName: string, a: Matrix, bName: string, b: Matrix): void {
  if (a.cols !== b.cols) {
    throw new ShapeError(
      `${op}: expected ${bName} with m = ${a.cols} columns like ${aName}, got ${aName} ${shapeOf(a)} and ${bName} ${shapeOf(b)}`,
    );
  }
}

/** Options of every seeded data utility. */
export interface SeedOptions {
  /**
   * A seed, or a {@link Random} generator to draw from (and advance). Defaults to seed `0`, so every
   * call is reproducible unless you pass a different seed.
   */
  seed?: number | Random;
}

/** The generator for `options.seed` (a fresh `Random(0)` when absent). @internal */
export function resolveRandom(op: string, seed: unknown): Random {
  if (seed instanceof Random) return seed;
  if (seed === undefined) return new Random(0);
  if (typeof seed !== 'number') throw new TypeError(`${op}: expected seed to be a number or a Random, got ${describe(seed)}`);
  if (!Number.isFinite(seed)) throw new RangeError(`${op}: expected seed to be a finite number, got ${fmtValue(seed)}`);
  return new Random(seed);
}

/** `0, 1, …, n − 1` shuffled by `rng` (Fisher–Yates). @internal */
export function permutation(n: number, rng: Random): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  return rng.shuffle(p);
}

/** Throws a TypeError unless `json` is a plain object whose `type` is `type`. @internal */
export function checkJSONObject(op: string, json: unknown, type: string): Record<string, unknown> {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    const got = json === null || json === undefined ? String(json) : Array.isArray(json) ? 'an array' : `a ${typeof json}`;
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
      throw new RangeError(`${op}: expected ${name}[${i}] to be a ${positive ? 'positive ' : ''}finite number, got ${fmtValue(x)}`);
    }
    out[i] = x;
  }
  return out;
}

/** A `(n, 1)` column matrix holding a copy of `v`. @internal */
export function columnOf(v: Float64Array): Matrix {
  return new Matrix(v.length, 1, v.slice());
}

/** Checks the data matrix of a scaler's `fit`: a Matrix with at least one row and one column, all finite. @internal */
export function checkFitData(op: string, X: unknown): asserts X is Matrix {
  checkMatrix(op, 'X', X);
  if (X.rows === 0) throw new ShapeError(`${op}: expected X with at least one feature (row), got X ${shapeOf(X)}`);
  if (X.cols === 0) throw new ShapeError(`${op}: expected X with at least one example (column), got X ${shapeOf(X)}`);
  checkFiniteData(op, 'X', X);
}

/** Checks the data of `transform`-like methods against the fitted feature count `n`. @internal */
export function checkTransformData(op: string, name: string, X: unknown, n: number): asserts X is Matrix {
  checkMatrix(op, name, X);
  if (X.rows !== n) throw new ShapeError(`${op}: expected ${name} with ${n} rows (features), got ${name} ${shapeOf(X)}`);
  checkFiniteData(op, name, X);
}

/** The error thrown by a scaler used before `fit`. @internal */
export function notFitted(op: string, kind: string): Error {
  return new Error(`${op}: expected a fitted ${kind}, got one that was never fitted (call fit first)`);
}

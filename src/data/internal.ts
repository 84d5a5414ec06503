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

/**
 * The one home of bottomup's input checks that need no `Matrix` class: option objects, numbers,
 * flags, seeds, and the shape and value checks that only read a matrix's `rows`, `cols` and `data`.
 * Messages follow `<Class.method>: expected <what>, got <actual>`: a `TypeError` for the wrong kind
 * of value, a `RangeError` for a value of the right kind that is out of range, a {@link ShapeError}
 * for shapes.
 *
 * @internal
 * @module
 */
import { ShapeError, cut, fmtAt, fmtShape, fmtValue } from '../errors.js';
import type { MatrixView, NumberArray } from '../matrix/view.js';
import { Random, checkSeedNumber } from '../random.js';

const isShaped = (v: unknown): v is MatrixView =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as MatrixView).rows === 'number' &&
  typeof (v as MatrixView).cols === 'number' &&
  (v as MatrixView).data instanceof Float64Array;

/**
 * Whether `value` is a plain array or a typed array (not a `DataView`) — what bottomup reads as "an
 * array" of numbers; each element still gets its own check (a `BigInt64Array` holds bigints). @internal
 */
export function isNumberArray(value: unknown): value is NumberArray {
  return Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
}

/** Describes a value for an error message (numbers as written, never a function's source). @internal */
export function describe(value: unknown): string {
  if (isShaped(value)) return `a Matrix ${fmtShape(value)}`;
  if (typeof value === 'string') return value.length > 40 ? 'a string' : JSON.stringify(value);
  return fmtValue(value); // a function, a bigint, a symbol as fmtValue says them
}

/** Throws a TypeError unless `options` is `undefined` or a plain object with only `allowed` keys. @internal */
export function checkOptions(op: string, options: unknown, allowed: readonly string[]): void {
  if (options === undefined) return;
  if (options === null || typeof options !== 'object' || Array.isArray(options) || isShaped(options)) {
    throw new TypeError(`${op}: expected an options object, got ${describe(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) {
      throw new TypeError(
        `${op}: expected options among ${allowed.join(', ')}, got unknown option ${JSON.stringify(cut(key))}`,
      );
    }
  }
}

/** A number (TypeError otherwise). @internal */
export function checkNumber(op: string, name: string, value: unknown): number {
  if (typeof value !== 'number') throw new TypeError(`${op}: expected ${name} to be a number, got ${describe(value)}`);
  return value;
}

/** A finite number (TypeError for a non-number, RangeError for NaN or ±Infinity). @internal */
export function checkFinite(op: string, name: string, value: unknown): number {
  const v = checkNumber(op, name, value);
  if (!Number.isFinite(v)) throw new RangeError(`${op}: expected ${name} to be a finite number, got ${fmtValue(v)}`);
  return v;
}

/** A finite number `> 0`, or `>= 0` when `allowZero` (TypeError for a non-number). @internal */
export function checkPositive(op: string, name: string, value: unknown, allowZero = false): number {
  const v = checkNumber(op, name, value);
  if (!Number.isFinite(v) || v < 0 || (!allowZero && v === 0)) {
    throw new RangeError(`${op}: expected ${name} ${allowZero ? '>= 0' : '> 0'}, got ${fmtValue(v)}`);
  }
  return v;
}

/** A safe integer `>= min` (TypeError for a non-number, RangeError otherwise). @internal */
export function checkInteger(op: string, name: string, value: unknown, min: number): number {
  const v = checkNumber(op, name, value);
  if (!Number.isSafeInteger(v) || v < min) {
    const what = min === 1 ? 'a positive integer' : min === 0 ? 'a non-negative integer' : `an integer >= ${min}`;
    throw new RangeError(`${op}: expected ${name} to be ${what}, got ${fmtValue(v)}`);
  }
  return v;
}

/** A number in `[0, 1)` (TypeError for a non-number). @internal */
export function checkUnitInterval(op: string, name: string, value: unknown): number {
  const v = checkNumber(op, name, value);
  if (!(v >= 0 && v < 1)) throw new RangeError(`${op}: expected ${name} in [0, 1), got ${fmtValue(v)}`);
  return v;
}

/** A boolean (TypeError otherwise). @internal */
export function checkBoolean(op: string, name: string, value: unknown): boolean {
  if (typeof value !== 'boolean')
    throw new TypeError(`${op}: expected ${name} to be a boolean, got ${describe(value)}`);
  return value;
}

/** A function, or `undefined` (TypeError otherwise). @internal */
export function checkFunction(op: string, name: string, value: unknown): void {
  if (value !== undefined && typeof value !== 'function') {
    throw new TypeError(`${op}: expected ${name} to be a function, got ${describe(value)}`);
  }
}

/**
 * The generator for a `seed` option: the given {@link Random} itself (drawn from and advanced), a new
 * one for a finite number, or one seeded with `0` when absent, so every call is reproducible.
 * TypeError for another kind of value, RangeError for NaN or ±Infinity. @internal
 */
export function checkSeed(op: string, seed: unknown): Random {
  if (seed instanceof Random) return seed;
  if (seed === undefined) return new Random(0);
  if (typeof seed !== 'number')
    throw new TypeError(`${op}: expected seed to be a number or a Random, got ${describe(seed)}`);
  return new Random(checkSeedNumber(op, seed));
}

/**
 * The hint a {@link ShapeError} ends with when `name`, `(rows, cols)`, would fit transposed — `cols`
 * is the `expectedRows` wanted and `rows` is not: the usual sign of one row per example (as
 * `Matrix.from(rows)` reads them) where the library wants one column per example. Else `''`. @internal
 */
export function transposeHint(name: string, rows: number, cols: number, expectedRows: number): string {
  return cols === expectedRows && rows !== expectedRows
    ? `: one column per example — did you mean Matrix.fromSamples(examples), or ${name}.transpose()?`
    : '';
}

/**
 * The hint a {@link ShapeError} ends with when `M` is one row of class indices (integers in
 * `[0, classes)`) where `classes ≥ 2` rows of one-hot labels are wanted. Else `''`. @internal
 */
export function classIndexHint(name: string, M: MatrixView, classes: number): string {
  if (M.rows !== 1 || classes < 2) return '';
  const t = M.data;
  for (let j = 0; j < t.length; j++) if (!(Number.isInteger(t[j]) && t[j] >= 0 && t[j] < classes)) return '';
  return (
    `: ${name} looks like class indices — one-hot encode them with oneHot(labels, ${classes}), or use ` +
    'SparseCategoricalCrossEntropy'
  );
}

/** Throws a {@link ShapeError} unless `b` has the shape of `a`. @internal */
export function checkSameShape(op: string, a: MatrixView, b: MatrixView, aName = 'a', bName = 'b'): void {
  if (a.rows !== b.rows || a.cols !== b.cols) {
    throw new ShapeError(
      `${op}: expected ${bName} ${fmtShape(a)} like ${aName}, got ${aName} ${fmtShape(a)} and ${bName} ${fmtShape(b)}`,
    );
  }
}

/**
 * Throws a RangeError unless `M.data` holds exactly `rows·cols` values: a buffer transferred to a
 * worker (`postMessage` with a transfer list) holds none, and a plain `{ rows, cols, data }` view can
 * lie. Once per call, not per element. @internal
 */
export function checkSize(op: string, name: string, M: MatrixView): void {
  const n = M.data.length;
  if (n !== M.rows * M.cols) {
    throw new RangeError(
      `${op}: expected ${name}.data to hold ${M.rows}·${M.cols} = ${M.rows * M.cols} values for ${fmtShape(M)}, ` +
        `got ${n}${n === 0 ? ' (was its buffer transferred, e.g. by postMessage?)' : ''}`,
    );
  }
}

/** Throws a {@link ShapeError} unless `b` has as many columns (examples) as `a`. @internal */
export function checkSameColumns(op: string, aName: string, a: MatrixView, bName: string, b: MatrixView): void {
  if (a.cols !== b.cols) {
    throw new ShapeError(
      `${op}: expected ${bName} with m = ${a.cols} columns like ${aName}, got ${aName} ${fmtShape(a)} and ` +
        `${bName} ${fmtShape(b)}`,
    );
  }
}

/** Throws a RangeError when `M` holds a non-finite value, naming the matrix and the first bad position. @internal */
export function checkAllFinite(op: string, what: string, M: MatrixView): void {
  const d = M.data;
  for (let i = 0; i < d.length; i++) {
    const v = d[i];
    // v − v is NaN exactly for NaN and ±Infinity: one cheap test per element.
    if (v - v !== 0) throw new RangeError(`${op}: expected finite values in ${what}, got ${fmtAt(v, i, M.cols)}`);
  }
}

/** Throws a RangeError at the first `NaN` of `M` (a NaN prediction has no class). @internal */
export function checkNoNaN(op: string, what: string, M: MatrixView): void {
  const d = M.data;
  for (let k = 0; k < d.length; k++) {
    if (Number.isNaN(d[k])) throw new RangeError(`${op}: expected ${what} without NaN, got ${fmtAt(NaN, k, M.cols)}`);
  }
}

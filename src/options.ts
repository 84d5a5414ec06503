/**
 * Runtime checks of option objects and hyperparameters, for JavaScript users that TypeScript cannot
 * protect. Messages follow `<Class.method>: expected <what>, got <actual>`.
 *
 * @internal
 * @module
 */
import { fmtShape, fmtValue } from './errors.js';
import { Matrix } from './matrix/matrix.js';

/** Describes a value for an error message (numbers as written, never a function's source). @internal */
export function describe(value: unknown): string {
  if (value instanceof Matrix) return `a Matrix ${fmtShape(value.rows, value.cols)}`;
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'string') return value.length > 40 ? 'a string' : JSON.stringify(value);
  if (typeof value === 'bigint') return 'a bigint';
  if (typeof value === 'symbol') return 'a symbol';
  return fmtValue(value);
}

/** Throws a TypeError unless `options` is `undefined` or a plain object with only `allowed` keys. @internal */
export function checkOptions(op: string, options: unknown, allowed: readonly string[]): void {
  if (options === undefined) return;
  if (options === null || typeof options !== 'object' || Array.isArray(options) || options instanceof Matrix) {
    throw new TypeError(`${op}: expected an options object, got ${describe(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) {
      throw new TypeError(`${op}: expected options among ${allowed.join(', ')}, got unknown option ${JSON.stringify(key)}`);
    }
  }
}

/** A finite number `> 0` (or `>= 0` when `allowZero`). @internal */
export function checkPositive(op: string, name: string, value: unknown, allowZero = false): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    throw new RangeError(`${op}: expected ${name} ${allowZero ? '>= 0' : '> 0'}, got ${fmtValue(value)}`);
  }
  return value;
}

/** A positive integer (a size, a count). @internal */
export function checkPositiveInteger(op: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    throw new RangeError(`${op}: expected ${name} to be a positive integer, got ${fmtValue(value)}`);
  }
  return value;
}

/** A boolean flag (TypeError naming the type of anything else). @internal */
export function checkFlag(op: string, name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new TypeError(`${op}: expected ${name} to be a boolean, got ${typeof value}`);
  return value;
}

/** A number in `[0, 1)`. @internal */
export function checkUnitInterval(op: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !(value >= 0 && value < 1)) {
    throw new RangeError(`${op}: expected ${name} in [0, 1), got ${fmtValue(value)}`);
  }
  return value;
}

/**
 * Runtime checks of option objects and hyperparameters, for JavaScript users that TypeScript cannot
 * protect. Messages follow `<Class.method>: expected <what>, got <actual>`.
 *
 * @internal
 * @module
 */
import { fmtValue } from './errors.js';

/** Throws a TypeError naming the first unknown key of `options`. @internal */
export function checkOptions(op: string, options: unknown, allowed: readonly string[]): void {
  if (options === undefined) return;
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`${op}: expected an options object, got ${fmtValue(options)}`);
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

/** A number in `[0, 1)`. @internal */
export function checkUnitInterval(op: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !(value >= 0 && value < 1)) {
    throw new RangeError(`${op}: expected ${name} in [0, 1), got ${fmtValue(value)}`);
  }
  return value;
}

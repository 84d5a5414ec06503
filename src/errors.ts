/**
 * Errors thrown by bottomup. Every message has the form
 * `<Class.method>: expected <what>, got <actual>` so a failure names the operation and both sides.
 *
 * @module
 */

/**
 * Thrown when the shapes of matrices (or layers) do not fit an operation.
 *
 * @remarks
 * Extends `RangeError`, so `instanceof RangeError` also holds. The message names the operation, what
 * it expected and what it got, with shapes written `(rows, cols)` as in the course's notation.
 *
 * @example
 * ```ts
 * import { Matrix, ShapeError } from 'bottomup';
 * try {
 *   Matrix.zeros(2, 3).matmul(Matrix.zeros(2, 3));
 * } catch (e) {
 *   e instanceof ShapeError; //=> true
 *   (e as Error).message;
 *   //=> 'Matrix.matmul: expected b.rows === a.cols (3), got a (2, 3) and b (2, 3)'
 * }
 * ```
 */
export class ShapeError extends RangeError {
  /**
   * @param message - the full message, `<Class.method>: expected <what>, got <actual>`.
   */
  constructor(message: string) {
    super(message);
    this.name = 'ShapeError';
  }
}

/**
 * Formats a shape for error messages: `fmtShape(2, 3)` or `fmtShape(matrix)`, both `(2, 3)`. The one
 * shape formatter. @internal
 */
export function fmtShape(rows: number | { readonly rows: number; readonly cols: number }, cols?: number): string {
  return typeof rows === 'number' ? `(${rows}, ${cols})` : `(${rows.rows}, ${rows.cols})`;
}

/**
 * Formats element `k` of a row-major matrix with `cols` columns for an error message:
 * `<value> at (row, col)`. @internal
 */
export function fmtAt(value: number, k: number, cols: number): string {
  const row = Math.floor(k / cols);
  return `${fmtValue(value)} at (${row}, ${k - row * cols})`;
}

/** The most characters of a user's string an error message quotes. @internal */
export const QUOTE_LIMIT = 80;

/** `text` cut to {@link QUOTE_LIMIT} characters, with `…` when cut. @internal */
export function cut(text: string): string {
  return text.length <= QUOTE_LIMIT ? text : `${text.slice(0, QUOTE_LIMIT)}…`;
}

/**
 * Formats any value for an error message: numbers as written, strings quoted (cut to
 * {@link QUOTE_LIMIT} characters), others by kind — never a function's source or a huge input. @internal
 */
export function fmtValue(value: unknown): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'string') {
    if (value.length <= QUOTE_LIMIT) return JSON.stringify(value);
    return `${JSON.stringify(value.slice(0, QUOTE_LIMIT))}… (${value.length} characters)`;
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  // undefined and booleans as they are; a function, a symbol, a bigint by kind
  return value === undefined || typeof value === 'boolean' ? String(value) : `a ${typeof value}`;
}

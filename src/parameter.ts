/**
 * `Parameter`: a trainable tensor and its gradient — the one thing layers and optimizers share — and
 * {@link parameter}, which makes one.
 *
 * @module
 */
import { fmtValue } from './errors.js';
import { Matrix } from './matrix/matrix.js';
import { checkMatrix } from './validate/matrix.js';
import { checkAllFinite, checkFinite, checkInteger } from './validate/values.js';

/**
 * A trainable tensor: its value and the gradient that `backward` accumulates into.
 *
 * @remarks
 * Optimizers walk `model.parameters()` and update `value` from `grad`; `backward` **adds** into
 * `grad` and `zeroGrad()` clears it (micrograd's and PyTorch's convention). `Sequential` names a
 * layer's parameters after the course's notation: `W[l]`, `b[l]` for the `l`-th layer with
 * parameters (counted from 1), and `W[l.k]` for layer `k` of a model nested as layer `l` (one
 * more `.k` per level). Make one with {@link parameter}.
 *
 * **Shape:** `grad` always has the shape of `value`.
 */
export interface Parameter {
  /** A readable name, unique within a model (`W[1]`, `b[1]`, `W[2.1]`, …). */
  name: string;
  /** The current value. */
  readonly value: Matrix;
  /** The accumulated gradient `∂J/∂value`. */
  readonly grad: Matrix;
}

/**
 * A new {@link Parameter} for a layer of your own: the value you give (or a `(rows, cols)` matrix
 * filled with `fill`) and a zero gradient of the same shape — what `Dense` makes for `W` and `b`.
 *
 * @remarks
 * `name` is the local name (`'W'`, `'s'`); a `Sequential` appends the layer's place (`s[2]`).
 * The value matrix is used as is, not copied: the parameter owns it from then on.
 *
 * **Shape:** `value` `(rows, cols)`, `grad` the same.
 *
 * @param name - the local name, a non-empty string.
 * @param value - the initial value (finite numbers), e.g. `Matrix.ones(n, 1)` or `Matrix.randn(n, k, { random: 1 })`.
 * @returns `{ name, value, grad }` with `grad` all zeros.
 * @throws TypeError when `name` is not a non-empty string or `value` is not a Matrix.
 * @throws RangeError when `value` holds `NaN` or `±Infinity`.
 *
 * @example
 * ```ts
 * import { Matrix, parameter } from 'bottomup';
 * const s = parameter('s', Matrix.ones(3, 1));
 * s.value.shape; //=> [3, 1]
 * s.grad.toArray(); //=> [[0], [0], [0]]
 * parameter('b', 2, 1).value.toArray(); //=> [[0], [0]]
 * ```
 */
export function parameter(name: string, value: Matrix): Parameter;
/**
 * A new {@link Parameter} of shape `(rows, cols)`, every value `fill`, with a zero gradient.
 * @param name - the local name, a non-empty string.
 * @param rows - a positive integer.
 * @param cols - a positive integer.
 * @param fill - the initial value of every element; default `0`.
 * @returns `{ name, value, grad }`.
 * @throws TypeError when `name` is not a non-empty string or a size or `fill` is not a number.
 * @throws RangeError when a size is not a positive integer or `fill` is not finite.
 */
export function parameter(name: string, rows: number, cols: number, fill?: number): Parameter;
export function parameter(name: string, value: Matrix | number, cols?: number, fill = 0): Parameter {
  if (typeof name !== 'string' || name === '') {
    throw new TypeError(`parameter: expected name to be a non-empty string, got ${fmtValue(name)}`);
  }
  let V: Matrix;
  if (typeof value === 'number') {
    const rows = checkInteger('parameter', 'rows', value, 1);
    V = Matrix.fill(rows, checkInteger('parameter', 'cols', cols, 1), checkFinite('parameter', 'fill', fill));
  } else {
    checkMatrix('parameter', 'value', value);
    checkAllFinite('parameter', 'value', value);
    V = value;
  }
  return { name, value: V, grad: new Matrix(V.rows, V.cols) };
}

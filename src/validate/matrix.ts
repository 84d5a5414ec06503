/**
 * The input checks that need the `Matrix` class itself (kept apart from `values.ts`, which
 * `matrix.ts` imports, so neither imports the other).
 *
 * @internal
 * @module
 */
import { Matrix } from '../matrix/matrix.js';
import { ShapeError, fmtShape } from '../errors.js';
import { checkSize, describe } from './values.js';

/**
 * Throws a TypeError unless `value` is a {@link Matrix} (with a hint for a plain array), and a
 * RangeError unless its data holds all `rows·cols` values (a transferred buffer holds none). @internal
 */
export function checkMatrix(op: string, name: string, value: unknown): asserts value is Matrix {
  if (!(value instanceof Matrix)) {
    const hint = Array.isArray(value)
      ? ': use Matrix.fromSamples(examples) for one array per example, or Matrix.from(rows) for rows'
      : '';
    throw new TypeError(`${op}: expected ${name} to be a Matrix, got ${describe(value)}${hint}`);
  }
  checkSize(op, name, value);
}

/**
 * Whether `value` is a Matrix whose data is all there: the cheap test in front of a
 * {@link checkMatrix} whose operation name would cost a string to build. @internal
 */
export function isWholeMatrix(value: unknown): value is Matrix {
  return value instanceof Matrix && value.data.length === value.rows * value.cols;
}

/**
 * A prediction and its target: matrices of the same shape with at least one row and one column.
 * @internal
 */
export function checkPrediction(op: string, prediction: unknown, target: unknown): asserts prediction is Matrix {
  checkMatrix(op, 'prediction', prediction);
  checkMatrix(op, 'target', target);
  const p = prediction,
    t = target as Matrix;
  if (p.rows !== t.rows || p.cols !== t.cols) {
    throw new ShapeError(
      `${op}: expected target ${fmtShape(p)} like prediction, got prediction ${fmtShape(p)} and target ${fmtShape(t)}`,
    );
  }
  if (p.rows === 0 || p.cols === 0) {
    throw new ShapeError(
      `${op}: expected at least one output (row) and one example (column), got prediction ${fmtShape(p)}`,
    );
  }
}

/**
 * The input checks that need the `Matrix` class itself (kept apart from `values.ts`, which
 * `matrix.ts` imports, so neither imports the other).
 *
 * @internal
 * @module
 */
import { Matrix } from '../matrix/matrix.js';
import { ShapeError, fmtShape } from '../errors.js';
import { describe } from './values.js';

/** Throws a TypeError unless `value` is a {@link Matrix}. @internal */
export function checkMatrix(op: string, name: string, value: unknown): asserts value is Matrix {
  if (!(value instanceof Matrix)) {
    throw new TypeError(`${op}: expected ${name} to be a Matrix, got ${describe(value)}`);
  }
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

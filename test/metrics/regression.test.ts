import { describe, expect, it } from 'vitest';
import { meanAbsoluteError, meanSquaredError, r2 } from '../../src/metrics/regression.js';
import { ShapeError } from '../../src/errors.js';
import { Matrix } from '../../src/matrix/index.js';
import { expectThrowExact } from '../matrix/helpers.js';

describe('meanSquaredError and meanAbsoluteError', () => {
  it('average over every output and example (hand-computed)', () => {
    const p = Matrix.from([
      [1, 2, 3],
      [0, 0, 0],
    ]);
    const y = Matrix.from([
      [1, 4, 0],
      [1, 0, -1],
    ]);
    // errors 0, −2, 3, −1, 0, 1 → squares 0 4 9 1 0 1, absolute 0 2 3 1 0 1.
    expect(meanSquaredError(p, y)).toBe(15 / 6);
    expect(meanAbsoluteError(p, y)).toBe(7 / 6);
    expect(meanSquaredError(y, y)).toBe(0);
  });

  it('propagate NaN rather than hide it', () => {
    expect(meanSquaredError(Matrix.from([[Number.NaN, 1]]), Matrix.from([[0, 1]]))).toBeNaN();
    expect(meanAbsoluteError(Matrix.from([[0, 1]]), Matrix.from([[0, Number.NaN]]))).toBeNaN();
  });

  it('reject mismatched or empty shapes', () => {
    expectThrowExact(
      () => meanSquaredError(Matrix.zeros(2, 3), Matrix.zeros(3, 2)),
      ShapeError,
      'meanSquaredError: expected target (2, 3) like prediction, got prediction (2, 3) and target (3, 2)',
    );
    expectThrowExact(
      () => meanAbsoluteError(Matrix.zeros(0, 3), Matrix.zeros(0, 3)),
      ShapeError,
      'meanAbsoluteError: expected at least one output (row) and one example (column), got prediction (0, 3)',
    );
    expectThrowExact(
      () => meanSquaredError(1 as never, Matrix.zeros(1, 1)),
      TypeError,
      'meanSquaredError: expected prediction to be a Matrix, got 1',
    );
  });
});

describe('r2', () => {
  it('is 1 − SS_res/SS_tot for one output (hand-computed)', () => {
    const y = Matrix.from([[3, -0.5, 2, 7]]);
    const p = Matrix.from([[2.5, 0, 2, 8]]);
    // mean 2.875; SS_tot = 0.015625 + 11.390625 + 0.765625 + 17.015625 = 29.1875; SS_res = 1.5.
    expect(r2(p, y)).toBeCloseTo(1 - 1.5 / 29.1875, 15); // scikit-learn's docstring example: 0.948…
    expect(r2(y, y)).toBe(1);
    expect(r2(Matrix.fill(1, 4, 2.875), y)).toBe(0);
  });

  it('averages the per-output R² uniformly (scikit-learn multioutput="uniform_average")', () => {
    const y = Matrix.from([
      [0.5, -1, 7],
      [1, 1, -6],
    ]);
    const p = Matrix.from([
      [0, -1, 8],
      [2, 2, -5],
    ]);
    const r2row = (pi: number[], yi: number[]): number => {
      const mu = yi.reduce((s, v) => s + v, 0) / yi.length;
      const res = yi.reduce((s, v, j) => s + (v - pi[j]) ** 2, 0);
      const tot = yi.reduce((s, v) => s + (v - mu) ** 2, 0);
      return 1 - res / tot;
    };
    const expected = (r2row([0, -1, 8], [0.5, -1, 7]) + r2row([2, 2, -5], [1, 1, -6])) / 2;
    expect(r2(p, y)).toBeCloseTo(expected, 15);
    // scikit-learn's raw per-output values for this example are 0.965… and 0.908…; their plain mean
    // is 0.9368 (the variance-weighted average would be 0.938).
    expect(r2(p, y)).toBeCloseTo(0.9368, 4);
  });

  it('scores a constant target 1 when matched exactly, else 0 (force_finite)', () => {
    const y = Matrix.fill(1, 3, 0.1);
    expect(r2(Matrix.fill(1, 3, 0.1), y)).toBe(1);
    expect(r2(Matrix.from([[0.1, 0.2, 0.1]]), y)).toBe(0);
  });

  it('can be negative', () => {
    expect(r2(Matrix.from([[3, 2, 1]]), Matrix.from([[1, 2, 3]]))).toBe(-3);
  });

  it('rejects a single example and mismatched shapes', () => {
    expectThrowExact(
      () => r2(Matrix.zeros(1, 1), Matrix.zeros(1, 1)),
      ShapeError,
      'r2: expected at least 2 examples (columns), got prediction (1, 1)',
    );
    expectThrowExact(
      () => r2(Matrix.zeros(1, 2), Matrix.zeros(2, 1)),
      ShapeError,
      'r2: expected target (1, 2) like prediction, got prediction (1, 2) and target (2, 1)',
    );
  });
});

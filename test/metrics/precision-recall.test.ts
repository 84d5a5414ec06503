import { describe, expect, it } from 'vitest';
import { f1, precision, recall } from '../../src/metrics/precision-recall.js';
import { ShapeError } from '../../src/errors.js';
import { Matrix } from '../../src/matrix/index.js';
import { expectThrowExact } from '../matrix/helpers.js';

// A hand-made case with TP = 3, FP = 1, FN = 2, TN = 4 (threshold 0.5).
const prediction = Matrix.from([[0.9, 0.6, 0.55, 0.8, 0.2, 0.4, 0.1, 0.3, 0.0, 0.45]]);
const target = Matrix.from([[1, 1, 1, 0, 1, 1, 0, 0, 0, 0]]);

describe('precision, recall, f1', () => {
  it('match the hand-computed confusion counts TP 3, FP 1, FN 2, TN 4', () => {
    expect(precision(prediction, target)).toBe(3 / 4);
    expect(recall(prediction, target)).toBe(3 / 5);
    expect(f1(prediction, target)).toBe(6 / 9); // 2·TP / (2·TP + FP + FN)
    const P = 3 / 4,
      R = 3 / 5;
    expect(f1(prediction, target)).toBeCloseTo((2 * P * R) / (P + R), 15);
  });

  it('move with the threshold (ŷ > threshold is positive)', () => {
    // threshold 0.35: positives 0.9, 0.6, 0.55, 0.8, 0.4, 0.45 → TP 4, FP 2, FN 1.
    expect(precision(prediction, target, { threshold: 0.35 })).toBe(4 / 6);
    expect(recall(prediction, target, { threshold: 0.35 })).toBe(4 / 5);
    expect(f1(prediction, target, { threshold: 0.35 })).toBe(8 / 11);
  });

  it('a prediction exactly at the threshold is negative (ŷ > threshold, as in the course and Keras)', () => {
    expect(precision(Matrix.from([[0.5, 0.9]]), Matrix.from([[0, 1]]))).toBe(1);
    expect(recall(Matrix.from([[0.5, 0.9]]), Matrix.from([[1, 1]]))).toBe(1 / 2);
  });

  it('define 0/0 as 0', () => {
    const none = Matrix.from([[0.1, 0.2]]);
    expect(precision(none, Matrix.from([[1, 0]]))).toBe(0); // nothing predicted positive
    expect(recall(Matrix.from([[0.9, 0.1]]), Matrix.from([[0, 0]]))).toBe(0); // no positive labels
    expect(f1(none, Matrix.from([[0, 0]]))).toBe(0); // neither
  });

  it('are 1 on a perfect prediction', () => {
    const y = Matrix.from([[1, 0, 1]]);
    for (const metric of [precision, recall, f1]) expect(metric(y, y)).toBe(1);
  });

  it('reject bad arguments with exact messages', () => {
    for (const [name, metric] of [
      ['precision', precision],
      ['recall', recall],
      ['f1', f1],
    ] as const) {
      expectThrowExact(
        () => metric(Matrix.zeros(2, 3), Matrix.zeros(2, 3)),
        ShapeError,
        `${name}: expected (1, m) binary prediction and target, got prediction (2, 3) and target (2, 3)`,
      );
      expectThrowExact(
        () => metric(Matrix.zeros(1, 3), Matrix.zeros(1, 2)),
        ShapeError,
        `${name}: expected target (1, 3) like prediction, got prediction (1, 3) and target (1, 2)`,
      );
      expectThrowExact(
        () => metric(Matrix.zeros(1, 1), Matrix.from([[-1]])),
        RangeError,
        `${name}: expected binary target labels 0 or 1, got -1 at column 0`,
      );
      expectThrowExact(
        () => metric(Matrix.from([[Number.NaN]]), Matrix.from([[1]])),
        RangeError,
        `${name}: expected prediction without NaN, got NaN at (0, 0)`,
      );
      expectThrowExact(
        () => metric(Matrix.zeros(1, 1), Matrix.zeros(1, 1), { threshold: Infinity }),
        RangeError,
        `${name}: expected threshold to be a finite number, got Infinity`,
      );
      expectThrowExact(
        () => metric(Matrix.zeros(1, 1), 'y' as never),
        TypeError,
        `${name}: expected target to be a Matrix, got "y"`,
      );
    }
  });
});

import { describe, expect, it } from 'vitest';
import { accuracy } from '../../src/metrics/accuracy.js';
import { ShapeError } from '../../src/errors.js';
import { Matrix } from '../../src/matrix/index.js';
import { expectThrowExact } from '../matrix/helpers.js';

describe('accuracy', () => {
  it('binary: ŷ > threshold is class 1, compared with 0/1 labels (hand-computed)', () => {
    const p = Matrix.from([[0.9, 0.5, 0.49, 0.1, 0.7]]);
    const y = Matrix.from([[1, 1, 1, 0, 0]]);
    // Predicted 1, 0 (0.5 is not above 0.5), 0, 0, 1 → correct, wrong, wrong, correct, wrong.
    expect(accuracy(p, y)).toBe(2 / 5);
    expect(accuracy(p, y, { threshold: 0.8 })).toBe(3 / 5); // 1, 0, 0, 0, 0
    expect(accuracy(p, y, { threshold: 0.4 })).toBe(4 / 5); // 1, 1, 1, 0, 1
    expect(accuracy(p, y, { threshold: 0.95 })).toBe(2 / 5); // all 0
  });

  it('binary with logits: threshold 0', () => {
    // Predicted 0, 0 (a logit of exactly 0 is not above 0), 1, 0.
    expect(accuracy(Matrix.from([[-2, 0, 3, -0.1]]), Matrix.from([[0, 1, 1, 1]]), { threshold: 0 })).toBe(2 / 4);
  });

  it('categorical: argmax of the prediction against argmax of the one-hot target', () => {
    const p = Matrix.from([
      [0.7, 0.1, 0.3, 0.2],
      [0.2, 0.8, 0.3, 0.2],
      [0.1, 0.1, 0.4, 0.6],
    ]);
    const y = Matrix.from([
      [1, 0, 1, 0],
      [0, 1, 0, 0],
      [0, 0, 0, 1],
    ]);
    expect(accuracy(p, y)).toBe(3 / 4);
    expect(accuracy(p, y, { threshold: 0.99 })).toBe(3 / 4); // the threshold plays no part
  });

  it('categorical ties go to the first row, in both prediction and target', () => {
    expect(accuracy(Matrix.from([[0.5], [0.5]]), Matrix.from([[1], [0]]))).toBe(1);
    expect(accuracy(Matrix.from([[0.5], [0.5]]), Matrix.from([[0], [1]]))).toBe(0);
  });

  it('handles infinities as ordinary values', () => {
    expect(accuracy(Matrix.from([[Infinity, -Infinity]]), Matrix.from([[1, 0]]))).toBe(1);
  });

  it('rejects bad arguments with exact messages', () => {
    const p = Matrix.from([[0.2, 0.8]]);
    expectThrowExact(
      () => accuracy([0.2] as never, p),
      TypeError,
      'accuracy: expected prediction to be a Matrix, got an array' +
        ': use Matrix.fromSamples(examples) for one array per example, or Matrix.from(rows) for rows',
    );
    expectThrowExact(
      () => accuracy(p, undefined as never),
      TypeError,
      'accuracy: expected target to be a Matrix, got undefined',
    );
    expectThrowExact(
      () => accuracy(p, Matrix.zeros(2, 2)),
      ShapeError,
      'accuracy: expected target (1, 2) like prediction, got prediction (1, 2) and target (2, 2)',
    );
    expectThrowExact(
      () => accuracy(Matrix.zeros(1, 0), Matrix.zeros(1, 0)),
      ShapeError,
      'accuracy: expected at least one output (row) and one example (column), got prediction (1, 0)',
    );
    expectThrowExact(
      () => accuracy(p, Matrix.from([[1, 2]])),
      RangeError,
      'accuracy: expected binary target labels 0 or 1, got 2 at column 1',
    );
    expectThrowExact(
      () => accuracy(p, Matrix.from([[0.5, 1]])),
      RangeError,
      'accuracy: expected binary target labels 0 or 1, got 0.5 at column 0',
    );
    expectThrowExact(
      () => accuracy(Matrix.from([[Number.NaN, 1]]), Matrix.from([[1, 1]])),
      RangeError,
      'accuracy: expected prediction without NaN, got NaN at (0, 0)',
    );
    expectThrowExact(
      () =>
        accuracy(
          Matrix.from([
            [1, 0],
            [0, Number.NaN],
          ]),
          Matrix.from([
            [1, 0],
            [0, 1],
          ]),
        ),
      RangeError,
      'accuracy: expected prediction without NaN, got NaN at (1, 1)',
    );
    expectThrowExact(
      () =>
        accuracy(
          Matrix.from([
            [1, 0],
            [0, 1],
          ]),
          Matrix.from([
            [Number.NaN, 0],
            [0, 1],
          ]),
        ),
      RangeError,
      'accuracy: expected target without NaN, got NaN at (0, 0)',
    );
    expectThrowExact(
      () => accuracy(p, p, { threshold: Number.NaN }),
      RangeError,
      'accuracy: expected threshold to be a finite number, got NaN',
    );
    expectThrowExact(
      () => accuracy(p, p, { threshold: '0.5' as never }),
      TypeError,
      'accuracy: expected threshold to be a number, got "0.5"',
    );
    expectThrowExact(
      () => accuracy(p, p, { treshold: 0.5 } as never),
      TypeError,
      'accuracy: expected options among threshold, got unknown option "treshold"',
    );
  });
});

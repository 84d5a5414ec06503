import { describe, expect, it } from 'vitest';
import { confusionMatrix } from '../../src/metrics/confusion-matrix.js';
import { ShapeError } from '../../src/errors.js';
import { Matrix } from '../../src/matrix/index.js';
import { accuracy } from '../../src/metrics/accuracy.js';
import { expectThrowExact } from '../matrix/helpers.js';

describe('confusionMatrix', () => {
  it('binary: [[TN, FP], [FN, TP]], rows true class, columns predicted', () => {
    const p = Matrix.from([[0.9, 0.6, 0.55, 0.8, 0.2, 0.4, 0.1, 0.3, 0.0, 0.45]]);
    const y = Matrix.from([[1, 1, 1, 0, 1, 1, 0, 0, 0, 0]]);
    expect(confusionMatrix(p, y).toArray()).toEqual([
      [4, 1],
      [2, 3],
    ]);
    expect(confusionMatrix(p, y, { threshold: 0.35 }).toArray()).toEqual([
      [3, 2],
      [1, 4],
    ]);
    // Exactly at the threshold is class 0.
    expect(confusionMatrix(Matrix.from([[0.5]]), Matrix.from([[1]])).toArray()).toEqual([
      [0, 0],
      [1, 0],
    ]);
  });

  it('categorical: argmax of one-hot target (row) against argmax of prediction (column)', () => {
    const p = Matrix.from([
      [0.8, 0.1, 0.1, 0.6, 0.2],
      [0.1, 0.7, 0.2, 0.3, 0.2],
      [0.1, 0.2, 0.7, 0.1, 0.6],
    ]);
    const y = Matrix.from([
      [1, 0, 0, 0, 0],
      [0, 1, 0, 1, 0],
      [0, 0, 1, 0, 1],
    ]);
    // True 0 → 0; true 1 → 1, 0; true 2 → 2, 2.
    const cm = confusionMatrix(p, y).toArray();
    expect(cm).toEqual([
      [1, 0, 0],
      [1, 1, 0],
      [0, 0, 2],
    ]);
    const diagonal = cm.reduce((s, row, i) => s + row[i], 0);
    expect(diagonal / 5).toBe(accuracy(p, y));
    expect(confusionMatrix(p, y, { numClasses: 3 }).toArray()).toEqual(cm);
  });

  it('class indices: (1, m) rows read as labels when numClasses is given', () => {
    const p = Matrix.from([[0, 2, 2, 1, 3]]);
    const y = Matrix.from([[0, 1, 2, 1, 0]]);
    expect(confusionMatrix(p, y, { numClasses: 4 }).toArray()).toEqual([
      [1, 0, 0, 1],
      [0, 1, 1, 0],
      [0, 0, 1, 0],
      [0, 0, 0, 0],
    ]);
  });

  it('rejects bad arguments with exact messages', () => {
    const p = Matrix.from([[0.2, 0.8]]);
    expectThrowExact(
      () => confusionMatrix(p, Matrix.zeros(1, 3)),
      ShapeError,
      'confusionMatrix: expected target (1, 2) like prediction, got prediction (1, 2) and target (1, 3)',
    );
    expectThrowExact(
      () => confusionMatrix(p, Matrix.from([[0, 3]])),
      RangeError,
      'confusionMatrix: expected binary target labels 0 or 1, got 3 at column 1',
    );
    expectThrowExact(
      () => confusionMatrix(p, p, { numClasses: 2 }),
      RangeError,
      'confusionMatrix: expected target to hold class indices in [0, 2), got 0.2 at column 0',
    );
    expectThrowExact(
      () => confusionMatrix(p, Matrix.from([[0, 1]]), { numClasses: 2 }),
      RangeError,
      'confusionMatrix: expected prediction to hold class indices in [0, 2), got 0.2 at column 0',
    );
    expectThrowExact(
      () => confusionMatrix(p, p, { numClasses: 0 }),
      RangeError,
      'confusionMatrix: expected numClasses to be a positive integer, got 0',
    );
    expectThrowExact(
      () => confusionMatrix(Matrix.zeros(3, 2), Matrix.zeros(3, 2), { numClasses: 4 }),
      RangeError,
      'confusionMatrix: expected numClasses to match the 3 rows of prediction, got 4',
    );
    expectThrowExact(
      () => confusionMatrix(Matrix.from([[1], [Number.NaN]]), Matrix.from([[1], [0]])),
      RangeError,
      'confusionMatrix: expected prediction without NaN, got NaN at (1, 0)',
    );
    expectThrowExact(
      () => confusionMatrix(p, p, { classes: 2 } as never),
      TypeError,
      'confusionMatrix: expected options among threshold, numClasses, got unknown option "classes"',
    );
  });

  it('checks every input before allocating the k × k counts, and names an allocation too big (#10.10)', () => {
    // a bad label with 30 000 classes used to allocate 900 million entries first, then fail (or abort)
    const k = 30_000;
    expectThrowExact(
      () => confusionMatrix(Matrix.from([[0, 1]]), Matrix.from([[0, k]]), { numClasses: k }),
      RangeError,
      `confusionMatrix: expected target to hold class indices in [0, ${k}), got ${k} at column 1`,
    );
    // valid indices, but 2^26 classes need 2^52 counts: a catchable error naming the operation
    const huge = 2 ** 26;
    expect(() => confusionMatrix(Matrix.from([[0]]), Matrix.from([[0]]), { numClasses: huge })).toThrowError(
      new RangeError(
        `confusionMatrix: expected a matrix this engine can allocate, got (${huge}, ${huge}) = ${huge * huge} values ` +
          `(${(huge * huge * 8) / 1e9} GB of Float64)`,
      ),
    );
    // one typed buffer: 3000 classes count fast and sum to m
    const cm = confusionMatrix(Matrix.from([[2999, 0, 5]]), Matrix.from([[2999, 1, 5]]), { numClasses: 3000 });
    expect(cm.shape).toEqual([3000, 3000]);
    expect(cm.sum()).toBe(3);
    expect([cm.get(2999, 2999), cm.get(1, 0), cm.get(5, 5)]).toEqual([1, 1, 1]);
  });
});

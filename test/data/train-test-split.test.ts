import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { oneHot } from '../../src/data/one-hot.js';
import { trainTestSplit } from '../../src/data/train-test-split.js';
import { ShapeError } from '../../src/errors.js';
import { Matrix } from '../../src/matrix/index.js';
import { expectBitEqual, expectThrowExact } from '../matrix/helpers.js';

/** X whose row 0 is the column index, so every example can be traced; Y with the given labels. */
function traced(labels: readonly number[]): { X: Matrix; Y: Matrix } {
  const m = labels.length;
  const X = new Matrix(2, m);
  for (let j = 0; j < m; j++) {
    X.data[j] = j;
    X.data[m + j] = -j;
  }
  return { X, Y: Matrix.from([labels as number[]]) };
}

const count = (Y: Matrix, c: number): number => Y.data.filter((v) => v === c).length;

describe('trainTestSplit', () => {
  it('sizes: ⌈testSize·m⌉ test examples for a fraction, the count for an integer, 25% by default', () => {
    const { X, Y } = traced(Array.from({ length: 10 }, (_, j) => j % 2));
    const size = (testSize?: number): [number, number] => {
      const s = trainTestSplit(X, Y, testSize === undefined ? {} : { testSize });
      return [s.XTrain.cols, s.XTest.cols];
    };
    expect(size()).toEqual([7, 3]);
    expect(size(0.25)).toEqual([7, 3]);
    expect(size(0.7)).toEqual([3, 7]); // 0.7·10 = 7.000000000000001, not rounded up to 8
    expect(size(0.01)).toEqual([9, 1]);
    expect(size(1)).toEqual([9, 1]); // an integer is a count
    expect(size(4)).toEqual([6, 4]);
    expect(size(9)).toEqual([1, 9]);
  });

  it('keeps shapes and pairs each example with its own label', () => {
    const { X, Y } = traced([5, 6, 7, 8, 9, 10, 11]);
    const s = trainTestSplit(X, Y, { testSize: 3, seed: 4 });
    expect(s.XTrain.shape).toEqual([2, 4]);
    expect(s.YTrain.shape).toEqual([1, 4]);
    expect(s.XTest.shape).toEqual([2, 3]);
    expect(s.YTest.shape).toEqual([1, 3]);
    for (const [Xp, Yp, idx] of [
      [s.XTrain, s.YTrain, s.trainIndices],
      [s.XTest, s.YTest, s.testIndices],
    ] as const) {
      for (let j = 0; j < Xp.cols; j++) {
        expect(Xp.get(0, j)).toBe(idx[j]);
        expect(Xp.get(1, j)).toBe(-idx[j]);
        expect(Yp.get(0, j)).toBe(idx[j] + 5);
      }
    }
  });

  it('is disjoint and covering: every column appears exactly once across train and test (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 60 }),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        fc.boolean(),
        fc.integer({ min: 1, max: 4 }),
        fc.nat(1000),
        (m, fraction, stratify, k, seed) => {
          const testSize = Math.ceil(fraction * m - 1e-9) >= m ? 1 : fraction;
          const { X, Y } = traced(Array.from({ length: m }, (_, j) => (j * 7) % k));
          const s = trainTestSplit(X, Y, { testSize, stratify, seed });
          const seen = [
            ...Array.from(s.XTrain.data.subarray(0, s.XTrain.cols)),
            ...Array.from(s.XTest.data.subarray(0, s.XTest.cols)),
          ];
          expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: m }, (_, j) => j));
          expect(s.XTrain.cols).toBeGreaterThanOrEqual(1);
          expect(s.XTest.cols).toBeGreaterThanOrEqual(1);
        },
      ),
      { seed: 777, numRuns: 300 },
    );
  });

  it('stratifies binary labels: class proportions kept exactly when they divide evenly', () => {
    const labels = Array.from({ length: 100 }, (_, j) => (j < 30 ? 1 : 0));
    const { X, Y } = traced(labels);
    for (const seed of [0, 1, 2]) {
      const s = trainTestSplit(X, Y, { testSize: 0.2, stratify: true, seed });
      expect([count(s.YTest, 0), count(s.YTest, 1)]).toEqual([14, 6]);
      expect([count(s.YTrain, 0), count(s.YTrain, 1)]).toEqual([56, 24]);
    }
  });

  it('stratifies by largest remainders so the test size is exact (hand-computed)', () => {
    // Classes of sizes 5, 3, 2 (m = 10), m_test = 4: quotas 2, 1.2, 0.8 → floors 2, 1, 0, remainders
    // 0, 2, 8 (in tenths): the one leftover place goes to class 2.
    const { X, Y } = traced([0, 0, 0, 0, 0, 1, 1, 1, 2, 2]);
    const s = trainTestSplit(X, Y, { testSize: 4, stratify: true, seed: 9 });
    expect([count(s.YTest, 0), count(s.YTest, 1), count(s.YTest, 2)]).toEqual([2, 1, 1]);
  });

  it('stratifies one-hot labels by their argmax', () => {
    const labels = Array.from({ length: 60 }, (_, j) => (j < 30 ? 0 : j < 50 ? 1 : 2));
    const { X } = traced(labels);
    const Y = oneHot(labels, 3);
    const s = trainTestSplit(X, Y, { testSize: 0.5, stratify: true, seed: 5 });
    const testClasses = Array.from(s.YTest.argmax().data);
    expect([0, 1, 2].map((c) => testClasses.filter((v) => v === c).length)).toEqual([15, 10, 5]);
  });

  it('mixes the classes within each set rather than sorting them', () => {
    const { X, Y } = traced(Array.from({ length: 40 }, (_, j) => j % 2));
    const s = trainTestSplit(X, Y, { testSize: 0.5, stratify: true, seed: 3 });
    const train = Array.from(s.YTrain.data);
    expect(train).not.toEqual([...train].sort());
  });

  it('is deterministic under a seed, defaults to seed 0, and differs across seeds', () => {
    const { X, Y } = traced(Array.from({ length: 30 }, (_, j) => j % 3));
    for (const stratify of [false, true]) {
      const a = trainTestSplit(X, Y, { seed: 8, stratify });
      const b = trainTestSplit(X, Y, { seed: 8, stratify });
      expectBitEqual(a.XTest, b.XTest);
      expectBitEqual(a.YTrain, b.YTrain);
      expectBitEqual(trainTestSplit(X, Y, { stratify }).XTest, trainTestSplit(X, Y, { seed: 0, stratify }).XTest);
      expect(a.XTest.equals(trainTestSplit(X, Y, { seed: 9, stratify }).XTest)).toBe(false);
    }
  });

  it('rejects bad arguments with exact messages', () => {
    const { X, Y } = traced([0, 1, 0, 1]);
    expectThrowExact(
      () => trainTestSplit(null as never, Y),
      TypeError,
      'trainTestSplit: expected X to be a Matrix, got null',
    );
    expectThrowExact(
      () => trainTestSplit(X, [0, 1, 0, 1] as never),
      TypeError,
      'trainTestSplit: expected Y to be a Matrix, got an array' +
        ': use Matrix.fromSamples(examples) for one array per example, or Matrix.from(rows) for rows',
    );
    expectThrowExact(
      () => trainTestSplit(X, Matrix.zeros(1, 3)),
      ShapeError,
      'trainTestSplit: expected Y with m = 4 columns like X, got X (2, 4) and Y (1, 3)',
    );
    expectThrowExact(
      () => trainTestSplit(Matrix.zeros(2, 1), Matrix.zeros(1, 1)),
      ShapeError,
      'trainTestSplit: expected at least 2 examples (columns) to split, got X (2, 1)',
    );
    expectThrowExact(
      () => trainTestSplit(X, Y, { testSize: '0.2' as never }),
      TypeError,
      'trainTestSplit: expected testSize to be a number, got "0.2"',
    );
    for (const bad of [0, -1, 1.5, Number.NaN, Infinity]) {
      expectThrowExact(
        () => trainTestSplit(X, Y, { testSize: bad }),
        RangeError,
        `trainTestSplit: expected testSize to be a fraction in (0, 1) or a positive integer count, got ${bad}`,
      );
    }
    expectThrowExact(
      () => trainTestSplit(X, Y, { testSize: 4 }),
      RangeError,
      'trainTestSplit: expected testSize to leave at least one example in each of train and test (m = 4), got ' +
        '4 (4 test examples)',
    );
    expectThrowExact(
      () => trainTestSplit(X, Y, { testSize: 0.9 }),
      RangeError,
      'trainTestSplit: expected testSize to leave at least one example in each of train and test (m = 4), got ' +
        '0.9 (4 test examples)',
    );
    expectThrowExact(
      () => trainTestSplit(X, Y, { stratify: 'yes' as never }),
      TypeError,
      'trainTestSplit: expected stratify to be a boolean, got "yes"',
    );
    expectThrowExact(
      () => trainTestSplit(X, Matrix.from([[0, Number.NaN, 1, 1]]), { stratify: true }),
      RangeError,
      'trainTestSplit: expected finite labels to stratify, got NaN at column 1',
    );
    expectThrowExact(
      () => trainTestSplit(X, Matrix.zeros(0, 4), { stratify: true }),
      ShapeError,
      'trainTestSplit: expected Y with at least one row to stratify, got Y (0, 4)',
    );
    expectThrowExact(
      () => trainTestSplit(X, Y, { test_size: 0.2 } as never),
      TypeError,
      'trainTestSplit: expected options among testSize, stratify, seed, got unknown option "test_size"',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { fromOneHot, oneHot } from '../../src/data/one-hot.js';
import { ShapeError } from '../../src/errors.js';
import { Matrix } from '../../src/matrix/index.js';
import { expectThrowExact } from '../matrix/helpers.js';

describe('oneHot', () => {
  it('puts a single 1 in row labels[j] of column j', () => {
    expect(oneHot([0, 2, 1, 2], 3).toArray()).toEqual([
      [1, 0, 0, 0],
      [0, 0, 1, 0],
      [0, 1, 0, 1],
    ]);
  });

  it('accepts a (1, m) Matrix of labels, and infers max + 1 classes without numClasses', () => {
    const Y = Matrix.from([[1, 0, 1]]);
    expect(oneHot(Y).toArray()).toEqual([
      [0, 1, 0],
      [1, 0, 1],
    ]);
    expect(oneHot(Y, 4).shape).toEqual([4, 3]);
    expect(oneHot([], 2).shape).toEqual([2, 0]);
  });

  it('round-trips with fromOneHot', () => {
    const labels = [3, 0, 0, 2, 1, 3];
    expect(Array.from(fromOneHot(oneHot(labels, 5)).data)).toEqual(labels);
  });

  it('rejects bad labels and class counts with exact messages', () => {
    expectThrowExact(
      () => oneHot('01' as never),
      TypeError,
      'oneHot: expected labels to be a (1, m) Matrix or an array of numbers, got "01"',
    );
    expectThrowExact(() => oneHot(Matrix.zeros(2, 3)), ShapeError, 'oneHot: expected labels (1, m), got labels (2, 3)');
    expectThrowExact(() => oneHot([0, '1'] as never), TypeError, 'oneHot: expected labels[1] to be a number, got "1"');
    expectThrowExact(
      () => oneHot([0, 1.5]),
      RangeError,
      'oneHot: expected labels[1] to be a non-negative integer class index, got 1.5',
    );
    expectThrowExact(
      () => oneHot([-1]),
      RangeError,
      'oneHot: expected labels[0] to be a non-negative integer class index, got -1',
    );
    expectThrowExact(
      () => oneHot(Matrix.from([[0, Number.NaN]])),
      RangeError,
      'oneHot: expected labels[1] to be a non-negative integer class index, got NaN',
    );
    expectThrowExact(
      () => oneHot([0, 3], 3),
      RangeError,
      'oneHot: expected labels[1] to be a class index in [0, 3), got 3',
    );
    expectThrowExact(() => oneHot([0], 0), RangeError, 'oneHot: expected numClasses to be a positive integer, got 0');
    expectThrowExact(() => oneHot([0], '2' as never), TypeError, 'oneHot: expected numClasses to be a number, got "2"');
    expectThrowExact(
      () => oneHot([]),
      RangeError,
      'oneHot: expected numClasses for empty labels, got no labels and no numClasses',
    );
  });
});

describe('fromOneHot', () => {
  it('decodes each column to the row of its largest entry, first on ties', () => {
    const P = Matrix.from([
      [0.1, 0.5, 0.2],
      [0.7, 0.5, 0.2],
      [0.2, 0.0, 0.6],
    ]);
    expect(fromOneHot(P).toArray()).toEqual([[1, 0, 2]]);
  });

  it('rejects non-matrices and matrices without rows', () => {
    expectThrowExact(
      () => fromOneHot([[1]] as never),
      TypeError,
      'fromOneHot: expected Y to be a Matrix, got an array' +
        ': use Matrix.fromSamples(examples) for one array per example, or Matrix.from(rows) for rows',
    );
    expectThrowExact(
      () => fromOneHot(Matrix.zeros(0, 3)),
      ShapeError,
      'fromOneHot: expected Y with at least one row (class), got Y (0, 3)',
    );
  });
});

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

describe('oneHot with typed arrays', () => {
  const plain = oneHot([0, 2, 1], 3);

  it('reads any numeric typed array like the plain array of its values', () => {
    expect(oneHot(Int32Array.of(0, 2, 1), 3).toArray()).toEqual([
      [1, 0, 0],
      [0, 0, 1],
      [0, 1, 0],
    ]);
    for (const Kind of [Float64Array, Float32Array, Int32Array, Uint32Array, Int16Array, Uint8Array, Int8Array]) {
      expect(oneHot(Kind.of(0, 2, 1), 3).equals(plain), Kind.name).toBe(true);
      expect(oneHot(Kind.of(0, 2, 1)).equals(plain), `${Kind.name}, inferred`).toBe(true);
    }
  });

  it("takes the library's own outputs: a matrix's data and a row of it", () => {
    const Y = Matrix.from([
      [0, 2, 1],
      [1, 1, 0],
    ]);
    expect(oneHot(Y.data.subarray(0, 3), 3).equals(plain)).toBe(true);
    expect(oneHot(Y.data).shape).toEqual([3, 6]);
  });

  it('refuses the same labels with the same messages as for arrays', () => {
    const cases: [ArrayLike<number>, number | undefined, string][] = [
      [[0, 1.5], undefined, 'oneHot: expected labels[1] to be a non-negative integer class index, got 1.5'],
      [[0, -1], undefined, 'oneHot: expected labels[1] to be a non-negative integer class index, got -1'],
      [[0, Number.NaN], undefined, 'oneHot: expected labels[1] to be a non-negative integer class index, got NaN'],
      [
        [Number.POSITIVE_INFINITY],
        undefined,
        'oneHot: expected labels[0] to be a non-negative integer class index, got Infinity',
      ],
      [[0, 3], 3, 'oneHot: expected labels[1] to be a class index in [0, 3), got 3'],
    ];
    for (const [values, k, message] of cases) {
      expectThrowExact(() => oneHot(Array.from(values), k), RangeError, message);
      expectThrowExact(() => oneHot(Float64Array.from(values), k), RangeError, message);
    }
    expectThrowExact(() => oneHot(Float32Array.of(0, 0.5)), RangeError, cases[0][2].replace('1.5', '0.5'));
    expectThrowExact(() => oneHot(Int32Array.of(0, -1)), RangeError, cases[1][2]);
    expectThrowExact(() => oneHot(Uint8Array.of(0, 3), 3), RangeError, cases[4][2]);
    expectThrowExact(
      () => oneHot(new Int32Array(0)),
      RangeError,
      'oneHot: expected numClasses for empty labels, got no labels and no numClasses',
    );
    expect(oneHot(new Int32Array(0), 2).shape).toEqual([2, 0]);
  });

  it('still refuses a DataView and bigints', () => {
    expectThrowExact(
      () => oneHot(new DataView(new ArrayBuffer(4)) as never),
      TypeError,
      'oneHot: expected labels to be a (1, m) Matrix or an array of numbers, got an object',
    );
    expectThrowExact(
      () => oneHot(BigInt64Array.of(1n) as never),
      TypeError,
      'oneHot: expected labels[0] to be a number, got a bigint',
    );
  });
});

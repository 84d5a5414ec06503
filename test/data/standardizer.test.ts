import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Standardizer } from '../../src/data/standardizer.js';
import { ShapeError } from '../../src/errors.js';
import { Matrix } from '../../src/matrix/index.js';
import { expectBitEqual, expectThrowExact, testMatrix } from '../matrix/helpers.js';

const rowMean = (a: Matrix, i: number): number => a.toArray()[i].reduce((s, v) => s + v, 0) / a.cols;
const rowStd = (a: Matrix, i: number): number => {
  const mu = rowMean(a, i);
  return Math.sqrt(a.toArray()[i].reduce((s, v) => s + (v - mu) ** 2, 0) / a.cols);
};

/** A seeded (rows, cols) matrix with per-row offsets and scales, so every feature has its own units. */
function features(rows: number, cols: number, seed: number): Matrix {
  const X = testMatrix(rows, cols, seed, 'uniform');
  return X.map((v, i) => v * 10 ** (i - 1) + 100 * i);
}

describe('Standardizer', () => {
  it('computes the population mean and std per feature (hand-computed)', () => {
    const X = Matrix.from([
      [1, 2, 3, 6],
      [-2, 2, -2, 2],
    ]);
    const s = new Standardizer().fit(X);
    expect(s.mean.toArray()).toEqual([[3], [0]]);
    // Row 0: deviations −2, −1, 0, 3 → variance 14/4; row 1: deviations ±2 → variance 4.
    expect(s.std.toArray()).toEqual([[Math.sqrt(14 / 4)], [2]]);
    expect(s.transform(X).toArray()[1]).toEqual([-1, 1, -1, 1]);
    expect(s.fitted).toBe(true);
    expect(s.features).toBe(2);
  });

  it('gives rows with mean ≈ 0 and std ≈ 1', () => {
    for (const seed of [1, 2, 3]) {
      const Z = new Standardizer().fitTransform(features(3, 50, seed));
      for (let i = 0; i < 3; i++) {
        expect(Math.abs(rowMean(Z, i))).toBeLessThan(1e-12);
        expect(rowStd(Z, i)).toBeCloseTo(1, 12);
      }
    }
  });

  it('round-trips through inverseTransform', () => {
    const X = features(4, 30, 7);
    const s = new Standardizer().fit(X);
    expect(s.inverseTransform(s.transform(X)).approxEquals(X, 1e-12)).toBe(true);
    const Z = testMatrix(4, 5, 8);
    expect(s.transform(s.inverseTransform(Z)).approxEquals(Z, 1e-9)).toBe(true);
  });

  it('treats a zero-variance feature as std 1: centred, never NaN', () => {
    const X = Matrix.from([
      [0.1, 0.1, 0.1],
      [5, 6, 7],
    ]);
    const s = new Standardizer().fit(X);
    expect(s.mean.get(0, 0)).toBe(0.1); // the exact value, not a rounded 0.3/3
    expect(s.std.get(0, 0)).toBe(1);
    expect(s.transform(X).toArray()[0]).toEqual([0, 0, 0]);
    expect(s.transform(Matrix.from([[1.1], [6]])).get(0, 0)).toBe(1.1 - 0.1);
    expect(new Standardizer().fit(Matrix.from([[4]])).std.toArray()).toEqual([[1]]);
  });

  it('uses the training statistics for new data, and refits from scratch', () => {
    const s = new Standardizer().fit(Matrix.from([[0, 2]]));
    expect(s.transform(Matrix.from([[4, -1]])).toArray()).toEqual([[3, -2]]);
    s.fit(Matrix.from([[10, 20, 30]]));
    expect(s.mean.toArray()).toEqual([[20]]);
  });

  it('does not modify its input, and its mean/std are copies', () => {
    const X = features(2, 6, 4);
    const before = X.clone();
    const s = new Standardizer();
    s.fitTransform(X);
    s.inverseTransform(X);
    expectBitEqual(X, before);
    s.mean.data[0] = 1e9;
    s.std.data[0] = 1e9;
    expect(s.mean.get(0, 0)).not.toBe(1e9);
    expect(s.std.get(0, 0)).not.toBe(1e9);
  });

  it('round-trips bit-exactly through JSON text (fast-check, fixed seed)', () => {
    const value = fc.oneof(
      fc.double({ min: -1e100, max: 1e100, noNaN: true }),
      fc.constantFrom(0, -0, 1e-300, -5e-324, 0.1, 1 / 3),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 8 }),
        fc.array(value, { minLength: 32, maxLength: 32 }),
        (rows, cols, values) => {
          const X = new Matrix(rows, cols, values.slice(0, rows * cols));
          const s = new Standardizer().fit(X);
          const text = JSON.stringify(s);
          const back = Standardizer.fromJSON(JSON.parse(text));
          expectBitEqual(back.mean, s.mean);
          expectBitEqual(back.std, s.std);
          expectBitEqual(back.transform(X), s.transform(X));
          expect(JSON.stringify(back)).toBe(text);
        },
      ),
      { seed: 424_242, numRuns: 300 },
    );
  });

  it('writes -0 as 0 so the JSON text round trip stays exact', () => {
    const s = new Standardizer().fit(Matrix.from([[-0, -0]]));
    expect(Object.is(s.mean.get(0, 0), 0)).toBe(true);
    expect(s.toJSON()).toEqual({ type: 'Standardizer', mean: [0], std: [1] });
    // A rounded mean can be −0 too: (0 + −5e−324)/2 rounds to −0.
    expect(Object.is(new Standardizer().fit(Matrix.from([[0, -5e-324]])).toJSON().mean[0], 0)).toBe(true);
  });

  it('refuses to transform, invert, describe or serialise before fit', () => {
    const s = new Standardizer();
    expect(s.fitted).toBe(false);
    expect(s.features).toBe(0);
    const msg = (op: string): string =>
      `Standardizer.${op}: expected a fitted Standardizer, got one that was never fitted (call fit first)`;
    expectThrowExact(() => s.transform(Matrix.zeros(1, 1)), Error, msg('transform'));
    expectThrowExact(() => s.inverseTransform(Matrix.zeros(1, 1)), Error, msg('inverseTransform'));
    expectThrowExact(() => s.toJSON(), Error, msg('toJSON'));
    expectThrowExact(() => s.mean, Error, msg('mean'));
    expectThrowExact(() => s.std, Error, msg('std'));
  });

  it('rejects bad data with exact messages and stays unchanged', () => {
    const s = new Standardizer().fit(
      Matrix.from([
        [0, 2],
        [1, 1],
      ]),
    );
    expectThrowExact(
      () => s.fit([[1]] as never),
      TypeError,
      'Standardizer.fit: expected X to be a Matrix, got an array' +
        ': use Matrix.fromSamples(examples) for one array per example, or Matrix.from(rows) for rows',
    );
    expectThrowExact(
      () => s.fit(Matrix.zeros(0, 3)),
      ShapeError,
      'Standardizer.fit: expected X with at least one feature (row), got X (0, 3)',
    );
    expectThrowExact(
      () => s.fit(Matrix.zeros(2, 0)),
      ShapeError,
      'Standardizer.fit: expected X with at least one example (column), got X (2, 0)',
    );
    expectThrowExact(
      () => s.fit(Matrix.from([[1, Number.NaN]])),
      RangeError,
      'Standardizer.fit: expected X to hold finite values, got NaN at (0, 1)',
    );
    expectThrowExact(
      () =>
        s.fit(
          Matrix.from([
            [1, 2],
            [3, -Infinity],
          ]),
        ),
      RangeError,
      'Standardizer.fit: expected X to hold finite values, got -Infinity at (1, 1)',
    );
    expectThrowExact(
      () => s.fit(Matrix.from([[1e300, -1e300]])),
      RangeError,
      'Standardizer.fit: expected a finite mean and standard deviation for row 0, got mean 0 and std Infinity ' +
        '(values too large)',
    );
    expect(s.toJSON()).toEqual({ type: 'Standardizer', mean: [1, 1], std: [1, 1] });
    expectThrowExact(
      () => s.transform(Matrix.zeros(3, 2)),
      ShapeError,
      'Standardizer.transform: expected X with 2 rows (features), got X (3, 2): one column per example — did you ' +
        'mean Matrix.fromSamples(examples), or X.transpose()?',
    );
    expectThrowExact(
      () => s.transform(Matrix.zeros(3, 4)),
      ShapeError,
      'Standardizer.transform: expected X with 2 rows (features), got X (3, 4)',
    );
    expectThrowExact(
      () => s.transform(Matrix.from([[0], [Number.NaN]])),
      RangeError,
      'Standardizer.transform: expected X to hold finite values, got NaN at (1, 0)',
    );
    expectThrowExact(
      () => s.inverseTransform(Matrix.zeros(1, 2)),
      ShapeError,
      'Standardizer.inverseTransform: expected Z with 2 rows (features), got Z (1, 2): one column per example — did ' +
        'you mean Matrix.fromSamples(examples), or Z.transpose()?',
    );
    expectThrowExact(
      () => s.inverseTransform(7 as never),
      TypeError,
      'Standardizer.inverseTransform: expected Z to be a Matrix, got 7',
    );
  });

  it('rejects malformed JSON with exact messages', () => {
    const cases: [unknown, ErrorConstructor, string][] = [
      [null, TypeError, 'expected an object, got null'],
      ['{"type":"Standardizer"}', TypeError, 'expected an object, got a string'],
      [[1], TypeError, 'expected an object, got an array'],
      [{ type: 'MinMaxScaler', mean: [0], std: [1] }, TypeError, 'expected type "Standardizer", got "MinMaxScaler"'],
      [{ mean: [0], std: [1] }, TypeError, 'expected type "Standardizer", got undefined'],
      [{ type: 'Standardizer', std: [1] }, TypeError, 'expected mean to be an array of numbers, got undefined'],
      [
        { type: 'Standardizer', mean: [], std: [] },
        RangeError,
        'expected mean to have at least one feature, got an empty array',
      ],
      [{ type: 'Standardizer', mean: [0, '1'], std: [1, 1] }, TypeError, 'expected mean[1] to be a number, got "1"'],
      [{ type: 'Standardizer', mean: [0, null], std: [1, 1] }, TypeError, 'expected mean[1] to be a number, got null'],
      [
        { type: 'Standardizer', mean: [Infinity], std: [1] },
        RangeError,
        'expected mean[0] to be a finite number, got Infinity',
      ],
      [{ type: 'Standardizer', mean: [0], std: 1 }, TypeError, 'expected std to be an array of numbers, got 1'],
      [
        { type: 'Standardizer', mean: [0], std: [0] },
        RangeError,
        'expected std[0] to be a positive finite number, got 0',
      ],
      [
        { type: 'Standardizer', mean: [0], std: [-2] },
        RangeError,
        'expected std[0] to be a positive finite number, got -2',
      ],
      [
        { type: 'Standardizer', mean: [0], std: [Number.NaN] },
        RangeError,
        'expected std[0] to be a positive finite number, got NaN',
      ],
      [
        { type: 'Standardizer', mean: [0, 1], std: [1] },
        RangeError,
        'expected mean and std of the same length, got 2 and 1',
      ],
      [
        { type: 'Standardizer', mean: [0], std: [1], min: 0 },
        TypeError,
        'expected the Standardizer keys among type, mean, std, got unknown key "min"',
      ],
    ];
    for (const [json, cls, message] of cases) {
      expectThrowExact(() => Standardizer.fromJSON(json), cls, `Standardizer.fromJSON: ${message}`);
    }
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MinMaxScaler } from '../../src/data/min-max-scaler.js';
import { ShapeError } from '../../src/errors.js';
import { Matrix } from '../../src/matrix/index.js';
import { expectBitEqual, expectThrowExact, testMatrix } from '../matrix/helpers.js';

describe('MinMaxScaler', () => {
  it('maps each feature’s training range onto [0, 1] by default (hand-computed)', () => {
    const X = Matrix.from([
      [2, 4, 10],
      [-1, 1, 0],
    ]);
    const s = new MinMaxScaler().fit(X);
    expect(s.dataMin.toArray()).toEqual([[2], [-1]]);
    expect(s.dataMax.toArray()).toEqual([[10], [1]]);
    expect(s.transform(X).toArray()).toEqual([
      [0, 0.25, 1],
      [0, 1, 0.5],
    ]);
    expect(s.fitted).toBe(true);
    expect(s.features).toBe(2);
    expect([s.min, s.max]).toEqual([0, 1]);
  });

  it('maps onto a custom range, hits its ends exactly, and does not clip new data', () => {
    const s = new MinMaxScaler({ min: -1, max: 1 });
    const Z = s.fitTransform(testMatrix(3, 40, 5, 'wide'));
    for (let i = 0; i < 3; i++) {
      const row = Z.toArray()[i];
      expect(Math.min(...row)).toBe(-1);
      expect(Math.max(...row)).toBe(1);
    }
    const t = new MinMaxScaler({ min: -1, max: 1 }).fit(Matrix.from([[0, 10]]));
    expect(t.transform(Matrix.from([[20, -5]])).toArray()).toEqual([[3, -2]]);
  });

  it('maps a constant feature to min (range treated as 1)', () => {
    const s = new MinMaxScaler({ min: 2, max: 3 }).fit(Matrix.from([[7, 7, 7]]));
    expect(s.transform(Matrix.from([[7, 8]])).toArray()).toEqual([[2, 3]]);
    expect(s.inverseTransform(Matrix.from([[2, 3]])).toArray()).toEqual([[7, 8]]);
  });

  it('round-trips through inverseTransform and leaves its input alone', () => {
    // Accurate relative to each feature's range, so use moderate values with per-feature units.
    const X = testMatrix(4, 25, 9).map((v, i) => v * 10 ** i - 50 * i);
    const before = X.clone();
    const s = new MinMaxScaler({ min: -3, max: 5 });
    const back = s.inverseTransform(s.fitTransform(X));
    expect(back.approxEquals(X, 1e-12)).toBe(true);
    expectBitEqual(X, before);
  });

  it('round-trips bit-exactly through JSON text (fast-check, fixed seed)', () => {
    const value = fc.oneof(
      fc.double({ min: -1e300, max: 1e300, noNaN: true }),
      fc.constantFrom(0, -0, 5e-324, -5e-324),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 8 }),
        fc.array(value, { minLength: 32, maxLength: 32 }),
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: 1e-6, max: 1e6, noNaN: true }),
        (rows, cols, values, min, width) => {
          const X = new Matrix(rows, cols, values.slice(0, rows * cols));
          const s = new MinMaxScaler({ min, max: min + width }).fit(X);
          const text = JSON.stringify(s);
          const back = MinMaxScaler.fromJSON(JSON.parse(text));
          expect([back.min, back.max]).toEqual([s.min, s.max]);
          expectBitEqual(back.dataMin, s.dataMin);
          expectBitEqual(back.dataMax, s.dataMax);
          expectBitEqual(back.transform(X), s.transform(X));
          expect(JSON.stringify(back)).toBe(text);
        },
      ),
      { seed: 1_337, numRuns: 300 },
    );
  });

  it('refuses to work before fit', () => {
    const s = new MinMaxScaler();
    expect(s.fitted).toBe(false);
    expect(s.features).toBe(0);
    const msg = (op: string): string =>
      `MinMaxScaler.${op}: expected a fitted MinMaxScaler, got one that was never fitted (call fit first)`;
    expectThrowExact(() => s.transform(Matrix.zeros(1, 1)), Error, msg('transform'));
    expectThrowExact(() => s.inverseTransform(Matrix.zeros(1, 1)), Error, msg('inverseTransform'));
    expectThrowExact(() => s.toJSON(), Error, msg('toJSON'));
    expectThrowExact(() => s.dataMin, Error, msg('dataMin'));
    expectThrowExact(() => s.dataMax, Error, msg('dataMax'));
  });

  it('rejects bad options and data with exact messages', () => {
    expectThrowExact(
      () => new MinMaxScaler({ min: 1, max: 1 }),
      RangeError,
      'new MinMaxScaler: expected min < max, got min 1 and max 1',
    );
    expectThrowExact(
      () => new MinMaxScaler({ min: Number.NaN }),
      RangeError,
      'new MinMaxScaler: expected min to be a finite number, got NaN',
    );
    expectThrowExact(
      () => new MinMaxScaler({ max: '1' as never }),
      TypeError,
      'new MinMaxScaler: expected max to be a number, got "1"',
    );
    expectThrowExact(
      () => new MinMaxScaler({ min: -1e308, max: 1e308 }),
      RangeError,
      'new MinMaxScaler: expected a finite max − min, got Infinity',
    );
    expectThrowExact(
      () => new MinMaxScaler({ low: 0 } as never),
      TypeError,
      'new MinMaxScaler: expected options among min, max, got unknown option "low"',
    );
    const s = new MinMaxScaler().fit(Matrix.from([[0, 4]]));
    expectThrowExact(
      () => s.fit(Matrix.from([[0, Number.NaN]])),
      RangeError,
      'MinMaxScaler.fit: expected X to hold finite values, got NaN at (0, 1)',
    );
    expectThrowExact(
      () => s.fit(Matrix.zeros(1, 0)),
      ShapeError,
      'MinMaxScaler.fit: expected X with at least one example (column), got X (1, 0)',
    );
    expectThrowExact(
      () => s.fit(Matrix.from([[-1e308, 1e308]])),
      RangeError,
      'MinMaxScaler.fit: expected a finite range max − min for row 0, got Infinity (values too large)',
    );
    expect(s.toJSON().dataMax).toEqual([4]);
    expectThrowExact(
      () => s.transform(Matrix.zeros(2, 1)),
      ShapeError,
      'MinMaxScaler.transform: expected X with 1 rows (features), got X (2, 1): one column per example — did you ' +
        'mean Matrix.fromSamples(examples), or X.transpose()?',
    );
    expectThrowExact(
      () => s.transform(Matrix.zeros(2, 3)),
      ShapeError,
      'MinMaxScaler.transform: expected X with 1 rows (features), got X (2, 3)',
    );
    expectThrowExact(
      () => s.inverseTransform(Matrix.from([[Infinity]])),
      RangeError,
      'MinMaxScaler.inverseTransform: expected Z to hold finite values, got Infinity at (0, 0)',
    );
  });

  it('rejects malformed JSON with exact messages', () => {
    const ok = { type: 'MinMaxScaler', min: 0, max: 1, dataMin: [0], dataMax: [1] };
    const cases: [unknown, ErrorConstructor, string][] = [
      [undefined, TypeError, 'expected an object, got undefined'],
      [3, TypeError, 'expected an object, got a number'],
      [{ ...ok, type: 'Standardizer' }, TypeError, 'expected type "MinMaxScaler", got "Standardizer"'],
      [{ ...ok, min: undefined }, TypeError, 'expected min to be a number, got undefined'],
      [{ ...ok, max: 0 }, RangeError, 'expected min < max, got min 0 and max 0'],
      [{ ...ok, dataMin: 'x' }, TypeError, 'expected dataMin to be an array of numbers, got "x"'],
      [{ ...ok, dataMax: [1, 2] }, RangeError, 'expected dataMin and dataMax of the same length, got 1 and 2'],
      [{ ...ok, dataMin: [2] }, RangeError, 'expected dataMin[0] <= dataMax[0] with a finite range, got 2 and 1'],
      [
        { ...ok, dataMin: [-1e308], dataMax: [1e308] },
        RangeError,
        'expected dataMin[0] <= dataMax[0] with a finite range, got -1e+308 and 1e+308',
      ],
      [{ ...ok, dataMax: [Number.NaN] }, RangeError, 'expected dataMax[0] to be a finite number, got NaN'],
      [
        { ...ok, mean: [0] },
        TypeError,
        'expected the MinMaxScaler keys among type, min, max, dataMin, dataMax, got unknown key "mean"',
      ],
    ];
    for (const [json, cls, message] of cases) {
      expectThrowExact(() => MinMaxScaler.fromJSON(json), cls, `MinMaxScaler.fromJSON: ${message}`);
    }
  });
});

/**
 * Matrix.from and Matrix.fromSamples read typed arrays exactly as plain arrays: the same matrix, and
 * the same error (class and message) for the same mistake.
 */
import { describe, expect, it } from 'vitest';
import { Matrix } from '../../src/matrix/index.js';
import { expectThrowExact } from './helpers.js';

/** The class and message `fn` throws. */
function thrown(fn: () => unknown): [string, string] {
  try {
    fn();
  } catch (e) {
    return [(e as Error).constructor.name, (e as Error).message];
  }
  throw new Error('expected a throw');
}

const KINDS = [Float64Array, Float32Array, Int32Array, Uint32Array, Int16Array, Uint16Array, Int8Array, Uint8Array];

describe('Matrix.fromSamples with typed arrays', () => {
  it('one typed array per example, of any numeric kind, gives the plain-array matrix', () => {
    const plain = Matrix.fromSamples([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(plain.toArray()).toEqual([
      [1, 4],
      [2, 5],
      [3, 6],
    ]);
    for (const Kind of KINDS) {
      const X = Matrix.fromSamples([Kind.of(1, 2, 3), Kind.of(4, 5, 6)]);
      expect(X.equals(plain), Kind.name).toBe(true);
    }
    expect(Matrix.fromSamples([Float64Array.of(1, 2), Float64Array.of(3, 4)]).toArray()).toEqual([
      [1, 3],
      [2, 4],
    ]);
  });

  it('a Float32Array keeps its float32 values exactly (no rounding back to the decimal)', () => {
    const X = Matrix.fromSamples([Float32Array.of(0.1, 0.2)]);
    expect(X.data[0]).toBe(Math.fround(0.1));
    expect(X.data[0]).not.toBe(0.1);
  });

  it('mixes typed and plain samples', () => {
    expect(Matrix.fromSamples([Int32Array.of(1, 2), [3, 4], Uint8Array.of(5, 6)]).toArray()).toEqual([
      [1, 3, 5],
      [2, 4, 6],
    ]);
  });

  it('a typed array of numbers is one number per example, (1, m)', () => {
    const Y = Matrix.fromSamples(Int32Array.of(0, 2, 1));
    expect(Y.shape).toEqual([1, 3]);
    expect(Y.toArray()).toEqual([[0, 2, 1]]);
    expect(Matrix.fromSamples(new Float64Array(0)).shape).toEqual([0, 0]);
  });

  it("the library's own outputs go back in: a matrix's data, a row of a result, toSamples' arrays", () => {
    const X = Matrix.from([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    // Row i of X, as a subarray view of X.data: one example per row of X means X transposed.
    const rows = [X.data.subarray(0, 3), X.data.subarray(3, 6)];
    expect(Matrix.fromSamples(rows).equals(X.transpose())).toBe(true);
    expect(Matrix.fromSamples(X.data).shape).toEqual([1, 6]);
    const copy = Matrix.fromSamples(
      X.transpose()
        .toSamples()
        .map((s) => Float64Array.from(s)),
    );
    expect(copy.equals(X.transpose())).toBe(true);
    // The result does not share memory with its inputs.
    rows[0][0] = 100;
    expect(Matrix.fromSamples([X.data.subarray(3, 6)]).get(0, 0)).toBe(4);
  });

  it('keeps NaN, ±Infinity and -0 as plain arrays do (values are checked where they are used)', () => {
    const plain = Matrix.fromSamples([[Number.NaN, -0, Number.POSITIVE_INFINITY]]);
    const typed = Matrix.fromSamples([Float64Array.of(Number.NaN, -0, Number.POSITIVE_INFINITY)]);
    expect(Array.from(typed.data)).toEqual(Array.from(plain.data));
    expect(Object.is(typed.data[1], -0)).toBe(true);
  });

  it('ragged typed samples fail like ragged arrays, naming the index', () => {
    const message = 'Matrix.fromSamples: expected every sample to have length 2, got samples[1] of length 1';
    expectThrowExact(() => Matrix.fromSamples([Float64Array.of(1, 2), Float64Array.of(3)]), RangeError, message);
    expect(thrown(() => Matrix.fromSamples([Float64Array.of(1, 2), Float64Array.of(3)]))).toEqual(
      thrown(() => Matrix.fromSamples([[1, 2], [3]])),
    );
    expectThrowExact(
      () => Matrix.fromSamples([[1, 2], Int32Array.of(3, 4, 5)]),
      RangeError,
      'Matrix.fromSamples: expected every sample to have length 2, got samples[1] of length 3',
    );
  });

  it('a typed array of bigints is refused element by element, like an array holding a bigint', () => {
    expectThrowExact(
      () => Matrix.fromSamples([BigInt64Array.of(1n, 2n)] as unknown as Float64Array[]),
      TypeError,
      'Matrix.fromSamples: expected samples[0][0] to be a number, got a bigint',
    );
    expectThrowExact(
      () => Matrix.fromSamples(BigInt64Array.of(1n) as unknown as Float64Array),
      TypeError,
      'Matrix.fromSamples: expected samples[0] to be a number or an array, got a bigint',
    );
  });

  it('a DataView or a non-array sample is still refused with the same messages', () => {
    expectThrowExact(
      () => Matrix.fromSamples(new DataView(new ArrayBuffer(8)) as unknown as number[]),
      TypeError,
      'Matrix.fromSamples: expected an array of samples, got object',
    );
    expectThrowExact(
      () => Matrix.fromSamples([Float64Array.of(1), 2] as unknown as Float64Array[]),
      TypeError,
      'Matrix.fromSamples: expected samples[1] to be an array, got 2',
    );
  });
});

describe('Matrix.from with typed rows', () => {
  it('reads typed rows like plain rows', () => {
    const X = Matrix.from([Float64Array.of(1, 2, 3), Int32Array.of(4, 5, 6)]);
    expect(X.toArray()).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
  });

  it('ragged typed rows name the row, as plain rows do', () => {
    expectThrowExact(
      () => Matrix.from([Float32Array.of(1, 2), Float32Array.of(3)]),
      RangeError,
      'Matrix.from: expected every row to have length 2 (ragged rows), got rows[1] of length 1',
    );
  });
});

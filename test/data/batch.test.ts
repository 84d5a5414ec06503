import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gatherColumns, gatherColumnsInto } from '../../src/data/batch.js';
import { ShapeError } from '../../src/errors.js';
import { Matrix } from '../../src/matrix/index.js';
import { expectBitEqual, expectThrowExact, testMatrix } from '../matrix/helpers.js';

/** The oracle: columns picked one by one through `number[][]`. */
function naiveGather(a: Matrix, indices: readonly number[]): Matrix {
  const A = a.toArray();
  const out = new Matrix(a.rows, indices.length);
  for (let i = 0; i < a.rows; i++)
    for (let j = 0; j < indices.length; j++) out.data[i * indices.length + j] = A[i][indices[j]];
  return out;
}

describe('gatherColumnsInto', () => {
  const X = Matrix.from([
    [0, 1, 2, 3, 4],
    [10, 11, 12, 13, 14],
  ]);

  it('writes the chosen columns into out, in index order', () => {
    const out = Matrix.fill(2, 3, -1);
    gatherColumnsInto(out, X, [4, 0, 2, 1, 3], 1);
    expect(out.toArray()).toEqual([
      [0, 2, 1],
      [10, 12, 11],
    ]);
  });

  it('returns out', () => {
    const out = Matrix.zeros(2, 2);
    expect(gatherColumnsInto(out, X, [1, 2])).toBe(out);
  });

  it('leaves the inputs alone', () => {
    const before = X.clone();
    const idx = Int32Array.from([3, 3, 0]);
    gatherColumnsInto(Matrix.zeros(2, 3), X, idx, 0);
    expectBitEqual(X, before);
    expect(Array.from(idx)).toEqual([3, 3, 0]);
  });

  it('equals gatherColumns on the same slice, for every index array type', () => {
    const idx = [4, 1, 1, 0];
    for (const indices of [idx, Int32Array.from(idx), Uint32Array.from(idx)]) {
      const out = Matrix.zeros(2, 2);
      gatherColumnsInto(out, X, indices, 2);
      expectBitEqual(out, gatherColumns(X, [1, 0]));
    }
  });

  it('matches the naive oracle on random shapes, batches and index arrays (fixed seed)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.nat(),
        fc.nat(),
        (rows, cols, seed, raw, s, k) => {
          const a = testMatrix(rows, cols, seed, 'special');
          const indices = raw.map((v) => v % cols);
          const start = indices.length === 0 ? 0 : s % (indices.length + 1);
          const count = k % (indices.length - start + 1);
          const out = Matrix.fill(rows, count, 7);
          gatherColumnsInto(out, a, Int32Array.from(indices), start);
          expectBitEqual(out, naiveGather(a, indices.slice(start, start + count)));
        },
      ),
      { seed: 20_240_601, numRuns: 200 },
    );
  });

  it('copies nothing for an empty batch', () => {
    const out = Matrix.zeros(2, 0);
    expect(gatherColumnsInto(out, X, [], 0)).toBe(out);
  });

  it('rejects bad arguments with exact messages, leaving out untouched', () => {
    const out = Matrix.fill(2, 2, 9);
    const keep = out.clone();
    expectThrowExact(
      () => gatherColumnsInto([] as unknown as Matrix, X, [0]),
      TypeError,
      'gatherColumnsInto: expected out to be a Matrix, got an array' +
        ': use Matrix.fromSamples(examples) for one array per example, or Matrix.from(rows) for rows',
    );
    expectThrowExact(
      () => gatherColumnsInto(out, null as unknown as Matrix, [0]),
      TypeError,
      'gatherColumnsInto: expected a to be a Matrix, got null',
    );
    expectThrowExact(
      () => gatherColumnsInto(out, X, new Float64Array([0, 1]) as unknown as number[]),
      TypeError,
      'gatherColumnsInto: expected indices to be an Int32Array, a Uint32Array or an array of integers, got an object',
    );
    expectThrowExact(
      () => gatherColumnsInto(out, X, [0, 1], '0' as unknown as number),
      TypeError,
      'gatherColumnsInto: expected start to be a number, got "0"',
    );
    expectThrowExact(
      () => gatherColumnsInto(out, X, [0, 1], -1),
      RangeError,
      'gatherColumnsInto: expected start to be a non-negative integer, got -1',
    );
    expectThrowExact(
      () => gatherColumnsInto(out, X, [0, 1], 0.5),
      RangeError,
      'gatherColumnsInto: expected start to be a non-negative integer, got 0.5',
    );
    expectThrowExact(
      () => gatherColumnsInto(Matrix.zeros(3, 2), X, [0, 1]),
      ShapeError,
      'gatherColumnsInto: expected out with a.rows = 2 rows, got out (3, 2) and a (2, 5)',
    );
    expectThrowExact(
      () => gatherColumnsInto(out, X, [0, 1, 2], 2),
      RangeError,
      'gatherColumnsInto: expected start + out.cols <= indices.length (3), got start 2 + out.cols 2',
    );
    expectThrowExact(
      () => gatherColumnsInto(out, X, [0, 5]),
      RangeError,
      'gatherColumnsInto: expected indices[1] to be an integer in [0, 5), got 5',
    );
    expectThrowExact(
      () => gatherColumnsInto(out, X, [-1, 0]),
      RangeError,
      'gatherColumnsInto: expected indices[0] to be an integer in [0, 5), got -1',
    );
    expectThrowExact(
      () => gatherColumnsInto(out, X, [0, 1.5]),
      RangeError,
      'gatherColumnsInto: expected indices[1] to be an integer in [0, 5), got 1.5',
    );
    expectThrowExact(
      () => gatherColumnsInto(out, X, [0, Number.NaN]),
      RangeError,
      'gatherColumnsInto: expected indices[1] to be an integer in [0, 5), got NaN',
    );
    expectThrowExact(
      () => gatherColumnsInto(out, X, [0, '1'] as unknown as number[]),
      RangeError,
      'gatherColumnsInto: expected indices[1] to be an integer in [0, 5), got "1"',
    );
    expectBitEqual(out, keep);
    const sq = Matrix.from([[1, 2]]);
    expectThrowExact(
      () => gatherColumnsInto(sq, sq, [1, 0]),
      RangeError,
      'gatherColumnsInto: expected out to be distinct from the inputs, got out sharing memory with a',
    );
  });
});

describe('gatherColumns', () => {
  it('allocates the gathered columns, repeats allowed', () => {
    const X = Matrix.from([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(gatherColumns(X, [2, 0, 2]).toArray()).toEqual([
      [3, 1, 3],
      [6, 4, 6],
    ]);
    expect(gatherColumns(X, []).shape).toEqual([2, 0]);
  });

  it('rejects bad arguments with exact messages', () => {
    expectThrowExact(
      () => gatherColumns({} as Matrix, [0]),
      TypeError,
      'gatherColumns: expected a to be a Matrix, got an object',
    );
    expectThrowExact(
      () => gatherColumns(Matrix.zeros(1, 2), 'ab' as unknown as number[]),
      TypeError,
      'gatherColumns: expected indices to be an Int32Array, a Uint32Array or an array of integers, got "ab"',
    );
    expectThrowExact(
      () => gatherColumns(Matrix.zeros(1, 2), [2]),
      RangeError,
      'gatherColumns: expected indices[0] to be an integer in [0, 2), got 2',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { shuffleColumns } from '../../src/data/shuffle.js';
import { ShapeError } from '../../src/errors.js';
import { Matrix } from '../../src/matrix/index.js';
import { Random } from '../../src/random.js';
import { expectBitEqual, expectThrowExact } from '../matrix/helpers.js';

const X = Matrix.from([
  [0, 1, 2, 3, 4, 5, 6, 7],
  [0, 10, 20, 30, 40, 50, 60, 70],
]);
const Y = Matrix.from([[100, 101, 102, 103, 104, 105, 106, 107]]);

describe('shuffleColumns', () => {
  it('applies one permutation to X and Y, keeping examples aligned', () => {
    const { X: Xs, Y: Ys, permutation } = shuffleColumns(X, Y, { seed: 3 });
    expect(Array.from(permutation).sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    for (let j = 0; j < 8; j++) {
      expect(Xs.get(0, j)).toBe(permutation[j]);
      expect(Xs.get(1, j)).toBe(10 * permutation[j]);
      expect(Ys.get(0, j)).toBe(100 + permutation[j]);
    }
    expect(Array.from(permutation)).not.toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('is the seeded Fisher–Yates shuffle of Random.shuffle', () => {
    const expected = new Random(3).shuffle([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(Array.from(shuffleColumns(X, { seed: 3 }).permutation)).toEqual(expected);
  });

  it('is deterministic under a seed, defaults to seed 0, and accepts (X, undefined, options)', () => {
    expectBitEqual(shuffleColumns(X, Y, { seed: 11 }).X, shuffleColumns(X, { seed: 11 }).X);
    expectBitEqual(shuffleColumns(X, undefined, { seed: 11 }).X, shuffleColumns(X, { seed: 11 }).X);
    expectBitEqual(shuffleColumns(X).X, shuffleColumns(X, { seed: 0 }).X);
    expect('Y' in shuffleColumns(X, { seed: 1 })).toBe(false);
    expect(shuffleColumns(X, { seed: 1 }).X.equals(shuffleColumns(X, { seed: 2 }).X)).toBe(false);
  });

  it('advances a given generator, so successive epochs differ', () => {
    const rng = new Random(5);
    const a = shuffleColumns(X, { seed: rng }).permutation;
    const b = shuffleColumns(X, { seed: rng }).permutation;
    expect(Array.from(a)).not.toEqual(Array.from(b));
  });

  it('leaves its inputs alone', () => {
    const Xb = X.clone(),
      Yb = Y.clone();
    shuffleColumns(X, Y, { seed: 1 });
    expectBitEqual(X, Xb);
    expectBitEqual(Y, Yb);
  });

  it('rejects bad arguments with exact messages', () => {
    expectThrowExact(
      () => shuffleColumns([[1]] as never),
      TypeError,
      'shuffleColumns: expected X to be a Matrix, got an array' +
        ': use Matrix.fromSamples(examples) for one array per example, or Matrix.from(rows) for rows',
    );
    expectThrowExact(
      () => shuffleColumns(X, [1, 2] as never),
      TypeError,
      'shuffleColumns: expected Y to be a Matrix (or the options object), got an array',
    );
    expectThrowExact(
      () => shuffleColumns(X, {} as never, { seed: 1 }),
      TypeError,
      'shuffleColumns: expected Y to be a Matrix (or the options object), got an object',
    );
    expectThrowExact(
      () => shuffleColumns(X, Matrix.zeros(1, 7)),
      ShapeError,
      'shuffleColumns: expected Y with m = 8 columns like X, got X (2, 8) and Y (1, 7)',
    );
    expectThrowExact(
      () => shuffleColumns(X, { sed: 1 } as never),
      TypeError,
      'shuffleColumns: expected options among seed, got unknown option "sed"',
    );
    expectThrowExact(
      () => shuffleColumns(X, { seed: Infinity }),
      RangeError,
      'shuffleColumns: expected seed to be an integer in [0, 2^32 − 1], got Infinity',
    );
  });
});

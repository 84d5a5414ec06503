/**
 * Shared helpers for the Matrix tests: independent oracles (a naive triple loop, a naive transpose),
 * seeded test matrices of several value kinds, and a bit-exact comparison.
 */
import { expect } from 'vitest';
import { Matrix } from '../../src/matrix/index.js';
import { Random } from '../../src/random.js';

/** How the elements of a generated test matrix are drawn. */
export type ValueKind = 'uniform' | 'int' | 'wide' | 'special';

/** Kinds whose values are finite and moderate, so algebraic laws hold to rounding. */
export const FINITE_KINDS: readonly ValueKind[] = ['uniform', 'int'];
/** Every kind, including wide exponents, `-0`, `NaN` and `±Infinity` (for bit-exact comparisons). */
export const ALL_KINDS: readonly ValueKind[] = ['uniform', 'int', 'wide', 'special'];

/**
 * A seeded `(rows, cols)` test matrix.
 * - `uniform`: doubles in `[-1, 1)`;
 * - `int`: integers in `[-3, 3]` (many zeros, so products produce `-0`);
 * - `wide`: normal deviates times `2^e`, `e` in `[-30, 30]` (rounding order matters a lot);
 * - `special`: like `wide`, with about 1 in 8 elements replaced by `0`, `-0`, `NaN`, `±Infinity`.
 */
export function testMatrix(rows: number, cols: number, seed: number, kind: ValueKind = 'uniform'): Matrix {
  const rng = new Random(seed);
  const out = new Matrix(rows, cols);
  const d = out.data;
  const specials = [0, -0, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
  for (let i = 0; i < d.length; i++) {
    switch (kind) {
      case 'uniform':
        d[i] = rng.uniform(-1, 1);
        break;
      case 'int':
        d[i] = rng.int(7) - 3;
        break;
      case 'wide':
        d[i] = rng.normal() * 2 ** (rng.int(61) - 30);
        break;
      case 'special':
        d[i] = rng.int(8) === 0 ? specials[rng.int(specials.length)] : rng.normal() * 2 ** (rng.int(61) - 30);
        break;
    }
  }
  return out;
}

/**
 * The oracle for every product: a plain triple loop over `number[][]`, each element summed in
 * increasing `p` from `init` (0, or the old value when accumulating).
 */
export function naiveMatmul(a: Matrix, b: Matrix, init?: Matrix): Matrix {
  const A = a.toArray(),
    B = b.toArray();
  const m = a.rows,
    k = a.cols,
    n = b.cols;
  const out = new Matrix(m, n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = init === undefined ? 0 : init.data[i * n + j];
      for (let p = 0; p < k; p++) s += A[i][p] * B[p][j];
      out.data[i * n + j] = s;
    }
  }
  return out;
}

/** The oracle for transposes: `out[j][i] = a[i][j]` through `number[][]`. */
export function naiveTranspose(a: Matrix): Matrix {
  const A = a.toArray();
  const rows: number[][] = [];
  for (let j = 0; j < a.cols; j++) rows.push(A.map((row) => row[j]));
  return rows.length === 0 ? new Matrix(a.cols, a.rows) : Matrix.from(rows);
}

/** Whether two matrices have the same shape and bit-identical elements (`Object.is`: `NaN` = `NaN`, `0` ≠ `-0`). */
export function bitEqual(x: Matrix, y: Matrix): boolean {
  if (x.rows !== y.rows || x.cols !== y.cols) return false;
  for (let i = 0; i < x.data.length; i++) if (!Object.is(x.data[i], y.data[i])) return false;
  return true;
}

/** Asserts {@link bitEqual}, reporting the first differing element. */
export function expectBitEqual(actual: Matrix, expected: Matrix): void {
  expect(actual.shape).toEqual(expected.shape);
  for (let i = 0; i < actual.data.length; i++) {
    if (!Object.is(actual.data[i], expected.data[i])) {
      const r = Math.floor(i / actual.cols),
        c = i % actual.cols;
      expect.fail(`element (${r}, ${c}): got ${actual.data[i]}, expected ${expected.data[i]}`);
    }
  }
}

/** Asserts that `fn` throws an error of class `cls` with exactly `message`. */
export function expectThrowExact(
  fn: () => unknown,
  cls: abstract new (...args: never[]) => Error,
  message: string,
): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught, `expected a throw with "${message}"`).toBeInstanceOf(cls);
  expect((caught as Error).message).toBe(message);
}

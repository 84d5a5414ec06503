/**
 * Property tests (fast-check, fixed seeds) for the algebraic laws of the Matrix module.
 *
 * Exactness: the engine sums every output element in increasing `p` from 0 (see `gemm.ts`), IEEE
 * products commute exactly (`x·y === y·x`), and JavaScript never fuses a multiply-add. So every law
 * that only transposes operands or swaps the factors of each product holds bit for bit, and is
 * asserted bit for bit; laws that regroup sums (associativity, distributivity) hold to rounding only.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Matrix,
  addColumnInto,
  addInto,
  addScaledInto,
  argmaxInto,
  copyInto,
  divInto,
  mapInto,
  matmulInto,
  matmulTransposeAInto,
  matmulTransposeBInto,
  mulInto,
  scaleInto,
  subInto,
  sumColumnsInto,
  sumRowsInto,
  transposeInto,
} from '../../src/matrix/index.js';
import {
  ALL_KINDS,
  FINITE_KINDS,
  bitEqual,
  naiveMatmul,
  naiveTranspose,
  testMatrix,
  type ValueKind,
} from './helpers.js';

/** Dimensions 0..40, so shapes include empty ones and many that are not multiples of 4. */
const dim = fc.integer({ min: 0, max: 40 });
const seed = fc.integer({ min: 0, max: 0x7fffffff });
const anyKind = fc.constantFrom<ValueKind>(...ALL_KINDS);
const finiteKind = fc.constantFrom<ValueKind>(...FINITE_KINDS);
/** Finite kinds, including wide exponents (for exact laws that cannot overflow to ∞ − ∞). */
const nonSpecialKind = fc.constantFrom<ValueKind>('uniform', 'int', 'wide');

const triple = (kind: fc.Arbitrary<ValueKind>) =>
  fc.record({ m: dim, k: dim, n: dim, s1: seed, s2: seed, s3: seed, kind });

const RUNS = 250;

describe('products equal the naive triple loop exactly', () => {
  it('matmul(A, B) === naive(A, B)', () => {
    fc.assert(
      fc.property(triple(anyKind), ({ m, k, n, s1, s2, kind }) => {
        const A = testMatrix(m, k, s1, kind),
          B = testMatrix(k, n, s2, kind);
        return bitEqual(A.matmul(B), naiveMatmul(A, B));
      }),
      { seed: 42, numRuns: RUNS },
    );
  });

  it('matmulTransposeA(A, B) === Aᵀ.matmul(B) === naive(Aᵀ, B)', () => {
    fc.assert(
      fc.property(triple(anyKind), ({ m, k, n, s1, s2, kind }) => {
        const A = testMatrix(k, m, s1, kind),
          B = testMatrix(k, n, s2, kind);
        const got = A.matmulTransposeA(B);
        return bitEqual(got, A.transpose().matmul(B)) && bitEqual(got, naiveMatmul(naiveTranspose(A), B));
      }),
      { seed: 43, numRuns: RUNS },
    );
  });

  it('matmulTransposeB(A, B) === A.matmul(Bᵀ) === naive(A, Bᵀ)', () => {
    fc.assert(
      fc.property(triple(anyKind), ({ m, k, n, s1, s2, kind }) => {
        const A = testMatrix(m, k, s1, kind),
          B = testMatrix(n, k, s2, kind);
        const got = A.matmulTransposeB(B);
        return bitEqual(got, A.matmul(B.transpose())) && bitEqual(got, naiveMatmul(A, naiveTranspose(B)));
      }),
      { seed: 44, numRuns: RUNS },
    );
  });

  it('accumulate: out + A·B summed from the old value === naive from the old value', () => {
    fc.assert(
      fc.property(triple(anyKind), ({ m, k, n, s1, s2, s3, kind }) => {
        const A = testMatrix(m, k, s1, kind),
          B = testMatrix(k, n, s2, kind),
          C = testMatrix(m, n, s3, kind);
        const expected = naiveMatmul(A, B, C);
        return (
          bitEqual(matmulInto(C.clone(), A, B, true), expected) &&
          bitEqual(matmulTransposeAInto(C.clone(), A.transpose(), B, true), expected) &&
          bitEqual(matmulTransposeBInto(C.clone(), A, B.transpose(), true), expected)
        );
      }),
      { seed: 45, numRuns: RUNS },
    );
  });

  it('beyond the cache blocks (m up to 260 > 128, k up to 600 > 256)', () => {
    const big = fc.record({
      m: fc.integer({ min: 100, max: 260 }),
      k: fc.integer({ min: 200, max: 600 }),
      n: fc.integer({ min: 1, max: 9 }),
      s1: seed,
      s2: seed,
      kind: anyKind,
    });
    fc.assert(
      fc.property(big, ({ m, k, n, s1, s2, kind }) => {
        const A = testMatrix(m, k, s1, kind),
          B = testMatrix(k, n, s2, kind);
        const expected = naiveMatmul(A, B);
        return (
          bitEqual(A.matmul(B), expected) &&
          bitEqual(A.transpose().matmulTransposeA(B), expected) &&
          bitEqual(A.matmulTransposeB(B.transpose()), expected)
        );
      }),
      { seed: 46, numRuns: 12 },
    );
  });
});

describe('algebraic laws', () => {
  it('(A·B)ᵀ === Bᵀ·Aᵀ exactly', () => {
    // Element (j, i) of both sides is Σ_p A[i][p]·B[p][j] summed in the same p order; only the factors
    // of each product are swapped, which IEEE multiplication does exactly. Holds even with NaN/±∞.
    fc.assert(
      fc.property(triple(anyKind), ({ m, k, n, s1, s2, kind }) => {
        const A = testMatrix(m, k, s1, kind),
          B = testMatrix(k, n, s2, kind);
        return bitEqual(A.matmul(B).transpose(), B.transpose().matmul(A.transpose()));
      }),
      { seed: 47, numRuns: RUNS },
    );
  });

  it('A·I === A and I·A === A exactly (for finite A)', () => {
    // Each sum is x·1 plus products ±0; `equals` (===) because a -0 element can come back as +0.
    fc.assert(
      fc.property(fc.record({ m: dim, n: dim, s1: seed, kind: nonSpecialKind }), ({ m, n, s1, kind }) => {
        const A = testMatrix(m, n, s1, kind);
        return A.matmul(Matrix.identity(n)).equals(A) && Matrix.identity(m).matmul(A).equals(A);
      }),
      { seed: 48, numRuns: RUNS },
    );
  });

  it('(A·B)·C ≈ A·(B·C) (exact for small integers)', () => {
    // Regrouping changes the rounding; with |entries| ≤ 1 and dimensions ≤ 40 the difference is far
    // below 1e-9. Small integers stay exactly representable, so there the law is exact.
    const quad = fc.record({ m: dim, k: dim, l: dim, n: dim, s1: seed, s2: seed, s3: seed, kind: finiteKind });
    fc.assert(
      fc.property(quad, ({ m, k, l, n, s1, s2, s3, kind }) => {
        const A = testMatrix(m, k, s1, kind),
          B = testMatrix(k, l, s2, kind),
          C = testMatrix(l, n, s3, kind);
        const left = A.matmul(B).matmul(C),
          right = A.matmul(B.matmul(C));
        return kind === 'int' ? left.equals(right) : left.approxEquals(right, 1e-9);
      }),
      { seed: 49, numRuns: RUNS },
    );
  });

  it('A·(B + C) ≈ A·B + A·C (exact for small integers)', () => {
    fc.assert(
      fc.property(triple(finiteKind), ({ m, k, n, s1, s2, s3, kind }) => {
        const A = testMatrix(m, k, s1, kind),
          B = testMatrix(k, n, s2, kind),
          C = testMatrix(k, n, s3, kind);
        const left = A.matmul(B.add(C)),
          right = A.matmul(B).add(A.matmul(C));
        return kind === 'int' ? left.equals(right) : left.approxEquals(right, 1e-9);
      }),
      { seed: 50, numRuns: RUNS },
    );
  });

  it('transpose equals the naive transpose, and (Aᵀ)ᵀ === A', () => {
    fc.assert(
      fc.property(fc.record({ m: dim, n: dim, s1: seed, kind: anyKind }), ({ m, n, s1, kind }) => {
        const A = testMatrix(m, n, s1, kind);
        return bitEqual(A.transpose(), naiveTranspose(A)) && bitEqual(A.T.T, A);
      }),
      { seed: 51, numRuns: RUNS },
    );
  });

  it('sums are products with a ones vector, exactly: sumColumns(A) = A·1, sumRows(A) = 1ᵀ·A = sumColumns(Aᵀ)ᵀ', () => {
    // All three sum the same terms (x·1 === x) in the same order, starting from 0.
    fc.assert(
      fc.property(fc.record({ m: dim, n: dim, s1: seed, kind: anyKind }), ({ m, n, s1, kind }) => {
        const A = testMatrix(m, n, s1, kind);
        return (
          bitEqual(A.sumColumns(), A.matmul(Matrix.ones(n, 1))) &&
          bitEqual(A.sumRows(), Matrix.ones(1, m).matmul(A)) &&
          bitEqual(A.sumRows(), A.transpose().sumColumns().transpose())
        );
      }),
      { seed: 52, numRuns: RUNS },
    );
  });

  it('argmax picks the first maximum of each column, skipping NaN (-1 when none)', () => {
    const oracle = (A: Matrix): number[] => {
      const rows = A.toArray();
      return Array.from({ length: A.cols }, (_, j) => {
        const column = rows.map((r) => r[j]);
        const finiteOrInf = column.filter((v) => !Number.isNaN(v));
        if (finiteOrInf.length === 0) return -1;
        return column.indexOf(Math.max(...finiteOrInf));
      });
    };
    fc.assert(
      fc.property(fc.record({ m: dim, n: dim, s1: seed, kind: anyKind }), ({ m, n, s1, kind }) => {
        const A = testMatrix(m, n, s1, kind);
        expect(Array.from(A.argmax().data)).toEqual(oracle(A));
      }),
      { seed: 53, numRuns: RUNS },
    );
  });
});

describe('every Into kernel equals its allocating twin exactly', () => {
  it('over generated shapes and values, whatever out held before', () => {
    const arb = fc.record({
      m: dim,
      k: dim,
      n: dim,
      s1: seed,
      s2: seed,
      s3: seed,
      s: fc.double({ noNaN: true, min: -1e3, max: 1e3 }),
      kind: anyKind,
    });
    const garbage = (rows: number, cols: number): Matrix => Matrix.fill(rows, cols, Number.NaN);
    fc.assert(
      fc.property(arb, ({ m, k, n, s1, s2, s3, s, kind }) => {
        const A = testMatrix(m, k, s1, kind),
          B = testMatrix(k, n, s2, kind),
          C = testMatrix(m, k, s3, kind);
        const v = testMatrix(m, 1, s3 + 1, kind);
        const At = A.transpose(),
          Bt = B.transpose();
        const fn = (x: number, i: number, j: number): number => x * x - i + 2 * j;
        const checks: [string, Matrix, Matrix][] = [
          ['matmulInto', matmulInto(garbage(m, n), A, B), A.matmul(B)],
          ['matmulTransposeAInto', matmulTransposeAInto(garbage(m, n), At, B), At.matmulTransposeA(B)],
          ['matmulTransposeBInto', matmulTransposeBInto(garbage(m, n), A, Bt), A.matmulTransposeB(Bt)],
          ['transposeInto', transposeInto(garbage(k, m), A), A.transpose()],
          ['addInto', addInto(garbage(m, k), A, C), A.add(C)],
          ['subInto', subInto(garbage(m, k), A, C), A.sub(C)],
          ['mulInto', mulInto(garbage(m, k), A, C), A.mul(C)],
          ['divInto', divInto(garbage(m, k), A, C), A.div(C)],
          ['scaleInto', scaleInto(garbage(m, k), A, s), A.scale(s)],
          ['addScaledInto', addScaledInto(garbage(m, k), A, C, s), A.add(C.scale(s))],
          ['mapInto', mapInto(garbage(m, k), A, fn), A.map(fn)],
          ['addColumnInto', addColumnInto(garbage(m, k), A, v), A.addColumn(v)],
          ['sumColumnsInto', sumColumnsInto(garbage(m, 1), A), A.sumColumns()],
          ['sumColumnsInto accumulate', sumColumnsInto(v.clone(), A, true), v.add(A.sumColumns())],
          ['sumRowsInto', sumRowsInto(garbage(1, k), A), A.sumRows()],
          ['argmaxInto', argmaxInto(garbage(1, k), A), A.argmax()],
          ['copyInto', copyInto(garbage(m, k), A), A.clone()],
        ];
        for (const [name, got, want] of checks) {
          expect(bitEqual(got, want), name).toBe(true);
        }
        // In-place (aliased) elementwise kernels agree with their allocating twins as well.
        const inPlace: [string, (x: Matrix) => Matrix, Matrix][] = [
          ['addInto', (x) => addInto(x, x, C), A.add(C)],
          ['subInto', (x) => subInto(x, x, C), A.sub(C)],
          ['mulInto', (x) => mulInto(x, x, C), A.mul(C)],
          ['divInto', (x) => divInto(x, x, C), A.div(C)],
          ['scaleInto', (x) => scaleInto(x, x, s), A.scale(s)],
          ['addScaledInto', (x) => addScaledInto(x, x, C, s), A.add(C.scale(s))],
          ['mapInto', (x) => mapInto(x, x, fn), A.map(fn)],
          ['addColumnInto', (x) => addColumnInto(x, x, v), A.addColumn(v)],
        ];
        for (const [name, run, want] of inPlace) {
          const x = A.clone();
          expect(bitEqual(run(x), want), `${name} in place`).toBe(true);
        }
      }),
      { seed: 54, numRuns: RUNS },
    );
  });
});

/**
 * The Matrix class: construction, access, rendering, equality and every allocating method, with
 * exact hand-computed expectations.
 */
import { describe, expect, it } from 'vitest';
import { Matrix } from '../../src/matrix/index.js';
import { Random } from '../../src/random.js';
import { expectBitEqual, naiveMatmul, testMatrix } from './helpers.js';

describe('new Matrix(rows, cols, data?)', () => {
  it('zero-fills without data', () => {
    const a = new Matrix(2, 3);
    expect(a.rows).toBe(2);
    expect(a.cols).toBe(3);
    expect(a.data).toBeInstanceOf(Float64Array);
    expect(Array.from(a.data)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('copies a plain array, row-major', () => {
    const src = [1, 2, 3, 4, 5, 6];
    const a = new Matrix(2, 3, src);
    expect(a.toArray()).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    src[0] = 99;
    expect(a.get(0, 0)).toBe(1);
  });

  it('copies other array-likes (typed arrays, array-like objects)', () => {
    const f32 = new Float32Array([0.5, -2]);
    const a = new Matrix(1, 2, f32);
    expect(a.toArray()).toEqual([[0.5, -2]]);
    f32[0] = 7;
    expect(a.get(0, 0)).toBe(0.5);
    expect(new Matrix(2, 1, { length: 2, 0: 3, 1: 4 }).toArray()).toEqual([[3], [4]]);
  });

  it('uses a Float64Array as is, so a matrix can view a caller buffer', () => {
    const buf = new Float64Array([1, 2, 3, 4]);
    const a = new Matrix(2, 2, buf);
    expect(a.data).toBe(buf);
    buf[3] = 40;
    expect(a.get(1, 1)).toBe(40);
    a.set(0, 0, 10);
    expect(buf[0]).toBe(10);
  });

  it('keeps NaN, Infinity and -0 in data', () => {
    const a = new Matrix(1, 3, [Number.NaN, Number.NEGATIVE_INFINITY, -0]);
    expect(Number.isNaN(a.get(0, 0))).toBe(true);
    expect(a.get(0, 1)).toBe(Number.NEGATIVE_INFINITY);
    expect(Object.is(a.get(0, 2), -0)).toBe(true);
  });

  it('allows empty shapes', () => {
    expect(new Matrix(0, 0).size).toBe(0);
    expect(new Matrix(0, 5).shape).toEqual([0, 5]);
    expect(new Matrix(3, 0, []).shape).toEqual([3, 0]);
  });
});

describe('Matrix.from', () => {
  it('builds from rows', () => {
    const a = Matrix.from([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(a.shape).toEqual([2, 3]);
    expect(Array.from(a.data)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('gives (0, 0) for no rows and (r, 0) for empty rows', () => {
    expect(Matrix.from([]).shape).toEqual([0, 0]);
    expect(Matrix.from([[], []]).shape).toEqual([2, 0]);
  });

  it('does not share memory with its input', () => {
    const rows = [[1, 2]];
    const a = Matrix.from(rows);
    rows[0][0] = 5;
    expect(a.get(0, 0)).toBe(1);
  });
});

describe('Matrix.fromSamples', () => {
  it('puts one example per column', () => {
    const X = Matrix.fromSamples([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    expect(X.shape).toEqual([2, 3]);
    expect(X.toArray()).toEqual([
      [1, 3, 5],
      [2, 4, 6],
    ]);
  });

  it('turns plain numbers into a (1, m) row', () => {
    const Y = Matrix.fromSamples([0, 1, 1, 0]);
    expect(Y.shape).toEqual([1, 4]);
    expect(Y.toArray()).toEqual([[0, 1, 1, 0]]);
  });

  it('handles empty inputs', () => {
    expect(Matrix.fromSamples([]).shape).toEqual([0, 0]);
    expect(Matrix.fromSamples([[], [], []]).shape).toEqual([0, 3]);
  });

  it('is the inverse of toSamples', () => {
    const samples = [
      [1, -2, 3],
      [4, 5, -6],
    ];
    expect(Matrix.fromSamples(samples).toSamples()).toEqual(samples);
  });
});

describe('constant constructors', () => {
  it('zeros', () => {
    expect(Matrix.zeros(2, 1).toArray()).toEqual([[0], [0]]);
    expect(Matrix.zeros(0, 3).shape).toEqual([0, 3]);
  });

  it('ones', () => {
    expect(Matrix.ones(2, 3).toArray()).toEqual([
      [1, 1, 1],
      [1, 1, 1],
    ]);
  });

  it('static fill', () => {
    expect(Matrix.fill(1, 2, 7).toArray()).toEqual([[7, 7]]);
    expect(Matrix.fill(2, 2, -0.25).toArray()).toEqual([
      [-0.25, -0.25],
      [-0.25, -0.25],
    ]);
  });

  it('instance fill overwrites in place and returns this', () => {
    const a = Matrix.from([
      [1, 2],
      [3, 4],
    ]);
    const data = a.data;
    expect(a.fill(3)).toBe(a);
    expect(a.data).toBe(data);
    expect(a.toArray()).toEqual([
      [3, 3],
      [3, 3],
    ]);
  });

  it('identity', () => {
    expect(Matrix.identity(3).toArray()).toEqual([
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ]);
    expect(Matrix.identity(1).toArray()).toEqual([[1]]);
    expect(Matrix.identity(0).shape).toEqual([0, 0]);
  });
});

describe('Matrix.randn', () => {
  it('fills row by row with scale·normal() from the seeded generator', () => {
    const a = Matrix.randn(2, 3, { scale: 0.01, random: 7 });
    const r = new Random(7);
    const expected = Array.from({ length: 6 }, () => 0.01 * r.normal());
    expect(Array.from(a.data)).toEqual(expected);
  });

  it('defaults to scale 1 and seed 0', () => {
    const r = new Random(0);
    const expected = Array.from({ length: 4 }, () => r.normal());
    expect(Array.from(Matrix.randn(2, 2).data)).toEqual(expected);
  });

  it('gives identical matrices for the same seed and different ones for different seeds', () => {
    expect(Matrix.randn(5, 4, { random: 42 }).equals(Matrix.randn(5, 4, { random: 42 }))).toBe(true);
    expect(Matrix.randn(5, 4, { random: 42 }).equals(Matrix.randn(5, 4, { random: 43 }))).toBe(false);
  });

  it('draws from (and advances) a given generator', () => {
    const r = new Random(3);
    const first = Matrix.randn(2, 2, { random: r });
    const second = Matrix.randn(2, 2, { random: r });
    expect(first.equals(second)).toBe(false);
    const ref = new Random(3);
    const expected = Array.from({ length: 8 }, () => ref.normal());
    expect([...first.data, ...second.data]).toEqual(expected);
  });

  it('has roughly mean 0 and standard deviation scale', () => {
    const a = Matrix.randn(100, 100, { scale: 0.5, random: 11 });
    const mean = a.sum() / a.size;
    const variance = a.map((v) => (v - mean) ** 2).sum() / a.size;
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(Math.sqrt(variance)).toBeGreaterThan(0.48);
    expect(Math.sqrt(variance)).toBeLessThan(0.52);
  });
});

describe('Matrix.uniform', () => {
  it('fills row by row with uniform(low, high) from the seeded generator', () => {
    const a = Matrix.uniform(2, 2, { low: -3, high: 5, random: 9 });
    const r = new Random(9);
    expect(Array.from(a.data)).toEqual(Array.from({ length: 4 }, () => r.uniform(-3, 5)));
  });

  it('defaults to [0, 1) and seed 0', () => {
    const r = new Random(0);
    expect(Array.from(Matrix.uniform(1, 3).data)).toEqual([r.next(), r.next(), r.next()]);
  });

  it('stays within [low, high) and covers it', () => {
    const a = Matrix.uniform(100, 100, { low: -2, high: 3, random: 5 });
    let lo = Infinity,
      hi = -Infinity;
    for (const v of a.data) {
      expect(v >= -2 && v < 3).toBe(true);
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    expect(lo).toBeLessThan(-1.99);
    expect(hi).toBeGreaterThan(2.99);
  });

  it('is deterministic under a seed', () => {
    expect(Matrix.uniform(3, 3, { random: 1 }).equals(Matrix.uniform(3, 3, { random: 1 }))).toBe(true);
  });
});

describe('access', () => {
  const a = Matrix.from([
    [1, 2, 3],
    [4, 5, 6],
  ]);

  it('shape and size', () => {
    expect(a.shape).toEqual([2, 3]);
    expect(a.size).toBe(6);
    expect(Matrix.zeros(0, 4).size).toBe(0);
  });

  it('get reads (row, col)', () => {
    expect(a.get(0, 0)).toBe(1);
    expect(a.get(0, 2)).toBe(3);
    expect(a.get(1, 0)).toBe(4);
    expect(a.get(1, 2)).toBe(6);
  });

  it('set writes (row, col) and returns this', () => {
    const b = Matrix.zeros(2, 3);
    expect(b.set(1, 2, 5)).toBe(b);
    expect(b.set(0, 1, -1).toArray()).toEqual([
      [0, -1, 0],
      [0, 0, 5],
    ]);
  });

  it('toArray gives rows of plain arrays', () => {
    const rows = a.toArray();
    expect(rows).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(Array.isArray(rows[0])).toBe(true);
    rows[0][0] = 100;
    expect(a.get(0, 0)).toBe(1);
    expect(new Matrix(2, 0).toArray()).toEqual([[], []]);
    expect(new Matrix(0, 2).toArray()).toEqual([]);
  });

  it('toSamples gives the columns', () => {
    expect(a.toSamples()).toEqual([
      [1, 4],
      [2, 5],
      [3, 6],
    ]);
    expect(new Matrix(0, 2).toSamples()).toEqual([[], []]);
  });

  it('clone is a deep copy', () => {
    const b = a.clone();
    expect(b).not.toBe(a);
    expect(b.data).not.toBe(a.data);
    expect(b.equals(a)).toBe(true);
    b.set(0, 0, 9);
    expect(a.get(0, 0)).toBe(1);
  });
});

describe('toString', () => {
  it('renders small matrices on one line', () => {
    expect(String(Matrix.from([[1, 2.5]]))).toBe('Matrix(1, 2) [[1, 2.5]]');
    expect(
      Matrix.from([
        [1, 2],
        [3, 4],
      ]).toString(),
    ).toBe('Matrix(2, 2) [[1, 2], [3, 4]]');
    expect(Matrix.zeros(0, 0).toString()).toBe('Matrix(0, 0) []');
  });

  it('renders three or more rows one per line, with 6 significant digits', () => {
    const a = Matrix.from([
      [1 / 3, -2],
      [1e-7, 123456.7],
      [Number.NaN, -Infinity],
    ]);
    expect(a.toString()).toBe('Matrix(3, 2) [\n  [0.333333, -2],\n  [1.00000e-7, 123457],\n  [NaN, -Infinity]\n]');
  });

  it('elides the middle rows and columns of large matrices', () => {
    const a = new Matrix(
      10,
      12,
      Array.from({ length: 120 }, (_, i) => i),
    );
    expect(a.toString()).toBe(
      [
        'Matrix(10, 12) [',
        '  [0, 1, 2, ..., 9, 10, 11],',
        '  [12, 13, 14, ..., 21, 22, 23],',
        '  [24, 25, 26, ..., 33, 34, 35],',
        '  ...,',
        '  [84, 85, 86, ..., 93, 94, 95],',
        '  [96, 97, 98, ..., 105, 106, 107],',
        '  [108, 109, 110, ..., 117, 118, 119]',
        ']',
      ].join('\n'),
    );
  });

  it('does not elide at exactly 8 rows and columns', () => {
    const a = new Matrix(
      8,
      8,
      Array.from({ length: 64 }, (_, i) => i),
    );
    const lines = a.toString().split('\n');
    expect(lines).toHaveLength(10);
    expect(lines[1]).toBe('  [0, 1, 2, 3, 4, 5, 6, 7],');
    expect(a.toString()).not.toContain('...');
  });
});

describe('products', () => {
  const A = Matrix.from([
    [1, 2, 3],
    [4, 5, 6],
  ]); // (2, 3)
  const B = Matrix.from([
    [7, 8],
    [9, 10],
    [11, 12],
  ]); // (3, 2)

  it('matmul', () => {
    expect(A.matmul(B).toArray()).toEqual([
      [58, 64],
      [139, 154],
    ]);
    expect(B.matmul(A).toArray()).toEqual([
      [39, 54, 69],
      [49, 68, 87],
      [59, 82, 105],
    ]);
  });

  it('matmul with an empty inner dimension gives zeros', () => {
    expect(Matrix.zeros(2, 0).matmul(Matrix.zeros(0, 3)).toArray()).toEqual([
      [0, 0, 0],
      [0, 0, 0],
    ]);
    expect(Matrix.zeros(0, 3).matmul(Matrix.zeros(3, 2)).shape).toEqual([0, 2]);
  });

  it('matmul of a row by a column and of a column by a row', () => {
    expect(
      Matrix.from([[1, 2]])
        .matmul(Matrix.from([[3], [4]]))
        .toArray(),
    ).toEqual([[11]]);
    expect(
      Matrix.from([[1], [2]])
        .matmul(Matrix.from([[3, 4]]))
        .toArray(),
    ).toEqual([
      [3, 4],
      [6, 8],
    ]);
  });

  it('matmulTransposeA computes Aᵀ·B', () => {
    // Aᵀ (3, 2) · C (2, 2)
    const C = Matrix.from([
      [1, 0],
      [-1, 2],
    ]);
    expect(A.matmulTransposeA(C).toArray()).toEqual([
      [-3, 8],
      [-3, 10],
      [-3, 12],
    ]);
  });

  it('matmulTransposeB computes A·Bᵀ', () => {
    // A (2, 3) · Dᵀ, D (2, 3)
    const D = Matrix.from([
      [1, 0, -1],
      [2, 2, 2],
    ]);
    expect(A.matmulTransposeB(D).toArray()).toEqual([
      [-2, 12],
      [-2, 30],
    ]);
  });

  it('handles shapes that are not multiples of 4', () => {
    const a = Matrix.from([
      [1, 2, 3, 4, 5],
      [6, 7, 8, 9, 10],
      [11, 12, 13, 14, 15],
    ]);
    const b = Matrix.from([[1], [-1], [2], [-2], [3]]);
    expect(a.matmul(b).toArray()).toEqual([[12], [27], [42]]);
  });

  it('matches the naive triple loop beyond the cache blocks (m > 128, k > 256)', () => {
    const a = testMatrix(133, 261, 1, 'wide');
    const b = testMatrix(261, 6, 2, 'wide');
    expectBitEqual(a.matmul(b), naiveMatmul(a, b));
  });
});

describe('transpose', () => {
  it('transpose and T', () => {
    const a = Matrix.from([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(a.transpose().toArray()).toEqual([
      [1, 4],
      [2, 5],
      [3, 6],
    ]);
    expect(a.T.toArray()).toEqual([
      [1, 4],
      [2, 5],
      [3, 6],
    ]);
    expect(a.T).not.toBe(a);
    expect(a.T.T.equals(a)).toBe(true);
  });

  it('works across the 32×32 blocks', () => {
    const a = new Matrix(
      33,
      70,
      Array.from({ length: 33 * 70 }, (_, i) => i),
    );
    const t = a.transpose();
    expect(t.shape).toEqual([70, 33]);
    for (let i = 0; i < 33; i++) for (let j = 0; j < 70; j++) expect(t.get(j, i)).toBe(i * 70 + j);
  });

  it('of empty shapes', () => {
    expect(Matrix.zeros(0, 3).transpose().shape).toEqual([3, 0]);
  });
});

describe('elementwise', () => {
  const a = Matrix.from([
    [1, 2],
    [3, 4],
  ]);
  const b = Matrix.from([
    [5, -6],
    [0.5, 8],
  ]);

  it('add', () =>
    expect(a.add(b).toArray()).toEqual([
      [6, -4],
      [3.5, 12],
    ]));
  it('sub', () =>
    expect(a.sub(b).toArray()).toEqual([
      [-4, 8],
      [2.5, -4],
    ]));
  it('mul', () =>
    expect(a.mul(b).toArray()).toEqual([
      [5, -12],
      [1.5, 32],
    ]));
  it('div', () =>
    expect(a.div(b).toArray()).toEqual([
      [0.2, -1 / 3],
      [6, 0.5],
    ]));
  it('div by zero follows IEEE', () => {
    const q = Matrix.from([[1, -1, 0]]).div(Matrix.zeros(1, 3));
    expect(q.get(0, 0)).toBe(Infinity);
    expect(q.get(0, 1)).toBe(-Infinity);
    expect(Number.isNaN(q.get(0, 2))).toBe(true);
  });
  it('scale', () => {
    expect(a.scale(-2).toArray()).toEqual([
      [-2, -4],
      [-6, -8],
    ]);
    expect(a.scale(0).toArray()).toEqual([
      [0, 0],
      [0, 0],
    ]);
  });
  it('map passes value, row and column', () => {
    expect(a.map((v, i, j) => v * 100 + i * 10 + j).toArray()).toEqual([
      [100, 201],
      [310, 411],
    ]);
  });
  it('leave their operands untouched', () => {
    const a0 = a.clone(),
      b0 = b.clone();
    a.add(b);
    a.sub(b);
    a.mul(b);
    a.div(b);
    a.scale(3);
    a.map((v) => -v);
    expect(a.equals(a0) && b.equals(b0)).toBe(true);
  });
});

describe('broadcast and reductions', () => {
  const a = Matrix.from([
    [1, 2, 3],
    [4, 5, 6],
  ]);

  it('addColumn adds v to every column', () => {
    expect(a.addColumn(Matrix.from([[10], [20]])).toArray()).toEqual([
      [11, 12, 13],
      [24, 25, 26],
    ]);
  });

  it('sumColumns sums each row over its columns', () => {
    expect(a.sumColumns().toArray()).toEqual([[6], [15]]);
    expect(Matrix.zeros(2, 0).sumColumns().toArray()).toEqual([[0], [0]]);
  });

  it('sumRows sums each column over its rows', () => {
    expect(a.sumRows().toArray()).toEqual([[5, 7, 9]]);
    expect(Matrix.zeros(0, 2).sumRows().toArray()).toEqual([[0, 0]]);
  });

  it('sum adds every element', () => {
    expect(a.sum()).toBe(21);
    expect(Matrix.zeros(0, 0).sum()).toBe(0);
    expect(Matrix.from([[0.1, 0.2, 0.3]]).sum()).toBe(0.1 + 0.2 + 0.3);
  });
});

describe('argmax', () => {
  it('gives the row of the largest value in each column', () => {
    expect(
      Matrix.from([
        [0.1, 0.7],
        [0.9, 0.3],
      ])
        .argmax()
        .toArray(),
    ).toEqual([[1, 0]]);
    expect(
      Matrix.from([
        [1, 5, -1],
        [3, 2, -2],
        [2, 9, -3],
      ])
        .argmax()
        .toArray(),
    ).toEqual([[1, 2, 0]]);
  });

  it('takes the first on ties', () => {
    expect(
      Matrix.from([
        [1, 0],
        [1, 2],
        [0, 2],
      ])
        .argmax()
        .toArray(),
    ).toEqual([[0, 1]]);
  });

  it('skips NaN; an all-NaN column gives -1', () => {
    const N = Number.NaN;
    expect(
      Matrix.from([
        [N, 1, N],
        [2, N, N],
        [1, 0, N],
      ])
        .argmax()
        .toArray(),
    ).toEqual([[1, 0, -1]]);
  });

  it('handles -Infinity and Infinity', () => {
    const I = Infinity;
    // An all -Infinity column gives its first row; -Infinity beats NaN; Infinity beats everything.
    expect(
      Matrix.from([
        [-I, Number.NaN, 1],
        [-I, -I, I],
        [-I, -I, I],
      ])
        .argmax()
        .toArray(),
    ).toEqual([[0, 1, 1]]);
  });

  it('gives -1 for every column of a matrix with no rows', () => {
    expect(Matrix.zeros(0, 2).argmax().toArray()).toEqual([[-1, -1]]);
  });
});

describe('equals and approxEquals', () => {
  it('equals needs the same shape and every element ===', () => {
    expect(Matrix.from([[1, 2]]).equals(Matrix.from([[1, 2]]))).toBe(true);
    expect(Matrix.from([[1, 2]]).equals(Matrix.from([[1, 3]]))).toBe(false);
    expect(Matrix.from([[1, 2]]).equals(Matrix.from([[1], [2]]))).toBe(false);
    expect(Matrix.zeros(0, 2).equals(Matrix.zeros(0, 3))).toBe(false);
    expect(Matrix.zeros(0, 2).equals(Matrix.zeros(0, 2))).toBe(true);
  });

  it('equals follows === for -0 and NaN', () => {
    expect(Matrix.from([[-0]]).equals(Matrix.from([[0]]))).toBe(true);
    const n = Matrix.from([[Number.NaN]]);
    expect(n.equals(n)).toBe(false);
  });

  it('approxEquals: absolute tolerance near zero', () => {
    expect(Matrix.fill(1, 1, 0.1 + 0.2).approxEquals(Matrix.fill(1, 1, 0.3))).toBe(true);
    expect(Matrix.from([[0]]).approxEquals(Matrix.from([[1e-9]]))).toBe(true);
    expect(Matrix.from([[0]]).approxEquals(Matrix.from([[1.1e-9]]))).toBe(false);
    expect(Matrix.from([[0]]).approxEquals(Matrix.from([[0.05]]), 0.1)).toBe(true);
  });

  it('approxEquals: relative tolerance for large values', () => {
    expect(Matrix.from([[1e6]]).approxEquals(Matrix.from([[1e6 + 1e-4]]))).toBe(true);
    expect(Matrix.from([[1e6]]).approxEquals(Matrix.from([[1e6 + 1e-2]]))).toBe(false);
  });

  it('approxEquals with tolerance 0 is exact (but -0 = 0)', () => {
    expect(Matrix.from([[1]]).approxEquals(Matrix.from([[1 + 2 ** -52]]), 0)).toBe(false);
    expect(Matrix.from([[-0]]).approxEquals(Matrix.from([[0]]), 0)).toBe(true);
  });

  it('approxEquals needs the same shape', () => {
    expect(Matrix.zeros(1, 2).approxEquals(Matrix.zeros(2, 1))).toBe(false);
  });

  it('approxEquals treats NaN as unequal and infinities as equal only to themselves', () => {
    const I = Infinity;
    expect(Matrix.from([[Number.NaN]]).approxEquals(Matrix.from([[Number.NaN]]))).toBe(false);
    expect(Matrix.from([[I, -I]]).approxEquals(Matrix.from([[I, -I]]))).toBe(true);
    expect(Matrix.from([[I]]).approxEquals(Matrix.from([[0]]))).toBe(false);
    expect(Matrix.from([[I]]).approxEquals(Matrix.from([[-I]]))).toBe(false);
    expect(Matrix.from([[1e308]]).approxEquals(Matrix.from([[I]]), 0.5)).toBe(false);
  });
});

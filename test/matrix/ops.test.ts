/**
 * The allocation-free kernels, each tested the gl-matrix way: it writes `out`, returns the same
 * `out`, leaves its inputs alone, and is right when `out` aliases an input (elementwise kernels) or
 * refuses the alias with an exact RangeError (kernels that read an input after writing `out`).
 */
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
import { expectBitEqual, expectThrowExact, naiveMatmul, naiveTranspose, testMatrix } from './helpers.js';

/** One kernel under test: fresh operands, the out shape, how to call it, and the exact result. */
interface KernelSpec {
  name: string;
  inputs: () => Matrix[];
  outShape: readonly [number, number];
  run: (out: Matrix, inputs: Matrix[]) => Matrix;
  expected: number[][];
}

/** The first three checks of the quartet; aliasing is tested per kernel below. */
function quartet(spec: KernelSpec): void {
  describe(spec.name, () => {
    it('writes out (overwriting every element) and returns the same out', () => {
      const out = Matrix.fill(spec.outShape[0], spec.outShape[1], Number.NaN);
      const data = out.data;
      const returned = spec.run(out, spec.inputs());
      expect(returned).toBe(out);
      expect(out.data).toBe(data);
      expect(out.toArray()).toEqual(spec.expected);
    });

    it('leaves its inputs untouched', () => {
      const inputs = spec.inputs();
      const before = inputs.map((m) => m.clone());
      spec.run(Matrix.zeros(spec.outShape[0], spec.outShape[1]), inputs);
      inputs.forEach((m, i) => expectBitEqual(m, before[i]));
    });
  });
}

const A23 = (): Matrix =>
  Matrix.from([
    [1, 2, 3],
    [4, 5, 6],
  ]);
const A22 = (): Matrix =>
  Matrix.from([
    [1, 2],
    [3, 4],
  ]);
const B22 = (): Matrix =>
  Matrix.from([
    [5, -6],
    [0.5, 8],
  ]);
const V21 = (): Matrix => Matrix.from([[10], [20]]);

const DISTINCT = (op: string, which: 'a' | 'b'): string =>
  `${op}: expected out to be distinct from the inputs, got out sharing memory with ${which}`;

/** Asserts that `run` throws the alias error and leaves every operand as it was. */
function expectAliasRefused(op: string, which: 'a' | 'b', operands: Matrix[], run: () => unknown): void {
  const before = operands.map((m) => m.clone());
  expectThrowExact(run, RangeError, DISTINCT(op, which));
  operands.forEach((m, i) => expectBitEqual(m, before[i]));
}

// ----------------------------------------------------------------------------------------------
// Products

quartet({
  name: 'matmulInto',
  inputs: () => [
    A23(),
    Matrix.from([
      [7, 8],
      [9, 10],
      [11, 12],
    ]),
  ],
  outShape: [2, 2],
  run: (out, [a, b]) => matmulInto(out, a, b),
  expected: [
    [58, 64],
    [139, 154],
  ],
});

quartet({
  name: 'matmulTransposeAInto',
  inputs: () => [
    Matrix.from([
      [1, 2],
      [3, 4],
      [5, 6],
    ]),
    Matrix.from([
      [1, 0],
      [0, 1],
      [1, 1],
    ]),
  ],
  outShape: [2, 2],
  run: (out, [a, b]) => matmulTransposeAInto(out, a, b),
  expected: [
    [6, 8],
    [8, 10],
  ],
});

quartet({
  name: 'matmulTransposeBInto',
  inputs: () => [
    A23(),
    Matrix.from([
      [1, 0, -1],
      [2, 2, 2],
    ]),
  ],
  outShape: [2, 2],
  run: (out, [a, b]) => matmulTransposeBInto(out, a, b),
  expected: [
    [-2, 12],
    [-2, 30],
  ],
});

quartet({
  name: 'transposeInto',
  inputs: () => [A23()],
  outShape: [3, 2],
  run: (out, [a]) => transposeInto(out, a),
  expected: [
    [1, 4],
    [2, 5],
    [3, 6],
  ],
});

describe('matmul family: aliasing is refused', () => {
  const kernels = [
    ['matmulInto', matmulInto],
    ['matmulTransposeAInto', matmulTransposeAInto],
    ['matmulTransposeBInto', matmulTransposeBInto],
  ] as const;
  for (const [op, kernel] of kernels) {
    it(`${op}: out === a, out === b, a === b === out`, () => {
      const a = A22(),
        b = B22();
      expectAliasRefused(op, 'a', [a, b], () => kernel(a, a, b));
      expectAliasRefused(op, 'b', [a, b], () => kernel(b, a, b));
      expectAliasRefused(op, 'a', [a], () => kernel(a, a, a));
      expectAliasRefused(op, 'a', [a, b], () => kernel(a, a, b, true));
    });

    it(`${op}: a partly overlapping view is refused, a disjoint view of the same buffer is fine`, () => {
      const buf = new Float64Array([1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 0, 0]);
      const a = new Matrix(2, 2, buf.subarray(0, 4));
      const b = new Matrix(2, 2, buf.subarray(4, 8));
      const overlapping = new Matrix(2, 2, buf.subarray(2, 6));
      expectAliasRefused(op, 'a', [a, b], () => kernel(overlapping, a, b));
      const overlappingB = new Matrix(2, 2, buf.subarray(7, 11));
      expectAliasRefused(op, 'b', [a, b], () => kernel(overlappingB, a, b));
      const disjoint = new Matrix(2, 2, buf.subarray(8, 12));
      const expected = naiveMatmul(
        op === 'matmulTransposeAInto' ? naiveTranspose(a) : a,
        op === 'matmulTransposeBInto' ? naiveTranspose(b) : b,
      );
      expect(kernel(disjoint, a, b)).toBe(disjoint);
      expectBitEqual(disjoint, expected);
      expect(Array.from(buf.subarray(0, 8))).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    });
  }

  it('transposeInto: out === a and overlapping views are refused', () => {
    const a = A22();
    expectAliasRefused('transposeInto', 'a', [a], () => transposeInto(a, a));
    const buf = new Float64Array([1, 2, 3, 4, 5, 6, 7]);
    const v = new Matrix(2, 2, buf.subarray(0, 4));
    expectAliasRefused('transposeInto', 'a', [v], () => transposeInto(new Matrix(2, 2, buf.subarray(3, 7)), v));
  });

  it('empty matrices never alias', () => {
    const e = Matrix.zeros(0, 0);
    expect(matmulInto(e, e, e)).toBe(e);
    expect(transposeInto(e, e)).toBe(e);
  });
});

describe('matmul family: the accumulate flag', () => {
  it('adds the product to out (out += A·B)', () => {
    const out = Matrix.from([
      [1, 2],
      [3, 4],
    ]);
    expect(
      matmulInto(
        out,
        A23(),
        Matrix.from([
          [7, 8],
          [9, 10],
          [11, 12],
        ]),
        true,
      ),
    ).toBe(out);
    expect(out.toArray()).toEqual([
      [59, 66],
      [142, 158],
    ]);
  });

  it('adds Aᵀ·B and A·Bᵀ likewise', () => {
    const outA = Matrix.from([
      [1, 1],
      [1, 1],
    ]);
    matmulTransposeAInto(
      outA,
      Matrix.from([
        [1, 2],
        [3, 4],
        [5, 6],
      ]),
      Matrix.from([
        [1, 0],
        [0, 1],
        [1, 1],
      ]),
      true,
    );
    expect(outA.toArray()).toEqual([
      [7, 9],
      [9, 11],
    ]);
    const outB = Matrix.from([
      [-1, 0],
      [0, -1],
    ]);
    matmulTransposeBInto(
      outB,
      A23(),
      Matrix.from([
        [1, 0, -1],
        [2, 2, 2],
      ]),
      true,
    );
    expect(outB.toArray()).toEqual([
      [-3, 12],
      [-2, 29],
    ]);
  });

  it('accumulate = false ignores what out held', () => {
    const out = Matrix.fill(2, 2, 1e300);
    matmulInto(out, A22(), B22(), false);
    expect(out.toArray()).toEqual([
      [6, 10],
      [17, 14],
    ]);
  });

  it('accumulating twice gives twice the product', () => {
    const a = testMatrix(7, 5, 1, 'int'),
      b = testMatrix(5, 6, 2, 'int');
    const out = Matrix.zeros(7, 6);
    matmulInto(out, a, b, true);
    matmulInto(out, a, b, true);
    expect(out.equals(a.matmul(b).scale(2))).toBe(true);
  });

  it('continues each running sum from the old value, bit for bit, across k-blocks and m-blocks', () => {
    for (const [m, k, n] of [
      [3, 5, 2],
      [130, 300, 7],
      [9, 600, 5],
      [257, 1, 3],
    ] as const) {
      const init = testMatrix(m, n, 3, 'wide');
      const a = testMatrix(m, k, 4, 'wide'),
        b = testMatrix(k, n, 5, 'wide');
      const expected = naiveMatmul(a, b, init);

      const out = init.clone();
      matmulInto(out, a, b, true);
      expectBitEqual(out, expected);

      const outA = init.clone();
      matmulTransposeAInto(outA, naiveTranspose(a), b, true);
      expectBitEqual(outA, expected);

      const outB = init.clone();
      matmulTransposeBInto(outB, a, naiveTranspose(b), true);
      expectBitEqual(outB, expected);
    }
  });
});

describe('matmul family: edge shapes', () => {
  it('k = 0 gives zeros, and accumulating leaves out unchanged', () => {
    const a = Matrix.zeros(3, 0),
      b = Matrix.zeros(0, 2);
    const out = Matrix.fill(3, 2, Number.NaN);
    matmulInto(out, a, b);
    expect(out.toArray()).toEqual([
      [0, 0],
      [0, 0],
      [0, 0],
    ]);
    out.fill(5);
    matmulInto(out, a, b, true);
    expect(out.toArray()).toEqual([
      [5, 5],
      [5, 5],
      [5, 5],
    ]);

    const outA = Matrix.fill(3, 2, Number.NaN);
    matmulTransposeAInto(outA, Matrix.zeros(0, 3), b);
    expect(outA.toArray()).toEqual([
      [0, 0],
      [0, 0],
      [0, 0],
    ]);
    const outB = Matrix.fill(3, 2, Number.NaN);
    matmulTransposeBInto(outB, a, Matrix.zeros(2, 0));
    expect(outB.toArray()).toEqual([
      [0, 0],
      [0, 0],
      [0, 0],
    ]);
  });

  it('m = 0 or n = 0 gives an empty result', () => {
    expect(matmulInto(Matrix.zeros(0, 4), Matrix.zeros(0, 3), Matrix.ones(3, 4)).shape).toEqual([0, 4]);
    expect(matmulInto(Matrix.zeros(4, 0), Matrix.ones(4, 3), Matrix.zeros(3, 0)).shape).toEqual([4, 0]);
  });

  // Shapes around the micro-kernel (4), the k-block (256) and the m-block (128) sizes.
  const shapes: [number, number, number][] = [
    [1, 1, 1],
    [1, 7, 1],
    [5, 3, 7],
    [4, 4, 4],
    [8, 8, 8],
    [3, 257, 5],
    [129, 2, 6],
    [130, 300, 9],
    [128, 256, 4],
    [256, 512, 3],
    [5, 257, 130],
    [1, 700, 1],
    [200, 1, 3],
    [131, 513, 2],
  ];
  for (const [m, k, n] of shapes) {
    it(`all three products equal the naive loop bit for bit at (${m}, ${k}) × (${k}, ${n})`, () => {
      const a = testMatrix(m, k, m * 1000 + k, 'wide');
      const b = testMatrix(k, n, k * 1000 + n, 'special');
      const expected = naiveMatmul(a, b);
      expectBitEqual(matmulInto(Matrix.fill(m, n, 7), a, b), expected);
      expectBitEqual(matmulTransposeAInto(Matrix.fill(m, n, 7), naiveTranspose(a), b), expected);
      expectBitEqual(matmulTransposeBInto(Matrix.fill(m, n, 7), a, naiveTranspose(b)), expected);
    });
  }

  it('training shapes: dW = dZ·Aᵀ and dA = Wᵀ·dZ', () => {
    const dZ = testMatrix(128, 64, 1),
      A = testMatrix(784, 64, 2),
      W = testMatrix(128, 784, 3);
    expectBitEqual(matmulTransposeBInto(Matrix.zeros(128, 784), dZ, A), naiveMatmul(dZ, naiveTranspose(A)));
    expectBitEqual(matmulTransposeAInto(Matrix.zeros(784, 64), W, dZ), naiveMatmul(naiveTranspose(W), dZ));
  });

  it('a product of NaN or Infinity only spreads along its row and column', () => {
    const a = Matrix.from([
      [1, 2, 3],
      [Number.NaN, 0, 0],
      [0, 0, 1],
      [1, 1, 1],
      [2, 0, 0],
    ]);
    const b = Matrix.from([
      [1, 0],
      [0, Infinity],
      [0, 1],
    ]);
    const out = matmulInto(Matrix.zeros(5, 2), a, b);
    expectBitEqual(out, naiveMatmul(a, b));
    expect(out.get(0, 0)).toBe(1);
    expect(Number.isNaN(out.get(2, 1))).toBe(true); // 0 · Infinity
    expect(out.get(4, 0)).toBe(2);
  });
});

// ----------------------------------------------------------------------------------------------
// Elementwise kernels: out may alias a, b, or both.

type Binary = (out: Matrix, a: Matrix, b: Matrix) => Matrix;
const binaries: [string, Binary, number[][], number[][], number[][]][] = [
  // name, kernel, A ⊕ B, A ⊕ A, B ⊕ B   (A = [[1, 2], [3, 4]], B = [[5, -6], [0.5, 8]])
  [
    'addInto',
    addInto,
    [
      [6, -4],
      [3.5, 12],
    ],
    [
      [2, 4],
      [6, 8],
    ],
    [
      [10, -12],
      [1, 16],
    ],
  ],
  [
    'subInto',
    subInto,
    [
      [-4, 8],
      [2.5, -4],
    ],
    [
      [0, 0],
      [0, 0],
    ],
    [
      [0, 0],
      [0, 0],
    ],
  ],
  [
    'mulInto',
    mulInto,
    [
      [5, -12],
      [1.5, 32],
    ],
    [
      [1, 4],
      [9, 16],
    ],
    [
      [25, 36],
      [0.25, 64],
    ],
  ],
  [
    'divInto',
    divInto,
    [
      [0.2, -1 / 3],
      [6, 0.5],
    ],
    [
      [1, 1],
      [1, 1],
    ],
    [
      [1, 1],
      [1, 1],
    ],
  ],
];

for (const [name, kernel, expected, selfA] of binaries) {
  quartet({ name, inputs: () => [A22(), B22()], outShape: [2, 2], run: (out, [a, b]) => kernel(out, a, b), expected });

  describe(`${name}: aliasing`, () => {
    it('out === a', () => {
      const a = A22(),
        b = B22();
      expect(kernel(a, a, b)).toBe(a);
      expect(a.toArray()).toEqual(expected);
      expect(b.equals(B22())).toBe(true);
    });
    it('out === b', () => {
      const a = A22(),
        b = B22();
      expect(kernel(b, a, b)).toBe(b);
      expect(b.toArray()).toEqual(expected);
      expect(a.equals(A22())).toBe(true);
    });
    it('out === a === b', () => {
      const a = A22();
      expect(kernel(a, a, a)).toBe(a);
      expect(a.toArray()).toEqual(selfA);
    });
  });
}

quartet({
  name: 'scaleInto',
  inputs: () => [A22()],
  outShape: [2, 2],
  run: (out, [a]) => scaleInto(out, a, -2),
  expected: [
    [-2, -4],
    [-6, -8],
  ],
});

quartet({
  name: 'addScaledInto',
  inputs: () => [A22(), B22()],
  outShape: [2, 2],
  run: (out, [a, b]) => addScaledInto(out, a, b, -0.5),
  expected: [
    [-1.5, 5],
    [2.75, 0],
  ],
});

quartet({
  name: 'mapInto',
  inputs: () => [A22()],
  outShape: [2, 2],
  run: (out, [a]) => mapInto(out, a, (v, i, j) => v * 100 + i * 10 + j),
  expected: [
    [100, 201],
    [310, 411],
  ],
});

quartet({
  name: 'addColumnInto',
  inputs: () => [A23(), V21()],
  outShape: [2, 3],
  run: (out, [a, v]) => addColumnInto(out, a, v),
  expected: [
    [11, 12, 13],
    [24, 25, 26],
  ],
});

quartet({
  name: 'copyInto',
  inputs: () => [A23()],
  outShape: [2, 3],
  run: (out, [a]) => copyInto(out, a),
  expected: [
    [1, 2, 3],
    [4, 5, 6],
  ],
});

describe('single-input elementwise kernels: aliasing', () => {
  it('scaleInto: out === a', () => {
    const a = A22();
    expect(scaleInto(a, a, 3)).toBe(a);
    expect(a.toArray()).toEqual([
      [3, 6],
      [9, 12],
    ]);
  });

  it('addScaledInto: out === a is the gradient-descent update W := W − α·dW', () => {
    const W = A22(),
      dW = B22();
    expect(addScaledInto(W, W, dW, -0.5)).toBe(W);
    expect(W.toArray()).toEqual([
      [-1.5, 5],
      [2.75, 0],
    ]);
    expect(dW.equals(B22())).toBe(true);
  });

  it('addScaledInto: out === b and out === a === b', () => {
    const a = A22(),
      b = B22();
    expect(addScaledInto(b, a, b, 2)).toBe(b);
    expect(b.toArray()).toEqual([
      [11, -10],
      [4, 20],
    ]);
    const c = A22();
    expect(addScaledInto(c, c, c, 2)).toBe(c);
    expect(c.toArray()).toEqual([
      [3, 6],
      [9, 12],
    ]);
  });

  it('mapInto: out === a', () => {
    const a = A22();
    expect(mapInto(a, a, (v, i, j) => v * 100 + i * 10 + j)).toBe(a);
    expect(a.toArray()).toEqual([
      [100, 201],
      [310, 411],
    ]);
  });

  it('mapInto calls fn once per element, row by row', () => {
    const calls: [number, number, number][] = [];
    mapInto(Matrix.zeros(2, 2), A22(), (v, i, j) => {
      calls.push([v, i, j]);
      return 0;
    });
    expect(calls).toEqual([
      [1, 0, 0],
      [2, 0, 1],
      [3, 1, 0],
      [4, 1, 1],
    ]);
  });

  it('addColumnInto: out === a (Z := Z + b)', () => {
    const Z = A23();
    expect(addColumnInto(Z, Z, V21())).toBe(Z);
    expect(Z.toArray()).toEqual([
      [11, 12, 13],
      [24, 25, 26],
    ]);
  });

  it('addColumnInto: out === v and out === a === v for a single column', () => {
    const a = Matrix.from([[1], [2]]),
      v = V21();
    expect(addColumnInto(v, a, v)).toBe(v);
    expect(v.toArray()).toEqual([[11], [22]]);
    const w = V21();
    expect(addColumnInto(w, w, w)).toBe(w);
    expect(w.toArray()).toEqual([[20], [40]]);
  });

  it('copyInto: out === a is a no-op', () => {
    const a = A23();
    expect(copyInto(a, a)).toBe(a);
    expect(a.equals(A23())).toBe(true);
  });
});

// ----------------------------------------------------------------------------------------------
// Reductions

quartet({
  name: 'sumColumnsInto',
  inputs: () => [A23()],
  outShape: [2, 1],
  run: (out, [a]) => sumColumnsInto(out, a),
  expected: [[6], [15]],
});

quartet({
  name: 'sumRowsInto',
  inputs: () => [A23()],
  outShape: [1, 3],
  run: (out, [a]) => sumRowsInto(out, a),
  expected: [[5, 7, 9]],
});

quartet({
  name: 'argmaxInto',
  inputs: () => [
    Matrix.from([
      [0.1, 0.7, 5],
      [0.9, 0.3, 5],
    ]),
  ],
  outShape: [1, 3],
  run: (out, [a]) => argmaxInto(out, a),
  expected: [[1, 0, 0]],
});

describe('reductions: accumulate and aliasing', () => {
  it('sumColumnsInto with accumulate adds the row sums to out (db += Σ dZ)', () => {
    const out = Matrix.from([[1], [2]]);
    expect(sumColumnsInto(out, A23(), true)).toBe(out);
    expect(out.toArray()).toEqual([[7], [17]]);
    sumColumnsInto(out, A23(), true);
    expect(out.toArray()).toEqual([[13], [32]]);
    sumColumnsInto(out, A23(), false);
    expect(out.toArray()).toEqual([[6], [15]]);
  });

  it('sumColumnsInto sums in increasing column order from 0', () => {
    const a = Matrix.from([[1e16, 1, -1e16, 1]]);
    expect(sumColumnsInto(Matrix.zeros(1, 1), a).get(0, 0)).toBe(1e16 + 1 - 1e16 + 1);
  });

  it('sumColumnsInto: out === a for a single column', () => {
    const a = Matrix.from([[3], [4]]);
    expect(sumColumnsInto(a, a)).toBe(a);
    expect(a.toArray()).toEqual([[3], [4]]);
    expect(sumColumnsInto(a, a, true).toArray()).toEqual([[6], [8]]);
  });

  it('sumRowsInto refuses out === a', () => {
    const a = Matrix.from([[1, 2, 3]]);
    expectAliasRefused('sumRowsInto', 'a', [a], () => sumRowsInto(a, a));
  });

  it('argmaxInto refuses out === a', () => {
    const a = Matrix.from([[1, 2, 3]]);
    expectAliasRefused('argmaxInto', 'a', [a], () => argmaxInto(a, a));
  });

  it('sumRowsInto and argmaxInto overwrite what out held', () => {
    const a = Matrix.from([
      [1, -5],
      [2, -7],
    ]);
    expect(sumRowsInto(Matrix.fill(1, 2, 100), a).toArray()).toEqual([[3, -12]]);
    expect(argmaxInto(Matrix.fill(1, 2, 100), a).toArray()).toEqual([[1, 0]]);
  });
});

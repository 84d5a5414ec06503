// The engine's fused bias: Z = W·A + b computed in the product's final store must equal, bit for
// bit, the product summed in increasing k from 0 and then the bias added — for every block shape.
import { describe, expect, it } from 'vitest';
import { Matrix } from '../../src/matrix/matrix.js';
import { matmulUnchecked } from '../../src/matrix/ops.js';

function naivePlusBias(W: Matrix, A: Matrix, b: Matrix): Float64Array {
  const out = new Float64Array(W.rows * A.cols);
  for (let i = 0; i < W.rows; i++) {
    for (let j = 0; j < A.cols; j++) {
      let s = 0;
      for (let p = 0; p < W.cols; p++) s += W.data[i * W.cols + p] * A.data[p * A.cols + j];
      out[i * A.cols + j] = s + b.data[i];
    }
  }
  return out;
}

describe('gemm with a fused bias', () => {
  // m up to 131 (two row blocks, ragged edge), k across the 256 k-block boundary and 0, n ragged.
  const shapes: [number, number, number][] = [
    [1, 2, 400],
    [4, 2, 400],
    [5, 3, 7],
    [3, 0, 5],
    [131, 300, 9],
    [10, 257, 6],
    [128, 784, 64],
  ];
  for (const [m, k, n] of shapes) {
    it(`(${m}, ${k})·(${k}, ${n}) + b equals the product then the bias, exactly`, () => {
      const W = Matrix.randn(m, k, { random: m + k });
      const A = Matrix.randn(k, n, { random: n });
      const b = Matrix.randn(m, 1, { random: 99 });
      const Z = Matrix.fill(m, n, NaN); // stale contents must not leak in
      matmulUnchecked(Z, W, A, false, false, false, b);
      expect(Array.from(Z.data)).toEqual(Array.from(naivePlusBias(W, A, b)));
    });
  }

  it('adds the bias once, after the last k-block, when k spans several blocks', () => {
    const W = Matrix.fill(2, 600, 1),
      A = Matrix.fill(600, 3, 1),
      b = Matrix.from([[0.5], [-1]]);
    const Z = new Matrix(2, 3);
    matmulUnchecked(Z, W, A, false, false, false, b);
    expect(Z.toArray()).toEqual([
      [600.5, 600.5, 600.5],
      [599, 599, 599],
    ]);
  });
});

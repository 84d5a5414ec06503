// The product of bottomup/predict (gemm-plain.ts) against the library's engine (gemm.ts, both the JS
// kernel and WebAssembly): bit for bit, with and without a bias, over ragged shapes and every value
// kind (−0, NaN, ±Infinity, wide exponents), and over stale contents of C.
import { afterAll, describe, expect, it } from 'vitest';
import { gemm, setGemmEngine } from '../../src/matrix/gemm.js';
import { gemmPlain } from '../../src/matrix/gemm-plain.js';
import { ALL_KINDS, testMatrix } from './helpers.js';

const sameBits = (a: Float64Array, b: Float64Array): boolean =>
  a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

// n around the 4-column blocks, k across gemm's 256 k-block, m across its 128-row block.
const SHAPES: [number, number, number][] = [
  [1, 1, 1],
  [1, 2, 3],
  [4, 2, 400],
  [5, 3, 7],
  [3, 1, 4],
  [2, 5, 5],
  [131, 300, 9],
  [10, 257, 6],
  [7, 64, 13],
];

describe('gemmPlain', () => {
  afterAll(() => {
    setGemmEngine('auto');
  });
  for (const engine of ['js', 'wasm'] as const) {
    for (const kind of ALL_KINDS) {
      it(`gives the bits of gemm (${engine} engine), ${kind} values, with and without a bias`, () => {
        setGemmEngine(engine);
        for (const [m, k, n] of SHAPES) {
          const A = testMatrix(m, k, m + 7 * k, kind).data;
          const B = testMatrix(k, n, n + 3 * k, kind).data;
          const bias = testMatrix(m, 1, m + n, kind).data;
          for (const b of [bias, null]) {
            const expected = new Float64Array(m * n);
            gemm(expected, A, false, B, false, m, k, n, false, b);
            const got = new Float64Array(m * n).fill(Number.NaN); // stale contents must not leak in
            gemmPlain(got, A, B, m, k, n, b);
            expect(sameBits(got, expected), `(${m}, ${k})·(${k}, ${n}), bias ${b !== null}`).toBe(true);
          }
        }
      });
    }
  }
});

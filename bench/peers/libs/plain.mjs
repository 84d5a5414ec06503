/** Baseline: a plain i-k-j triple loop over row-major Float64Array (no blocking, no packing). */
import { squareMatrix, SETTINGS } from '../data.mjs';
import { timeMatmul } from '../harness.mjs';

function matmulIkj(C, A, B, n) {
  C.fill(0);
  for (let i = 0; i < n; i++) {
    const ci = i * n;
    for (let k = 0; k < n; k++) {
      const aik = A[ci + k];
      const bk = k * n;
      for (let j = 0; j < n; j++) C[ci + j] += aik * B[bk + j];
    }
  }
}

export async function matmul({ sizes = SETTINGS.matmul.sizes, reps = 5 }) {
  const results = [];
  for (const n of sizes) {
    const a = squareMatrix(n, 1);
    const b = squareMatrix(n, 2);
    const c = new Float64Array(n * n);
    const seconds = timeMatmul(() => matmulIkj(c, a, b, n), { reps });
    results.push({ n, seconds, gflops: (2 * n ** 3) / seconds / 1e9 });
  }
  return { version: `node ${process.versions.node}`, results };
}

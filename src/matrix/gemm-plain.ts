/**
 * The small matrix product of `bottomup/predict`: `C = A·B + bias·1ᵀ` on plain row-major operands,
 * neither transposed, without the packing, cache blocking and WebAssembly engine of `gemm.ts`, so it
 * costs a few hundred bytes instead of a few thousand.
 *
 * Every element is one running sum in increasing `p` from 0, then the bias added — exactly the
 * arithmetic of `gemm` (see gemm.ts), so the two give bit-identical results. One element at a
 * time: the smallest code (`createPredictor` has a 5 kB budget), about half the speed of summing
 * four columns at once in registers.
 *
 * @internal
 * @module
 */

/**
 * `C = A·B (+ bias·1ᵀ)` with `A` `(m, k)`, `B` `(k, n)`, `C` `(m, n)` and `bias` of length `m` (or
 * `null`), all row-major; `C`'s old contents are overwritten. Shapes are the caller's responsibility.
 * @internal
 */
export function gemmPlain(
  C: Float64Array,
  A: Float64Array,
  B: Float64Array,
  m: number,
  k: number,
  n: number,
  bias: Float64Array | null,
): void {
  for (let i = 0, a = 0, c = 0; i < m; i++, a += k, c += n) {
    // −0 is the identity of +: s + (−0) is s, bit for bit, for every s, so without a bias nothing changes.
    const v = bias === null ? -0 : bias[i];
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0, q = j; p < k; p++, q += n) s += A[a + p] * B[q];
      C[c + j] = s + v;
    }
  }
}

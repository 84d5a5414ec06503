/**
 * The per-feature affine map of `BatchNorm`, on raw arrays, shared by the layer and
 * `bottomup/predict` so both compute the same bits: `y = γ·((z − μ)·s) + β` with `s = 1/√(σ² + ε)`.
 *
 * @internal
 * @module
 */

/**
 * `s_i = 1/√(v_i + ε)` for every feature `i`, into `out` (`Math.sqrt` is correctly rounded in every
 * engine, so the bits are the same everywhere). @internal
 */
export function inverseStdInto(out: Float64Array, variance: ArrayLike<number>, epsilon: number): Float64Array {
  for (let i = 0; i < out.length; i++) out[i] = 1 / Math.sqrt(variance[i] + epsilon);
  return out;
}

/**
 * `x̂ = (z − μ_i)·s_i`, `y = γ_i·x̂ + β_i` for row `i` of the row-major `(rows, m)` block `z`; `y` may be
 * `z`; `xhat` (when not `null`) receives `x̂`. @internal
 */
export function normalizeInto(
  y: Float64Array,
  xhat: Float64Array | null,
  z: Float64Array,
  m: number,
  mean: ArrayLike<number>,
  inv: ArrayLike<number>,
  gamma: ArrayLike<number>,
  beta: ArrayLike<number>,
): void {
  for (let i = 0, k = 0; i < mean.length; i++) {
    const mu = mean[i],
      s = inv[i],
      g = gamma[i],
      b = beta[i];
    for (let end = k + m; k < end; k++) {
      const x = (z[k] - mu) * s;
      if (xhat !== null) xhat[k] = x;
      y[k] = g * x + b;
    }
  }
}

/**
 * Scalar helpers shared by the activations and losses.
 *
 * @internal
 * @module
 */

/** `σ(x) = 1/(1 + e^(−x))` without overflow for any `x`. @internal */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** `log(1 + e^x)` exact for any `x`. @internal */
export function softplus(x: number): number {
  return (x > 0 ? x : 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

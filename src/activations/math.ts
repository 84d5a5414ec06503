/**
 * Scalar helpers shared by the activations and losses, on bottomup's own exp and log1p (so they give
 * the same bits in every engine).
 *
 * @internal
 * @module
 */
import { exp, log1p } from '../math.js';

/** `σ(x) = 1/(1 + e^(−x))` without overflow for any `x`. @internal */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + exp(-x));
  const e = exp(x);
  return e / (1 + e);
}

/** `log(1 + e^x)` exact for any `x`. @internal */
export function softplus(x: number): number {
  return (x > 0 ? x : 0) + log1p(exp(-Math.abs(x)));
}

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
  // One exp call site (e^(−|x|) in both branches), so V8 inlines it once: a call left out of line
  // would box every result.
  const e = exp(-Math.abs(x));
  return x >= 0 ? 1 / (1 + e) : e / (1 + e);
}

/** `log(1 + e^x)` exact for any `x`. @internal */
export function softplus(x: number): number {
  return (x > 0 ? x : 0) + log1p(exp(-Math.abs(x)));
}

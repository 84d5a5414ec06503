/**
 * Scalar helpers shared by the activations and losses, on bottomup's own exp and log1p (so they give
 * the same bits in every engine).
 *
 * @internal
 * @module
 */
import { SLOT, exp, log1p } from '../math.js';

// Like the functions of ../math.ts, each is a small wrapper around a kernel that takes its argument
// from, and leaves its result in, SLOT[0]: V8 boxes a double passed to or returned from a call it
// does not inline, so this way no call allocates however the caller gets compiled.

/** `σ(x) = 1/(1 + e^(−x))` without overflow for any `x`. @internal */
export function sigmoid(x: number): number {
  SLOT[0] = x;
  sigmoidSlot();
  return SLOT[0];
}

function sigmoidSlot(): void {
  const x = SLOT[0];
  const e = exp(-Math.abs(x)); // e^(−x) for x ≥ 0, e^x below: one exp either way
  SLOT[0] = x >= 0 ? 1 / (1 + e) : e / (1 + e);
}

/** `log(1 + e^x)` exact for any `x`. @internal */
export function softplus(x: number): number {
  SLOT[0] = x;
  softplusSlot();
  return SLOT[0];
}

function softplusSlot(): void {
  const x = SLOT[0];
  SLOT[0] = (x > 0 ? x : 0) + log1p(exp(-Math.abs(x)));
}

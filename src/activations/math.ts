/**
 * Scalar helpers shared by the activations and losses, on bottomup's own exp and log1p (so they give
 * the same bits in every engine).
 *
 * @internal
 * @module
 */
import { SLOT, expSlot, log1pSlot } from '../math.js';

// The same calling convention as ../math.ts: kernels take their argument from, and leave their
// result in, SLOT[0], so calling one never boxes a double; hot loops use the kernels or the `…Into`
// array forms, the plain functions wrap them.

/** `σ(x) = 1/(1 + e^(−x))` without overflow for any `x`. @internal */
export function sigmoid(x: number): number {
  SLOT[0] = x;
  sigmoidSlot();
  return SLOT[0];
}

/** {@link sigmoid} of SLOT[0], into SLOT[0]. @internal */
export function sigmoidSlot(): void {
  const x = SLOT[0];
  SLOT[0] = -Math.abs(x); // e^(−x) for x ≥ 0, e^x below: one exp either way
  expSlot();
  const e = SLOT[0];
  SLOT[0] = x >= 0 ? 1 / (1 + e) : e / (1 + e);
}

/** `out[i] = σ(x[i])` (`out` may be `x`). @internal */
export function sigmoidInto(out: Float64Array, x: Float64Array): void {
  for (let i = 0; i < out.length; i++) {
    SLOT[0] = x[i];
    sigmoidSlot();
    out[i] = SLOT[0];
  }
}

/** `log(1 + e^x)` exact for any `x`. @internal */
export function softplus(x: number): number {
  SLOT[0] = x;
  softplusSlot();
  return SLOT[0];
}

/** {@link softplus} of SLOT[0], into SLOT[0]: `max(x, 0) + log1p(e^(−|x|))`. @internal */
export function softplusSlot(): void {
  const x = SLOT[0];
  SLOT[0] = -Math.abs(x);
  expSlot();
  log1pSlot();
  SLOT[0] = (x > 0 ? x : 0) + SLOT[0];
}

/** `out[i] = softplus(x[i])` (`out` may be `x`). @internal */
export function softplusInto(out: Float64Array, x: Float64Array): void {
  for (let i = 0; i < out.length; i++) {
    SLOT[0] = x[i];
    softplusSlot();
    out[i] = SLOT[0];
  }
}

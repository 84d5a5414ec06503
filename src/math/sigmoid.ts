/**
 * The logistic sigmoid `σ(x) = 1/(1 + e^(−x))` on bottomup's own exp (so it gives the same bits in
 * every engine), for the activations and losses.
 *
 * @internal
 * @module
 */
import { expSlot } from './exp.js';
import { SLOT } from './slot.js';

// Module constants, not imported bindings, in the hot code; SLOT itself by name (see "Imports" in ./slot.ts).

// The same calling convention as ./slot.ts: kernels take their argument from, and leave their
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

/**
 * `out[i] = σ(x[i])` for every `i < out.length`, bit-identical to {@link sigmoid}. `x` must hold at least
 * `out.length` values; `out` may be `x` (each value is read before its result is written).
 * @internal
 */
export function sigmoidInto(out: Float64Array, x: Float64Array): void {
  for (let i = 0; i < out.length; i++) {
    SLOT[0] = x[i];
    sigmoidSlot();
    out[i] = SLOT[0];
  }
}

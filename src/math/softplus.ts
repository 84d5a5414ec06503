/**
 * The softplus `log(1 + e^x)` on bottomup's own exp and log1p (so it gives the same bits in every
 * engine), for the activations and losses.
 *
 * @internal
 * @module
 */
import { expSlot } from './exp.js';
import { log1pSlot } from './log1p.js';
import { SLOT } from './slot.js';

// Module constants, not imported bindings, in the hot code; SLOT itself by name (see "Imports" in ./slot.ts).

// The same calling convention as ./slot.ts: kernels take their argument from, and leave their
// result in, SLOT[0], so calling one never boxes a double; hot loops use the kernels or the `…Into`
// array forms, the plain functions wrap them.

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

/**
 * `out[i] = softplus(x[i])` for every `i < out.length`, bit-identical to {@link softplus}. `x` must hold at least
 * `out.length` values; `out` may be `x` (each value is read before its result is written).
 * @internal
 */
export function softplusInto(out: Float64Array, x: Float64Array): void {
  for (let i = 0; i < out.length; i++) {
    SLOT[0] = x[i];
    softplusSlot();
    out[i] = SLOT[0];
  }
}

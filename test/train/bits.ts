// Bit-for-bit comparisons shared by the training tests.
import { expect } from 'vitest';
import type { Sequential } from '../../src/index.js';

/** Index of the first element where `a` and `b` differ bit-wise (`Object.is`), or -1; length mismatch is `-2`. */
export function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return -2;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

/** A copy of every parameter's values. */
export const weightsOf = (model: Sequential): Float64Array[] => model.parameters().map((p) => p.value.data.slice());

/** Expects the same parameters, bit for bit. */
export function expectSameWeights(a: Float64Array[], b: Float64Array[]): void {
  expect(a.length).toBe(b.length);
  a.forEach((w, i) => expect(firstDifference(w, b[i]), `parameter ${i}`).toBe(-1));
}

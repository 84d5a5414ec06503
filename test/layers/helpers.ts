/** Helpers of the layer tests: bits for exact comparisons (−0 kept), and exact-message throws. */
import { expect } from 'vitest';

/** Each value as text, `-0` for −0: arrays of these compare bit for bit (but for NaN payloads). */
export const bits = (a: ArrayLike<number>): string[] => Array.from(a, (v) => (Object.is(v, -0) ? '-0' : String(v)));

/** Asserts that `fn` throws an instance of `type` with exactly `message`. */
export function expectThrow(fn: () => unknown, type: ErrorConstructor, message: string): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught, 'expected a throw').toBeInstanceOf(type);
  expect((caught as Error).message).toBe(message);
}

/**
 * Shared helpers for the optimizer tests: a one-element parameter, and gradient descent on
 * f(x) = x² (gradient 2x) with the optimizer under test.
 */
import { expect } from 'vitest';
import type { Parameter } from '../../src/parameter.js';
import { Matrix } from '../../src/matrix/matrix.js';
import type { Optimizer } from '../../src/optimizers/optimizer.js';

/** A `(1, 1)` parameter holding `x0`, with a zero gradient. */
export function scalar(x0: number, name = 'x'): Parameter {
  return { name, value: Matrix.from([[x0]]), grad: Matrix.zeros(1, 1) };
}

/**
 * `steps` optimizer steps on f(x) = x², or on the function whose gradient is `gradient`; each step
 * sets `grad` (as zeroGrad + backward would) and returns the iterates x₁, x₂, ….
 */
export function descend(
  optimizer: Optimizer,
  p: Parameter,
  steps: number,
  gradient = (x: number): number => 2 * x,
): number[] {
  const xs: number[] = [];
  for (let t = 0; t < steps; t++) {
    p.grad.data[0] = gradient(p.value.data[0]);
    optimizer.step();
    xs.push(p.value.data[0]);
  }
  return xs;
}

/**
 * Each iterate within `tol` (relative, absolute below 1) of the hand-computed value. The references are
 * real-number values (computed by hand, or to 50 digits), so the tolerance only absorbs a few
 * roundings per step; a wrong convention is off by orders of magnitude more.
 */
export function expectIterates(actual: readonly number[], expected: readonly number[], tol = 1e-14): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((e, i) => {
    expect(Math.abs(actual[i] - e), `step ${i + 1}: ${actual[i]} vs ${e}`).toBeLessThanOrEqual(
      tol * Math.max(1, Math.abs(e)),
    );
  });
}

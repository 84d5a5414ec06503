/**
 * The scalar helpers behind Sigmoid, Softplus and the from-logits losses: no overflow for any input,
 * and full relative precision in the tails, where the naive formulas cancel or overflow.
 */
import { describe, expect, it } from 'vitest';
import { sigmoid, softplus } from '../../src/activations/math.js';
import { exp } from '../../src/math.js';

describe('sigmoid', () => {
  it('exact at 0, symmetric: σ(−x) = 1 − σ(x) where both are representable', () => {
    expect(sigmoid(0)).toBe(0.5);
    for (const x of [0.5, 1, 2, 5]) expect(Math.abs(sigmoid(-x) - (1 - sigmoid(x)))).toBeLessThanOrEqual(2.3e-16);
  });

  it('both branches agree with the textbook formula', () => {
    for (const x of [-20, -3, -0.1, 0.1, 3, 20]) {
      const ref = 1 / (1 + Math.exp(-x));
      expect(Math.abs(sigmoid(x) - ref)).toBeLessThanOrEqual(2.3e-16 * ref);
    }
  });

  it('never overflows, and keeps the tail below −37 that 1 − σ(x) loses', () => {
    expect(sigmoid(1000)).toBe(1);
    expect(sigmoid(-1000)).toBe(0);
    expect(sigmoid(Number.MAX_VALUE)).toBe(1);
    expect(sigmoid(-Number.MAX_VALUE)).toBe(0);
    // e^−700 is a normal double; σ(−700) = e^−700/(1 + e^−700) = e^−700 exactly in floats (with the
    // library's own exp, which test/math.test.ts checks against Math.exp).
    expect(sigmoid(-700)).toBe(exp(-700));
    expect(sigmoid(-745)).toBe(exp(-745));
  });
});

describe('softplus', () => {
  it('log 2 at 0, and x + log(1 + e^−x) for large x without overflow', () => {
    expect(softplus(0)).toBe(Math.LN2);
    expect(softplus(1000)).toBe(1000);
    expect(softplus(Number.MAX_VALUE)).toBe(Number.MAX_VALUE);
    expect(softplus(800)).toBe(800);
  });

  it('the tail is e^x to full precision (naive log(1 + e^x) is 0 below −37)', () => {
    expect(softplus(-40)).toBe(exp(-40));
    expect(softplus(-700)).toBe(exp(-700));
    expect(softplus(-1000)).toBe(0);
    expect(Math.log(1 + Math.exp(-40))).toBe(0);
  });

  it('softplus(x) − softplus(−x) = x (to rounding)', () => {
    for (const x of [0.3, 2, 17, 50]) expect(Math.abs(softplus(x) - softplus(-x) - x)).toBeLessThanOrEqual(4e-15 * x);
  });
});

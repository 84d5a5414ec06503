/**
 * The sigmoid behind Sigmoid, SiLU, Softplus's derivative and the from-logits binary cross-entropy
 * (src/math/sigmoid.ts): no overflow for any input, and full relative precision in the tails, where
 * the naive formula cancels or overflows.
 */
import { describe, expect, it } from 'vitest';
import { exp } from '../../src/math/exp.js';
import { sigmoid, sigmoidInto } from '../../src/math/sigmoid.js';
import { anyBits, around, draw, EDGES, expectIntoMatches, type Gen, uniform, withExponent } from './helpers.js';

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
    // library's own exp, which test/math/exp.test.ts checks against Math.exp).
    expect(sigmoid(-700)).toBe(exp(-700));
    expect(sigmoid(-745)).toBe(exp(-745));
  });
});

describe('sigmoidInto', () => {
  it(
    'gives exactly the bits of sigmoid, element by element and in place, over 100 000 seeded and special ' +
      'arguments',
    () => {
      const gens: Gen[] = [uniform(-40, 40), uniform(-750, 750), withExponent(0, 0x3fe), anyBits];
      const args = [
        ...EDGES,
        ...around([0, 36, -36, 709.782712893384, -745.1332191019411], 2).flatMap((x) => [x, -x]),
        ...draw(100_000, (r) => gens[r.int(gens.length)](r)),
      ];
      expectIntoMatches(sigmoidInto, sigmoid, args);
    },
  );
});

/**
 * The softplus behind Softplus and the from-logits binary cross-entropy (src/math/softplus.ts): no
 * overflow for any input, and full relative precision in the tails, where the naive formula
 * cancels or overflows.
 */
import { describe, expect, it } from 'vitest';
import { exp } from '../../src/math/exp.js';
import { softplus, softplusInto } from '../../src/math/softplus.js';
import { anyBits, around, draw, EDGES, expectIntoMatches, type Gen, uniform, withExponent } from './helpers.js';

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

describe('softplusInto', () => {
  it(
    'gives exactly the bits of softplus, element by element and in place, over 100 000 seeded and special ' +
      'arguments',
    () => {
      const gens: Gen[] = [uniform(-40, 40), uniform(-750, 750), withExponent(0, 0x3fe), anyBits];
      const args = [
        ...EDGES,
        ...around([0, 36, -36, 709.782712893384, -745.1332191019411, 2 ** -54], 2).flatMap((x) => [x, -x]),
        ...draw(100_000, (r) => gens[r.int(gens.length)](r)),
      ];
      expectIntoMatches(softplusInto, softplus, args);
    },
  );
});

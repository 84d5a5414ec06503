/**
 * bottomup's own `sin` and `cos` (src/math/trig.ts): within 1 ulp of Node's Math.* over large
 * seeded samples of their domain |x| < 1647100 (≈ 2^20·π/2), special values exactly as Math, monotone,
 * and exact bit patterns pinned for fixed arguments (which every JavaScript engine must reproduce);
 * NaN outside the domain.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cos, sin } from '../../src/math/trig.js';
import type { Random } from '../../src/random.js';
import {
  anyBits,
  around,
  both,
  digest,
  digestOf,
  draw,
  expectClose,
  expectMonotone,
  expectPinned,
  expectSpecial,
  integer,
  MAX,
  MIN_SUBNORMAL,
  next,
  ulps,
  uniform,
  withExponent,
} from './helpers.js';

/** The edge of the domain: 0x413921FC_00000000, 2^20·π/2 rounded up (fdlibm's medium-range bound). */
const EDGE = 1647100;

describe('sin and cos', () => {
  const multiplesOfHalfPi = (count: number, max: number) =>
    draw(count, (r) => next((r.int(max) + 1) * (Math.PI / 2), r.int(5) - 2));
  /** Any finite double's bits, folded into the domain (|x| < 1647100) by keeping its mantissa. */
  const inDomain = (r: Random) => {
    const x = anyBits(r);
    return Number.isFinite(x) && Math.abs(x) < EDGE ? x : Math.sign(x) * (Math.abs(x) % EDGE) || 0;
  };

  it('sin is within 1 ulp of Math.sin over 200 000+ seeded arguments', () => {
    const args = [
      ...draw(65_000, uniform(-2 * Math.PI, 2 * Math.PI)),
      ...draw(30_000, uniform(-EDGE, EDGE)), // the three-part Cody–Waite range: the domain
      ...draw(30_000, withExponent(0, 0x3fe)), // |x| < 1, down to subnormals
      ...multiplesOfHalfPi(30_000, 1_000_000),
      ...draw(20_000, uniform(2 ** 20, EDGE)), // the top of the domain, up to its edge
      ...draw(10_000, integer(-100_000, 100_000)),
      ...draw(20_000, inDomain),
      ...around([Math.PI / 4, (3 * Math.PI) / 4, Math.PI / 2, Math.PI, 1647099.3, 2 ** -27, 0.3, 0.78125], 50),
      ...around([EDGE], 50).filter((x) => x < EDGE),
    ];
    expectClose(sin, Math.sin, args);
  });

  it('cos is within 1 ulp of Math.cos over 200 000+ seeded arguments', () => {
    const args = [
      ...draw(65_000, uniform(-2 * Math.PI, 2 * Math.PI)),
      ...draw(30_000, uniform(-EDGE, EDGE)),
      ...draw(30_000, withExponent(0, 0x3fe)),
      ...multiplesOfHalfPi(30_000, 1_000_000),
      ...draw(20_000, uniform(2 ** 20, EDGE)), // the top of the domain, up to its edge
      ...draw(10_000, integer(-100_000, 100_000)),
      ...draw(20_000, inDomain),
      ...around([Math.PI / 4, (3 * Math.PI) / 4, Math.PI / 2, Math.PI, 1647099.3, 2 ** -27, 0.3, 0.78125], 50),
      ...around([EDGE], 50).filter((x) => x < EDGE),
    ];
    expectClose(cos, Math.cos, args);
  });

  it('special values as Math.sin and Math.cos: NaN, ±∞ → NaN, ±0, tiny', () => {
    expectSpecial(sin, [
      [NaN, NaN],
      [Infinity, NaN],
      [-Infinity, NaN],
      [0, 0],
      [-0, -0],
      [MIN_SUBNORMAL, MIN_SUBNORMAL],
      [-MIN_SUBNORMAL, -MIN_SUBNORMAL],
      [1e-300, 1e-300],
      [-1e-10, -1e-10],
    ]);
    expectSpecial(cos, [
      [NaN, NaN],
      [Infinity, NaN],
      [-Infinity, NaN],
      [0, 1],
      [-0, 1],
      [MIN_SUBNORMAL, 1],
      [1e-10, 1],
    ]);
  });

  it('NaN outside the domain |x| < 1647100 (2^20·π/2 ≈ 1647099.3 rounded up, the Cody–Waite limit)', () => {
    const below = next(EDGE, -1);
    expect(ulps(sin(below), Math.sin(below))).toBeLessThanOrEqual(1);
    expect(ulps(cos(-below), Math.cos(-below))).toBeLessThanOrEqual(1);
    for (const x of [EDGE, -EDGE, next(EDGE), 2 ** 21, 1e10, 1e22, 6381956970095103 * 2 ** 797, MAX, -MAX]) {
      expect(sin(x), `sin(${x})`).toBeNaN();
      expect(cos(x), `cos(${x})`).toBeNaN();
    }
    for (const x of draw(10_000, withExponent(0x413, 0x7fe)).filter((x) => Math.abs(x) >= EDGE)) {
      if (!Number.isNaN(sin(x)) || !Number.isNaN(cos(x))) expect.fail(`sin or cos of ${x} is not NaN`);
    }
  });

  it('identities: sin odd, cos even, sin² + cos² = 1 to rounding', () => {
    fc.assert(
      fc.property(fc.double({ min: -next(EDGE, -1), max: next(EDGE, -1), noNaN: true }), (x) => {
        const s = sin(x),
          c = cos(x);
        return Object.is(sin(-x), -s) && Object.is(cos(-x), c) && Math.abs(s * s + c * c - 1) <= 4.5e-16;
      }),
      { seed: 11, numRuns: 5000 },
    );
  });

  it('are monotone between the extrema', () => {
    expectMonotone(sin, [0, Math.PI / 4, -Math.PI / 4, 2 ** -27, 0.3], -Math.PI / 2, Math.PI / 2);
    expectMonotone(cos, [Math.PI / 4, Math.PI / 2, (3 * Math.PI) / 4, 0.3, 0.78125], 0, Math.PI, -1);
  });

  it('reproduce pinned bits, and a digest of 20 000 more over the domain', () => {
    expectPinned(sin, [
      [0.5, '0x3fdeaee8744b05f0'],
      [-0.5, '0xbfdeaee8744b05f0'],
      [1, '0x3feaed548f090cee'],
      [2, '0x3fed18f6ead1b446'],
      [3, '0x3fc210386db6d55b'],
      [Math.PI, '0x3ca1a62633145c07'],
      [Math.PI / 2, '0x3ff0000000000000'],
      [Math.PI / 6, '0x3fdfffffffffffff'],
      [4, '0xbfe837b9dddc1eae'],
      [5, '0xbfeeaf81f5e09933'],
      [6, '0xbfd1e1f18ab0a2c0'],
      [10, '0xbfe1689ef5f34f52'],
      [100, '0xbfe03425b78c4db8'],
      [1e-5, '0x3ee4f8b588e1e8a2'],
      [0.1, '0x3fb98eaecb8bcb2c'],
      [0.78, '0x3fe68143d72d4ce4'],
      [1e6, '0xbfd6664b2568d867'],
      [-7.5, '0xbfee041886fcae30'],
    ]);
    expectPinned(cos, [
      [0.5, '0x3fec1528065b7d50'],
      [-0.5, '0x3fec1528065b7d50'],
      [1, '0x3fe14a280fb5068c'],
      [2, '0xbfdaa22657537205'],
      [3, '0xbfefae04be85e5d2'],
      [Math.PI, '0xbff0000000000000'],
      [Math.PI / 2, '0x3c91a62633145c07'],
      [Math.PI / 3, '0x3fe0000000000001'],
      [4, '0xbfe4eaa606db24c1'],
      [5, '0x3fd22785706b4ad9'],
      [6, '0x3feeb9b7097822f6'],
      [10, '0xbfead9ac890c6b1f'],
      [100, '0x3feb981dbf665fdf'],
      [1e-5, '0x3feffffffff920c8'],
      [0.1, '0x3fefd712f9a817c0'],
      [0.78, '0x3fe6bfcdbf817bfa'],
      [1e6, '0x3fedf9df9906d32c'],
      [-7.5, '0x3fd62f45e66f5c2f'],
    ]);
    const trig = [
      uniform(-2 * Math.PI, 2 * Math.PI),
      uniform(-EDGE, EDGE),
      withExponent(0, 0x3fe),
      integer(-100_000, 100_000),
      (r: Random) => next((r.int(1_000_000) + 1) * (Math.PI / 2), r.int(5) - 2),
    ];
    // Re-pinned without the huge arguments (now NaN): these are the bits the exact reduction gave too.
    expect(digest(sin, 6, trig)).toBe('5b249957ef439254');
    expect(digest(cos, 7, trig)).toBe('7f4ad8f65af371b7');
  });
});

describe('branch thresholds', () => {
  const THRESHOLDS = both([
    2 ** -27,
    0.2999999523162842,
    0.7812504768371581,
    0.7853984832763672,
    2.3561935424804688,
    Math.PI / 2,
    EDGE,
  ]);
  // The 1000 doubles either side of each threshold inside the domain (the digests the exact reduction
  // gave too); those from the edge up are NaN.
  const points = around(THRESHOLDS, 1000);
  const inside = points.filter((x) => Math.abs(x) < EDGE);
  it('sin: the doubles around each threshold', () => expect(digestOf(sin, inside)).toBe('378ba93167ba3025'));
  it('cos: the doubles around each threshold', () => expect(digestOf(cos, inside)).toBe('cce5b7994573b716'));
  it('sin and cos: NaN from the edge of the domain up', () => {
    const outside = points.filter((x) => Math.abs(x) >= EDGE);
    expect(outside.length).toBe(2 * 1001);
    expect(outside.every((x) => Number.isNaN(sin(x)) && Number.isNaN(cos(x)))).toBe(true);
  });
});

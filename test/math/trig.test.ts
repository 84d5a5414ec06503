/**
 * bottomup's own `sin` and `cos` (src/math/trig.ts): within 1 ulp of Node's Math.* over large
 * seeded samples, special values exactly as Math, monotone, and exact bit patterns pinned for fixed
 * arguments (which every JavaScript engine must reproduce); huge arguments reduced exactly.
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
  draw,
  expectClose,
  expectMonotone,
  expectPinned,
  expectSpecial,
  integer,
  itPinsThresholds,
  MAX,
  MIN_SUBNORMAL,
  next,
  ulps,
  uniform,
  withExponent,
} from './helpers.js';

describe('sin and cos', () => {
  const multiplesOfHalfPi = (count: number, max: number) =>
    draw(count, (r) => next((r.int(max) + 1) * (Math.PI / 2), r.int(5) - 2));

  it('sin is within 1 ulp of Math.sin over 200 000+ seeded arguments', () => {
    const args = [
      ...draw(65_000, uniform(-2 * Math.PI, 2 * Math.PI)),
      ...draw(30_000, uniform(-1647100, 1647100)), // the three-part Cody–Waite range
      ...draw(30_000, withExponent(0, 0x3fe)), // |x| < 1, down to subnormals
      ...multiplesOfHalfPi(30_000, 1_000_000),
      ...draw(20_000, withExponent(0x413, 0x7fe)), // beyond 2^20·π/2: the exact BigInt reduction
      ...draw(10_000, integer(-100_000, 100_000)),
      ...draw(20_000, anyBits),
      ...around([Math.PI / 4, (3 * Math.PI) / 4, Math.PI / 2, Math.PI, 1647099.3, 1647100, 2 ** -27, 0.3, 0.78125], 50),
    ];
    expectClose(sin, Math.sin, args);
  });

  it('cos is within 1 ulp of Math.cos over 200 000+ seeded arguments', () => {
    const args = [
      ...draw(65_000, uniform(-2 * Math.PI, 2 * Math.PI)),
      ...draw(30_000, uniform(-1647100, 1647100)),
      ...draw(30_000, withExponent(0, 0x3fe)),
      ...multiplesOfHalfPi(30_000, 1_000_000),
      ...draw(20_000, withExponent(0x413, 0x7fe)),
      ...draw(10_000, integer(-100_000, 100_000)),
      ...draw(20_000, anyBits),
      ...around([Math.PI / 4, (3 * Math.PI) / 4, Math.PI / 2, Math.PI, 1647099.3, 1647100, 2 ** -27, 0.3, 0.78125], 50),
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

  it('huge arguments are reduced exactly (Payne–Hanek with BigInt), agreeing with Math to 1 ulp', () => {
    // 1e22 is the classic test (correctly rounded values, checked in 3000-bit arithmetic); the double
    // 6381956970095103·2^797 is the one closest to a multiple of π/2: its cosine is only ≈ −4.69e−19.
    expect(sin(1e22)).toBe(-0.8522008497671888);
    expect(cos(1e22)).toBe(0.523214785395139);
    const hardest = 6381956970095103 * 2 ** 797;
    expect(sin(hardest)).toBe(1);
    expect(cos(hardest)).toBe(-4.687165924254628e-19); // true value −4.68716592425462761…e−19
    expect(ulps(cos(MAX), Math.cos(MAX))).toBeLessThanOrEqual(1);
    expect(ulps(sin(-MAX), Math.sin(-MAX))).toBeLessThanOrEqual(1);
  });

  it('identities: sin odd, cos even, sin² + cos² = 1 to rounding', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
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

  it('reproduce pinned bits, and a digest of 20 000 more', () => {
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
      [1e10, '0xbfdf334c7896a4e3'],
      [1e22, '0xbfeb453ab76bf397'],
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
      [1e10, '0x3febf098901c931a'],
      [1e22, '0x3fe0be2cef01c8f4'],
      [-7.5, '0x3fd62f45e66f5c2f'],
    ]);
    const trig = [
      uniform(-2 * Math.PI, 2 * Math.PI),
      uniform(-1647100, 1647100),
      withExponent(0, 0x3fe),
      withExponent(0x413, 0x7fe),
      integer(-100_000, 100_000),
      (r: Random) => next((r.int(1_000_000) + 1) * (Math.PI / 2), r.int(5) - 2),
    ];
    expect(digest(sin, 6, trig)).toBe('9b5a30be928e1b9b');
    expect(digest(cos, 7, trig)).toBe('9be0e402abce63dd');
  });
});

describe('branch thresholds', () => {
  itPinsThresholds(
    'sin',
    sin,
    both([
      2 ** -27,
      0.2999999523162842,
      0.7812504768371581,
      0.7853984832763672,
      2.3561935424804688,
      Math.PI / 2,
      1647100,
    ]),
    '9d49572dc10c999c',
  );
  itPinsThresholds(
    'cos',
    cos,
    both([
      2 ** -27,
      0.2999999523162842,
      0.7812504768371581,
      0.7853984832763672,
      2.3561935424804688,
      Math.PI / 2,
      1647100,
    ]),
    'b085e1a17775fcc7',
  );
});

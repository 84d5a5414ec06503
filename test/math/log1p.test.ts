/**
 * bottomup's own `log1p` (src/math/log1p.ts): within 1 ulp of Node's Math.* over large seeded
 * samples, special values exactly as Math, monotone, and exact bit patterns pinned for fixed
 * arguments (which every JavaScript engine must reproduce).
 */
import { describe, expect, it } from 'vitest';
import { log1p, log1pInto } from '../../src/math/log1p.js';
import {
  anyBits,
  around,
  both,
  digest,
  draw,
  EDGES,
  expectClose,
  expectIntoMatches,
  expectMonotone,
  expectPinned,
  expectSpecial,
  type Gen,
  integer,
  itPinsThresholds,
  MAX,
  MIN_SUBNORMAL,
  next,
  uniform,
  withExponent,
} from './helpers.js';

describe('log1p', () => {
  it('is within 1 ulp of Math.log1p over 200 000+ seeded arguments', () => {
    const args = [
      ...draw(55_000, uniform(-0.3, 0.42)), // the direct-series range
      ...draw(30_000, uniform(-1, -0.29)),
      ...draw(40_000, withExponent(0, 0x3fe)), // |x| < 1, down to subnormals
      ...draw(30_000, withExponent(0x3ff, 0x7fe, 1)), // x ≥ 1, up to the largest double
      ...draw(20_000, (r) => -1 + 2 ** -(1 + r.int(52)) * (1 + r.next())), // near −1
      ...draw(10_000, integer(0, 1_000_000)),
      ...draw(20_000, (r) => {
        const x = anyBits(r);
        return x > -1 ? x : -1 / (x - 1);
      }),
      ...around(
        [
          0.41421356237309503,
          -0.2928932188134524,
          2 ** -29,
          -(2 ** -29),
          2 ** -54,
          2 ** 53,
          -1 + 2 ** -53,
          1,
          Math.SQRT2 - 1,
        ],
        50,
      ),
    ];
    expectClose(log1p, Math.log1p, args);
  });

  it('special values as Math.log1p: NaN, −1 → −∞, below −1 → NaN, ±0 (sign kept), +∞', () => {
    expectSpecial(log1p, [
      [NaN, NaN],
      [Infinity, Infinity],
      [-Infinity, NaN],
      [-1, -Infinity],
      [next(-1, -1), NaN],
      [-2, NaN],
      [0, 0],
      [-0, -0],
      [MIN_SUBNORMAL, MIN_SUBNORMAL],
      [-MIN_SUBNORMAL, -MIN_SUBNORMAL],
      [1e-300, 1e-300],
      [MAX, 709.782712893384],
      [1, Math.LN2],
    ]);
  });

  it('is monotone', () => {
    expectMonotone(
      log1p,
      [0, 2 ** -29, -(2 ** -29), 0.41421356237309503, -0.2928932188134524, 2 ** 53, -1 + 2 ** -20, 1],
      -1,
      MAX,
    );
  });

  it('reproduces pinned bits, and a digest of 20 000 more', () => {
    expectPinned(log1p, [
      [1e-10, '0x3ddb7cdfd9d1d693'],
      [-1e-10, '0xbddb7cdfd9dda4e3'],
      [1e-5, '0x3ee4f8aea9ae7317'],
      [0.1, '0x3fb8663f793c46c7'],
      [-0.1, '0xbfbaf8e8210a415e'],
      [0.3, '0x3fd0ca937be1b9dc'],
      [-0.3, '0xbfd6d3c324e13f4e'],
      [0.5, '0x3fd9f323ecbf984c'],
      [-0.5, '0xbfe62e42fefa39ef'],
      [-0.9, '0xc0026bb1bbb55516'],
      [-0.999999, '0xc02ba18a998fc064'],
      [1, '0x3fe62e42fefa39ef'],
      [2, '0x3ff193ea7aad030a'],
      [10, '0x40032ee3b77f374c'],
      [1e6, '0x402ba18abb1dedc8'],
      [1e20, '0x4047069e2aa2aa5b'],
      [1e300, '0x4085963447f87fb5'],
      [2 ** 60, '0x4044cb5ecf0a9650'],
      [0.41, '0x3fd5fd5fabe64085'],
      [-0.29, '0xbfd5eb5c7907e4c8'],
    ]);
    expect(
      digest(log1p, 4, [
        uniform(-0.3, 0.42),
        uniform(-1, -0.29),
        withExponent(0, 0x3fe),
        withExponent(0x3ff, 0x7fe, 1),
        (r) => -1 + 2 ** -(1 + r.int(52)) * (1 + r.next()),
      ]),
    ).toBe('deb313ba94a885dc');
  });
});

describe('log1pInto', () => {
  it(
    'gives exactly the bits of log1p, element by element and in place, over 100 000 seeded and special ' + 'arguments',
    () => {
      const gens: Gen[] = [
        uniform(-0.3, 0.42),
        uniform(-1, -0.29),
        withExponent(0, 0x3fe),
        withExponent(0x3ff, 0x7fe, 1),
        (r) => -1 + 2 ** -(1 + r.int(52)) * (1 + r.next()),
        anyBits,
      ];
      const args = [
        ...EDGES,
        ...around([0.4142136573791504, -0.292893648147583, 2 ** -29, 2 ** 53, -1], 2).flatMap((x) => [x, -x]),
        ...draw(100_000, (r) => gens[r.int(gens.length)](r)),
      ];
      expectIntoMatches(log1pInto, log1p, args);
    },
  );
});

describe('branch thresholds', () => {
  itPinsThresholds(
    'log1p',
    log1p,
    [0.4142136573791504, -0.292893648147583, ...both([2 ** -29, 2 ** -54]), 2 ** 53, Math.SQRT2 - 1],
    '5ceaef75db4aa7e0',
  );
});

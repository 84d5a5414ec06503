/**
 * bottomup's own `exp` (src/math/exp.ts): within 1 ulp of Node's Math.* over large seeded samples,
 * special values exactly as Math, monotone, and exact bit patterns pinned for fixed arguments
 * (which every JavaScript engine must reproduce).
 */
import { describe, expect, it } from 'vitest';
import { exp, expInto } from '../../src/math/exp.js';
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

describe('exp', () => {
  it('is within 1 ulp of Math.exp over 200 000+ seeded arguments', () => {
    const args = [
      ...draw(60_000, uniform(-745.2, 709.8)),
      ...draw(40_000, uniform(-2, 2)),
      ...draw(30_000, withExponent(0, 0x3fe)), // |x| < 1, down to subnormals
      ...draw(20_000, uniform(700, 709.79)), // near overflow
      ...draw(20_000, uniform(-745.14, -700)), // subnormal results
      ...draw(10_000, integer(-745, 709)),
      ...draw(20_000, anyBits),
      ...around(
        [
          709.782712893384,
          -745.1332191019411,
          -708.3964185322641,
          0.34657359027997264,
          -0.34657359027997264,
          1.0397207708399179,
          -1.0397207708399179,
          2 ** -28,
          -(2 ** -28),
          0,
        ],
        50,
      ),
    ];
    expectClose(exp, Math.exp, args);
  });

  it('special values as Math.exp: NaN, ±∞, ±0, overflow, underflow', () => {
    expectSpecial(exp, [
      [NaN, NaN],
      [Infinity, Infinity],
      [-Infinity, 0],
      [0, 1],
      [-0, 1],
      [MIN_SUBNORMAL, 1],
      [-MIN_SUBNORMAL, 1],
      [709.782712893384, 1.7976931348622732e308],
      [next(709.782712893384), Infinity],
      [710, Infinity],
      [MAX, Infinity],
      [-745.1332191019411, 5e-324],
      [next(-745.1332191019411, -1), 0],
      [-746, 0],
      [-MAX, 0],
    ]);
  });

  it('is monotone', () => {
    expectMonotone(
      exp,
      [
        0,
        0.34657359027997264,
        -0.34657359027997264,
        1.0397207708399179,
        -1.0397207708399179,
        2 ** -28,
        -708.3964185322641,
        709.78,
      ],
      -746,
      710,
    );
  });

  it('reproduces pinned bits, and a digest of 20 000 more', () => {
    expectPinned(exp, [
      [1, '0x4005bf0a8b14576a'],
      [-1, '0x3fd78b56362cef38'],
      [0.5, '0x3ffa61298e1e069c'],
      [2, '0x401d8e64b8d4ddae'],
      [-0.7, '0x3fdfc80db9dd5542'],
      [0.1, '0x3ff1aec7b35a00d4'],
      [1e-5, '0x3ff0000a7c5e340e'],
      [-1e-5, '0x3fefffeb07515653'],
      [10, '0x40d5829dcf950560'],
      [-10, '0x3f07cd79b5647c9a'],
      [20.5, '0x41c7d6c4f0bcdd5c'],
      [100, '0x48f3494a9b171bf5'],
      [-100, '0x36ea8c1f14e2af5d'],
      [0.34657359027997264, '0x3ff6a09e667f3bcc'],
      [1.0397207708399179, '0x4006a09e667f3bcc'],
      [3.14159, '0x4037240068789162'],
      [709.78, '0x7fefe9ce5c4c52b4'],
      [-709, '0x0008bfe55de02338'],
      [-740, '0x0000000000000055'],
      [-745.1, '0x0000000000000001'],
    ]);
    expect(
      digest(exp, 1, [
        uniform(-745.2, 709.8),
        uniform(-2, 2),
        withExponent(0, 0x3fe),
        uniform(700, 709.79),
        uniform(-745.14, -700),
        integer(-745, 709),
      ]),
    ).toBe('a37afbbefe7b0598');
  });
});

describe('expInto', () => {
  it(
    'gives exactly the bits of exp, element by element and in place, over 100 000 seeded and special ' + 'arguments',
    () => {
      const gens: Gen[] = [
        uniform(-745.2, 709.8),
        uniform(-2, 2),
        withExponent(0, 0x3fe),
        uniform(700, 709.79),
        uniform(-745.14, -700),
        anyBits,
      ];
      const args = [
        ...EDGES,
        ...around([709.782712893384, -745.1332191019411, 0.3465735912322998, 2 ** -28], 2).flatMap((x) => [x, -x]),
        ...draw(100_000, (r) => gens[r.int(gens.length)](r)),
      ];
      expectIntoMatches(expInto, exp, args);
    },
  );
});

describe('branch thresholds', () => {
  itPinsThresholds(
    'exp',
    exp,
    [
      ...both([0.3465735912322998, 1.0397205352783203, 2 ** -28, 709.7822265625]),
      709.782712893384,
      -745.1332191019411,
      -708.3964185322641,
    ],
    'db667965b788d97f',
  );
});

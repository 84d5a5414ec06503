/**
 * bottomup's own `expm1` (src/math/expm1.ts): within 1 ulp of Node's Math.* over large seeded
 * samples, special values exactly as Math, monotone, and exact bit patterns pinned for fixed
 * arguments (which every JavaScript engine must reproduce).
 */
import { describe, expect, it } from 'vitest';
import { expm1, expm1Into } from '../../src/math/expm1.js';
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

describe('expm1', () => {
  it('is within 1 ulp of Math.expm1 over 200 000+ seeded arguments', () => {
    const args = [
      ...draw(60_000, uniform(-40, 40)),
      ...draw(30_000, uniform(-1.5, 1.5)),
      ...draw(40_000, withExponent(0, 0x3fe)), // |x| < 1, down to subnormals
      ...draw(30_000, uniform(-745, 709.78)),
      ...draw(15_000, uniform(700, 709.79)),
      ...draw(10_000, integer(-60, 709)),
      ...draw(20_000, anyBits),
      ...around(
        [
          709.782712893384,
          38.81622314453125,
          -38.81622314453125,
          0.34657359027997264,
          -0.34657359027997264,
          1.0397207708399179,
          -1.0397207708399179,
          2 ** -54,
          -(2 ** -54),
          -0.25,
          13.862943611198906,
          39.50524267409,
        ],
        50,
      ),
    ];
    expectClose(expm1, Math.expm1, args);
  });

  it('special values as Math.expm1: NaN, ±∞, ±0 (sign kept), tiny, overflow, saturation at −1', () => {
    expectSpecial(expm1, [
      [NaN, NaN],
      [Infinity, Infinity],
      [-Infinity, -1],
      [0, 0],
      [-0, -0],
      [MIN_SUBNORMAL, MIN_SUBNORMAL],
      [-MIN_SUBNORMAL, -MIN_SUBNORMAL],
      [1e-300, 1e-300],
      [-1e-300, -1e-300],
      [709.782712893384, 1.7976931348622732e308],
      [next(709.782712893384), Infinity],
      [MAX, Infinity],
      [-40, -1],
      [-MAX, -1],
    ]);
  });

  it('is monotone', () => {
    expectMonotone(
      expm1,
      [
        0,
        2 ** -54,
        0.34657359027997264,
        -0.34657359027997264,
        1.0397207708399179,
        -1.0397207708399179,
        38.81622314453125,
        -38.81622314453125,
        13.862943611198906,
      ],
      -750,
      710,
    );
  });

  it('reproduces pinned bits, and a digest of 20 000 more', () => {
    expectPinned(expm1, [
      [1, '0x3ffb7e151628aed2'],
      [-1, '0xbfe43a54e4e98864'],
      [1e-10, '0x3ddb7cdfd9dda4e3'],
      [-1e-10, '0xbddb7cdfd9d1d693'],
      [0.3, '0x3fd6641632306a56'],
      [-0.3, '0xbfd0966f2c7907f6'],
      [0.5, '0x3fe4c2531c3c0d38'],
      [-0.5, '0xbfd92e9a0720d3ec'],
      [1.2, '0x40028f99761065a4'],
      [-1.2, '0xbfe65c9df4c2f691'],
      [3, '0x403315e5bf6fb106'],
      [-3, '0xbfee6824f33314f5'],
      [10, '0x40d5825dcf950560'],
      [-10, '0xbfefffa0ca192a6e'],
      [30, '0x42a370470aec26ed'],
      [-30, '0xbfeffffffffffcb5'],
      [50, '0x44719103e4080b45'],
      [700, '0x7f0d945df4f8ec8e'],
      [709.7, '0x7fed75ae7a50ee14'],
      [-0.25, '0xbfcc5041854df7d4'],
    ]);
    expect(
      digest(expm1, 2, [
        uniform(-40, 40),
        uniform(-1.5, 1.5),
        withExponent(0, 0x3fe),
        uniform(0.3466, 0.443),
        uniform(-745, 709.78),
        integer(-60, 709),
      ]),
    ).toBe('f4b17b836de3dcf7');
  });
});

describe('expm1Into', () => {
  it(
    'gives exactly the bits of expm1, element by element and in place, over 100 000 seeded and special ' + 'arguments',
    () => {
      const gens: Gen[] = [
        uniform(-40, 40),
        uniform(-1.5, 1.5),
        withExponent(0, 0x3fe),
        uniform(-745, 709.78),
        anyBits,
      ];
      const args = [
        ...EDGES,
        ...around(
          [709.782712893384, 38.81622314453125, -38.81622314453125, 0.3465735912322998, 2 ** -54, -0.25],
          2,
        ).flatMap((x) => [x, -x]),
        ...draw(100_000, (r) => gens[r.int(gens.length)](r)),
      ];
      expectIntoMatches(expm1Into, expm1, args);
    },
  );
});

describe('branch thresholds', () => {
  itPinsThresholds(
    'expm1',
    expm1,
    [
      ...both([0.3465735912322998, 1.0397205352783203, 2 ** -54, 38.81622314453125, 13.862943611198906]),
      709.782712893384,
      -0.25,
    ],
    'e7bc59b18aea1d35',
  );
});

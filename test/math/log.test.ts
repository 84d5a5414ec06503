/**
 * bottomup's own `log` (src/math/log.ts): within 1 ulp of Node's Math.* over large seeded samples,
 * special values exactly as Math, monotone, and exact bit patterns pinned for fixed arguments
 * (which every JavaScript engine must reproduce).
 */
import { describe, expect, it } from 'vitest';
import { log, logInto } from '../../src/math/log.js';
import {
  anyBits,
  around,
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
  MIN_NORMAL,
  MIN_SUBNORMAL,
  uniform,
  withExponent,
} from './helpers.js';

describe('log', () => {
  it('is within 1 ulp of Math.log over 200 000+ seeded arguments', () => {
    const args = [
      ...draw(60_000, withExponent(0, 0x7fe, 1)), // every positive finite exponent, subnormals included
      ...draw(40_000, uniform(0.5, 2)),
      ...draw(30_000, (r) => 1 + (r.next() - 0.5) * 2 ** -18), // |f| around 2^−20
      ...draw(20_000, withExponent(0, 0, 1)), // subnormals
      ...draw(20_000, integer(1, 1_000_000)),
      ...draw(20_000, (r) => Math.abs(anyBits(r))),
      ...draw(10_000, uniform(1.3, 1.6)), // the f²/2 branch of the series
      ...around([1, 2, 0.5, Math.SQRT2, Math.SQRT1_2, MIN_NORMAL, MIN_SUBNORMAL * 2 ** 20, MAX, 1.38, 1.58], 50).filter(
        (x) => x > 0,
      ),
    ];
    expectClose(log, Math.log, args);
  });

  it('special values as Math.log: NaN, ±0 → −∞, negatives → NaN, +∞, 1 → +0', () => {
    expectSpecial(log, [
      [NaN, NaN],
      [Infinity, Infinity],
      [-Infinity, NaN],
      [0, -Infinity],
      [-0, -Infinity],
      [-1, NaN],
      [-MIN_SUBNORMAL, NaN],
      [1, 0],
      [MIN_SUBNORMAL, -744.4400719213812],
      [MIN_NORMAL, -708.3964185322641],
      [MAX, 709.782712893384],
      [2, Math.LN2],
      [Math.E, 1],
      [10, Math.LN10],
    ]);
  });

  it('is monotone', () => {
    expectMonotone(
      log,
      [1, 2, 0.5, Math.SQRT2, Math.SQRT1_2, 1 + 2 ** -20, 1 - 2 ** -20, 1.38, 1.58, MIN_NORMAL],
      MIN_SUBNORMAL,
      MAX,
    );
  });

  it('reproduces pinned bits, and a digest of 20 000 more', () => {
    expectPinned(log, [
      [2, '0x3fe62e42fefa39ef'],
      [3, '0x3ff193ea7aad030a'],
      [0.5, '0xbfe62e42fefa39ef'],
      [0.1, '0xc0026bb1bbb55515'],
      [10, '0x40026bb1bbb55516'],
      [1.5, '0x3fd9f323ecbf984c'],
      [0.75, '0xbfd269621134db92'],
      [1 + 1e-7, '0x3e7ad7f2847b6492'],
      [1 - 1e-7, '0xbe7ad7f2b1049b9f'],
      [1.4, '0x3fd588c2d913348e'],
      [7, '0x3fff2272ae325a57'],
      [1000, '0x401ba18a998fffa0'],
      [123456.789, '0x40277281cad8a844'],
      [1e-300, '0xc085963447f87fb5'],
      [1e300, '0x4085963447f87fb5'],
      [MIN_SUBNORMAL, '0xc0874385446d71c3'],
      [1e-310, '0xc0864e69394d9508'],
      [MAX, '0x40862e42fefa39ef'],
      [Math.PI, '0x3ff250d048e7a1bd'],
      [0.999, '0xbf5064670d979b73'],
    ]);
    expect(
      digest(log, 3, [
        withExponent(0, 0x7fe, 1),
        uniform(0.5, 2),
        (r) => 1 + (r.next() - 0.5) * 2 ** -18,
        uniform(1.3, 1.6),
        integer(1, 1_000_000),
      ]),
    ).toBe('b096c7a3e9b97e13');
  });
});

describe('logInto', () => {
  it(
    'gives exactly the bits of log, element by element and in place, over 100 000 seeded and special ' + 'arguments',
    () => {
      const gens: Gen[] = [
        withExponent(0, 0x7fe, 1),
        uniform(0.5, 2),
        (r) => 1 + (r.next() - 0.5) * 2 ** -18,
        withExponent(0, 0, 1),
        anyBits,
      ];
      const args = [
        ...EDGES,
        ...around([1, 2, 0.5, Math.SQRT2, Math.SQRT1_2, MIN_NORMAL, 1 + 2 ** -20], 2).flatMap((x) => [x, -x]),
        ...draw(100_000, (r) => gens[r.int(gens.length)](r)),
      ];
      expectIntoMatches(logInto, log, args);
    },
  );
});

describe('branch thresholds', () => {
  itPinsThresholds(
    'log',
    log,
    [
      1.3799991607666016,
      0.7100000381469727,
      1 + 2 ** -20,
      1 - 2 ** -20,
      Math.SQRT2,
      Math.SQRT1_2,
      MIN_NORMAL,
      2.7599983215332031,
    ],
    '60273b568b977052',
  );
});

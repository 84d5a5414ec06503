/**
 * bottomup's own `powInt` (src/math/pow.ts): within 1 ulp of Math.pow (correctly rounded where V8's
 * is not), special bases as Math.pow, exact messages for a bad exponent, and pinned bits.
 */
import { describe, expect, it } from 'vitest';
import { powInt } from '../../src/math/pow.js';
import { digest, hex, MIN_SUBNORMAL, random, ulps, uniform } from './helpers.js';

describe('powInt', () => {
  it('is within 1 ulp of Math.pow (and correctly rounded where they differ) over 200 000 seeded pairs', () => {
    let worst = 0;
    for (let i = 0; i < 200_000; i++) {
      const kind = i % 4;
      const base =
        kind === 0
          ? 1 - random.next() * 0.2
          : kind === 1
            ? (random.next() - 0.5) * 8
            : kind === 2
              ? 1 + random.next() * 1e-3
              : 0.999;
      const n = i % 2 ? random.int(1000) : random.int(1_000_000);
      const expected = Math.pow(base, n);
      if (!(Math.abs(expected) > 2 ** -960 && Math.abs(expected) < 2 ** 960)) continue;
      worst = Math.max(worst, ulps(powInt(base, n), expected));
    }
    expect(worst).toBeLessThanOrEqual(1);
  });

  it('is exact where the true power is a double, and handles special bases as Math.pow', () => {
    expect(powInt(2, 1023)).toBe(2 ** 1023);
    expect(powInt(0.5, 1074)).toBe(MIN_SUBNORMAL);
    expect(powInt(3, 33)).toBe(5559060566555523);
    expect(powInt(-3, 3)).toBe(-27);
    expect(powInt(1.5, 20)).toBe(3325.256730079651);
    const cases: [number, number][] = [
      [0, 0],
      [NaN, 0],
      [Infinity, 0],
      [0, 3],
      [-0, 3],
      [-0, 2],
      [Infinity, 2],
      [-Infinity, 3],
      [-Infinity, 2],
      [NaN, 5],
      [2, 1024],
      [-2, 1025],
      [0.5, 1075],
      [-0.5, 1075],
      [10, 400],
      [1e-200, 2],
    ];
    for (const [b, n] of cases) expect(Object.is(powInt(b, n), Math.pow(b, n)), `powInt(${b}, ${n})`).toBe(true);
  });

  it('rejects a negative or fractional exponent', () => {
    expect(() => powInt(2, -1)).toThrow(new RangeError('powInt: expected a non-negative integer n, got -1'));
    expect(() => powInt(2, 1.5)).toThrow(new RangeError('powInt: expected a non-negative integer n, got 1.5'));
  });

  it("reproduces pinned bits (Adam's bias corrections among them), and a digest of 20 000 more", () => {
    const pins: [number, number, string][] = [
      [0.9, 1, '0x3feccccccccccccd'],
      [0.9, 2, '0x3fe9eb851eb851ec'],
      [0.9, 10, '0x3fd650bf60432fd9'],
      [0.9, 100, '0x3efbda056ed49410'],
      [0.9, 1000, '0x366fee7413dac341'],
      [0.999, 1, '0x3feff7ced916872b'],
      [0.999, 10, '0x3fefae7299c256e3'],
      [0.999, 1000, '0x3fd788526411ed72'],
      [0.999, 10000, '0x3f07af105956a80f'],
      [0.999, 123456, '0x34cbe31a294758a6'],
      [1.0001, 1_000_000, '0x48f330ab10a37aa5'],
      [-1.1, 77, '0xc0980bf93db06df6'],
      [Math.PI, 10, '0x40f6dd00c27647fc'],
    ];
    expect(pins.map(([b, n]) => [b, n, hex(powInt(b, n))])).toEqual(pins);
    expect(digest((x) => powInt(1 - x, Math.floor(x * 1e6)), 8, [uniform(0, 0.001), uniform(0, 0.2)])).toBe(
      '0b6c8bdb926d9086',
    );
  });
});

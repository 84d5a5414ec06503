/**
 * bottomup's own `tanh` and its inline array form `tanhInto` (src/math/tanh.ts): within 1 ulp of
 * Node's Math.* over large seeded samples, special values exactly as Math, monotone, and exact bit
 * patterns pinned for fixed arguments (which every JavaScript engine must reproduce); `tanhInto`
 * bit-identical to `tanh`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tanh, tanhInto, tanhSlotInto } from '../../src/math/tanh.js';
import { Random } from '../../src/random.js';
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
  uniform,
  withExponent,
} from './helpers.js';

describe('tanh', () => {
  it('is within 1 ulp of Math.tanh over 200 000+ seeded arguments', () => {
    const args = [
      ...draw(75_000, uniform(-22, 22)),
      ...draw(40_000, uniform(-3, 3)),
      ...draw(40_000, withExponent(0, 0x3fe)), // |x| < 1, down to subnormals
      ...draw(20_000, uniform(18, 23)),
      ...draw(10_000, integer(-30, 30)),
      ...draw(20_000, anyBits),
      ...around([22, -22, 1, -1, 2 ** -28, -(2 ** -28), 0.5, 0.17328679513998632, 0.5198603854199589], 50),
    ];
    expectClose(tanh, Math.tanh, args);
  });

  it('special values as Math.tanh: NaN, ±∞ → ±1, ±0 (sign kept), tiny, saturation', () => {
    expectSpecial(tanh, [
      [NaN, NaN],
      [Infinity, 1],
      [-Infinity, -1],
      [0, 0],
      [-0, -0],
      [MIN_SUBNORMAL, MIN_SUBNORMAL],
      [-MIN_SUBNORMAL, -MIN_SUBNORMAL],
      [1e-300, 1e-300],
      [22, 1],
      [-22, -1],
      [1000, 1],
      [-MAX, -1],
      [MAX, 1],
    ]);
  });

  it('is monotone and odd', () => {
    expectMonotone(tanh, [0, 2 ** -28, -(2 ** -28), 1, -1, 22, -22, 19.06154746539849], -30, 30);
    fc.assert(
      fc.property(fc.double({ noNaN: true }), (x) => Object.is(tanh(-x), -tanh(x))),
      { seed: 3, numRuns: 5000 },
    );
  });

  it('reproduces pinned bits, and a digest of 20 000 more', () => {
    expectPinned(tanh, [
      [0.5, '0x3fdd9353d7568af3'],
      [-0.5, '0xbfdd9353d7568af3'],
      [1, '0x3fe85efab514f394'],
      [-1, '0xbfe85efab514f394'],
      [0.1, '0x3fb983d7795f413a'],
      [1e-5, '0x3ee4f8b588e06854'],
      [1e-9, '0x3e112e0be826d695'],
      [0.9, '0x3fe6ebe982d6605d'],
      [1.1, '0x3fe99db01fde2405'],
      [2, '0x3feed9505e1bc3d4'],
      [3, '0x3fefd77d111a0b00'],
      [-3, '0xbfefd77d111a0b00'],
      [5, '0x3fefff419668df11'],
      [10, '0x3feffffffdc96f35'],
      [18, '0x3feffffffffffffc'],
      [19.5, '0x3ff0000000000000'],
      [21.9, '0x3ff0000000000000'],
      [0.25, '0x3fcf597ea69a1c86'],
      [-0.75, '0xbfe45323e552f228'],
      [1.5, '0x3fecf6f9786df577'],
    ]);
    expect(
      digest(tanh, 5, [uniform(-22, 22), uniform(-3, 3), withExponent(0, 0x3fe), uniform(18, 23), integer(-30, 30)]),
    ).toBe('b3c33aab6d068c52');
  });
});

describe("tanhInto (the Tanh activation's fused loop)", () => {
  it('gives exactly the bits of tanh, element by element, over 300 000 seeded and special arguments', () => {
    const r = new Random(2026);
    const n = 300_000;
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const kind = i % 5;
      x[i] =
        kind === 0
          ? r.normal() * 3
          : kind === 1
            ? (r.next() - 0.5) * 50
            : kind === 2
              ? (r.next() - 0.5) * 1e-6
              : kind === 3
                ? r.normal() * 0.5
                : (r.next() - 0.5) * 4;
    }
    // Branch edges: 0, ±0, NaN, ±Infinity, the saturation at 22, |x| = 1, 2^−28, the reduction edge ln2/4.
    x.set([
      0,
      -0,
      NaN,
      Infinity,
      -Infinity,
      22,
      -22,
      21.999999999999996,
      1,
      -1,
      0.9999999999999999,
      3.725290298461914e-9,
      -3.725290298461914e-9,
      3.7252902984619136e-9,
      0.17328679513998632,
      0.1732867951399863,
      5e-324,
      1e-300,
    ]);
    const out = new Float64Array(n);
    tanhInto(out, x);
    let mismatches = 0;
    for (let i = 0; i < n; i++) if (!Object.is(out[i], tanh(x[i]))) mismatches++;
    expect(mismatches).toBe(0);
  });

  it('passes the array-form checks: EDGES, in place, a shorter out, x unchanged', () => {
    const gens: Gen[] = [uniform(-22, 22), uniform(-3, 3), withExponent(0, 0x3fe), uniform(18, 23), anyBits];
    const args = [
      ...EDGES,
      ...around([22, 1, 2 ** -28, 0.17328679513998632], 2).flatMap((x) => [x, -x]),
      ...draw(100_000, (r) => gens[r.int(gens.length)](r)),
    ];
    expectIntoMatches(tanhInto, tanh, args);
  });

  it('works in place', () => {
    const x = Float64Array.of(-3, -0.5, 0, 0.25, 2, 30);
    const expected = Array.from(x, (v) => tanh(v));
    tanhInto(x, x);
    expect(Array.from(x)).toEqual(expected);
  });
});

describe("tanhSlotInto (bottomup/predict's compact form)", () => {
  it('gives exactly the bits of tanhInto: EDGES, the branch edges, 100 000 seeded arguments, in place', () => {
    const gens: Gen[] = [uniform(-22, 22), uniform(-3, 3), withExponent(0, 0x3fe), uniform(18, 23), anyBits];
    const x = Float64Array.from([
      ...EDGES,
      ...around([22, 1, 2 ** -28, 0.17328679513998632], 2).flatMap((v) => [v, -v]),
      ...draw(100_000, (r) => gens[r.int(gens.length)](r)),
    ]);
    const fused = new Float64Array(x.length);
    tanhInto(fused, x);
    expectIntoMatches(tanhSlotInto, tanh, Array.from(x));
    tanhSlotInto(x, x);
    let mismatches = 0;
    for (let i = 0; i < x.length; i++) if (!Object.is(x[i], fused[i])) mismatches++;
    expect(mismatches).toBe(0);
  });
});

describe('branch thresholds', () => {
  itPinsThresholds('tanh', tanh, both([22, 1, 2 ** -28]), '9ad735090ace6d15');
});

/**
 * bottomup's own transcendental functions (src/math.ts): within 1 ulp of Node's Math.* over large
 * seeded samples of every range that matters, special values exactly as Math, monotone where the
 * function is, and — what makes cross-engine determinism testable — exact bit patterns pinned for
 * fixed arguments, which every JavaScript engine must reproduce.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cos, exp, expm1, log, log1p, powInt, sin, tanh, tanhInto } from '../src/math.js';
import { Random } from '../src/random.js';

type Fn = (x: number) => number;

const VIEW = new DataView(new ArrayBuffer(8));

/** The double's bits as an integer that orders doubles like the reals (−0 and +0 both 0). */
function ordinal(x: number): bigint {
  VIEW.setFloat64(0, x);
  const bits = VIEW.getBigInt64(0);
  return bits < 0n ? -(bits & 0x7fffffffffffffffn) : bits;
}

/** The double at an ordinal (inverse of {@link ordinal}; 0 gives +0). */
function fromOrdinal(n: bigint): number {
  VIEW.setBigInt64(0, n < 0n ? -n | -0x8000000000000000n : n);
  return VIEW.getFloat64(0);
}

/** Distance in ulps: how many doubles apart (0 for two NaNs, Infinity for NaN against a number). */
function ulps(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b) ? 0 : Infinity;
  const d = ordinal(a) - ordinal(b);
  return Number(d < 0n ? -d : d);
}

/** The 64 bits of `x` in hex, e.g. `0x3ff0000000000000` for 1. */
function hex(x: number): string {
  VIEW.setFloat64(0, x);
  return '0x' + VIEW.getBigUint64(0).toString(16).padStart(16, '0');
}

const next = (x: number, steps = 1): number => fromOrdinal(ordinal(x) + BigInt(steps));

// ---------------------------------------------------------------------------------------------
// Seeded samples

const random = new Random(20240607);

/** A generator of arguments, drawing from the given seeded generator. */
type Gen = (r: Random) => number;

/** A double with a uniformly random mantissa and an exponent field drawn from [e0, e1] (0 = subnormal). */
const withExponent = (e0: number, e1: number, sign: 1 | -1 | 0 = 0): Gen => (r) => {
  const e = e0 + r.int(e1 - e0 + 1);
  const s = sign === 0 ? (r.next() < 0.5 ? 1 : -1) : sign;
  VIEW.setUint32(0, ((s < 0 ? 0x80000000 : 0) | (e << 20) | r.int(1 << 20)) >>> 0);
  VIEW.setUint32(4, r.nextUint32());
  return VIEW.getFloat64(0);
};

/** Any double at all (NaNs included), from 64 random bits. */
const anyBits: Gen = (r) => {
  VIEW.setUint32(0, r.nextUint32());
  VIEW.setUint32(4, r.nextUint32());
  return VIEW.getFloat64(0);
};

const uniform = (lo: number, hi: number): Gen => (r) => lo + (hi - lo) * r.next();
const integer = (lo: number, hi: number): Gen => (r) => lo + r.int(hi - lo + 1);

/** `count` arguments from `gen`. */
function draw(count: number, gen: Gen): number[] {
  return Array.from({ length: count }, () => gen(random));
}

/** Up to `k` doubles on either side of each point. */
function around(points: readonly number[], k: number): number[] {
  const out: number[] = [];
  for (const p of points) for (let d = -k; d <= k; d++) out.push(next(p, d));
  return out;
}

/**
 * A 64-bit digest (two FNV-style 32-bit hashes) of the bits of `f` at `count` arguments drawn in
 * turn from `gens` with a generator seeded `seed`: pinned, it pins every one of those results.
 */
function digest(f: Fn, seed: number, gens: readonly Gen[], count = 20_000): string {
  const r = new Random(seed);
  return digestOf(f, Array.from({ length: count }, (_, i) => gens[i % gens.length](r)));
}

/** The 64-bit digest of the bits of `f` at each of `args`, in order. */
function digestOf(f: Fn, args: readonly number[]): string {
  let a = 0x811c9dc5, b = 0x9747b28c;
  for (const x of args) {
    VIEW.setFloat64(0, f(x));
    const hi = VIEW.getUint32(0), lo = VIEW.getUint32(4);
    a = Math.imul(Math.imul(a ^ hi, 0x01000193) ^ lo, 0x01000193);
    b = Math.imul(Math.imul(b ^ lo, 0x5bd1e995) ^ hi, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/** Checks `f` against `ref` on every argument: max ulp distance ≤ `maxUlps`, mean tiny. */
function expectClose(f: Fn, ref: Fn, args: readonly number[], maxUlps = 1): void {
  let worst = 0, worstX = NaN, sum = 0;
  for (const x of args) {
    const u = ulps(f(x), ref(x));
    sum += u;
    if (u > worst) {
      worst = u;
      worstX = x;
    }
  }
  expect(args.length).toBeGreaterThanOrEqual(200_000);
  expect(worst, `worst at x = ${worstX} (${hex(worstX)}): ${f(worstX)} vs ${ref(worstX)}`).toBeLessThanOrEqual(maxUlps);
  expect(sum / args.length).toBeLessThan(0.01);
}

/** Special values, exactly (Object.is: −0 and +0 differ, NaN equals NaN). */
function expectSpecial(f: Fn, cases: readonly (readonly [number, number])[]): void {
  for (const [x, y] of cases) expect(Object.is(f(x), y), `f(${Object.is(x, -0) ? '-0' : x}) = ${f(x)}, expected ${y}`).toBe(true);
}

/** Pinned bit patterns: `[argument, hex of the result]`. */
function expectPinned(f: Fn, pins: readonly (readonly [number, string])[]): void {
  expect(pins.map(([x]) => [x, hex(f(x))])).toEqual(pins);
}

/** f(a) ≤ f(b) for a ≤ b (or ≥ for decreasing), checked on consecutive doubles and random pairs. */
function expectMonotone(f: Fn, points: readonly number[], lo: number, hi: number, direction: 1 | -1 = 1): void {
  const ordered = (x: number, y: number): boolean => (direction === 1 ? f(x) <= f(y) : f(x) >= f(y));
  for (const x of around(points, 40)) {
    const y = next(x);
    if (x >= lo && y <= hi) expect(ordered(x, y), `at ${x}: ${f(x)}, ${f(y)}`).toBe(true);
  }
  fc.assert(
    fc.property(fc.double({ min: lo, max: hi, noNaN: true }), fc.double({ min: lo, max: hi, noNaN: true }), (a, b) =>
      a <= b ? ordered(a, b) : ordered(b, a),
    ),
    { seed: 17, numRuns: 2000 },
  );
}

const MIN_SUBNORMAL = 5e-324;
const MIN_NORMAL = 2.2250738585072014e-308;
const MAX = Number.MAX_VALUE;

// ---------------------------------------------------------------------------------------------

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
      ...around([709.782712893384, -745.1332191019411, -708.3964185322641, 0.34657359027997264, -0.34657359027997264,
        1.0397207708399179, -1.0397207708399179, 2 ** -28, -(2 ** -28), 0], 50),
    ];
    expectClose(exp, Math.exp, args);
  });

  it('special values as Math.exp: NaN, ±∞, ±0, overflow, underflow', () => {
    expectSpecial(exp, [
      [NaN, NaN], [Infinity, Infinity], [-Infinity, 0], [0, 1], [-0, 1], [MIN_SUBNORMAL, 1], [-MIN_SUBNORMAL, 1],
      [709.782712893384, 1.7976931348622732e308], [next(709.782712893384), Infinity], [710, Infinity], [MAX, Infinity],
      [-745.1332191019411, 5e-324], [next(-745.1332191019411, -1), 0], [-746, 0], [-MAX, 0],
    ]);
  });

  it('is monotone', () => {
    expectMonotone(exp, [0, 0.34657359027997264, -0.34657359027997264, 1.0397207708399179, -1.0397207708399179, 2 ** -28, -708.3964185322641, 709.78], -746, 710);
  });

  it('reproduces pinned bits, and a digest of 20 000 more', () => {
    expectPinned(exp, [
      [1, '0x4005bf0a8b14576a'], [-1, '0x3fd78b56362cef38'], [0.5, '0x3ffa61298e1e069c'], [2, '0x401d8e64b8d4ddae'],
      [-0.7, '0x3fdfc80db9dd5542'], [0.1, '0x3ff1aec7b35a00d4'], [1e-5, '0x3ff0000a7c5e340e'], [-1e-5, '0x3fefffeb07515653'],
      [10, '0x40d5829dcf950560'], [-10, '0x3f07cd79b5647c9a'], [20.5, '0x41c7d6c4f0bcdd5c'], [100, '0x48f3494a9b171bf5'],
      [-100, '0x36ea8c1f14e2af5d'], [0.34657359027997264, '0x3ff6a09e667f3bcc'], [1.0397207708399179, '0x4006a09e667f3bcc'],
      [3.14159, '0x4037240068789162'], [709.78, '0x7fefe9ce5c4c52b4'], [-709, '0x0008bfe55de02338'],
      [-740, '0x0000000000000055'], [-745.1, '0x0000000000000001'],
    ]);
    expect(digest(exp, 1, [uniform(-745.2, 709.8), uniform(-2, 2), withExponent(0, 0x3fe), uniform(700, 709.79), uniform(-745.14, -700), integer(-745, 709)])).toBe('a37afbbefe7b0598');
  });
});

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
      ...around([709.782712893384, 38.81622314453125, -38.81622314453125, 0.34657359027997264, -0.34657359027997264,
        1.0397207708399179, -1.0397207708399179, 2 ** -54, -(2 ** -54), -0.25, 13.862943611198906, 39.50524267409], 50),
    ];
    expectClose(expm1, Math.expm1, args);
  });

  it('special values as Math.expm1: NaN, ±∞, ±0 (sign kept), tiny, overflow, saturation at −1', () => {
    expectSpecial(expm1, [
      [NaN, NaN], [Infinity, Infinity], [-Infinity, -1], [0, 0], [-0, -0], [MIN_SUBNORMAL, MIN_SUBNORMAL],
      [-MIN_SUBNORMAL, -MIN_SUBNORMAL], [1e-300, 1e-300], [-1e-300, -1e-300], [709.782712893384, 1.7976931348622732e308],
      [next(709.782712893384), Infinity], [MAX, Infinity], [-40, -1], [-MAX, -1],
    ]);
  });

  it('is monotone', () => {
    expectMonotone(expm1, [0, 2 ** -54, 0.34657359027997264, -0.34657359027997264, 1.0397207708399179, -1.0397207708399179, 38.81622314453125, -38.81622314453125, 13.862943611198906], -750, 710);
  });

  it('reproduces pinned bits, and a digest of 20 000 more', () => {
    expectPinned(expm1, [
      [1, '0x3ffb7e151628aed2'], [-1, '0xbfe43a54e4e98864'], [1e-10, '0x3ddb7cdfd9dda4e3'], [-1e-10, '0xbddb7cdfd9d1d693'],
      [0.3, '0x3fd6641632306a56'], [-0.3, '0xbfd0966f2c7907f6'], [0.5, '0x3fe4c2531c3c0d38'], [-0.5, '0xbfd92e9a0720d3ec'],
      [1.2, '0x40028f99761065a4'], [-1.2, '0xbfe65c9df4c2f691'], [3, '0x403315e5bf6fb106'], [-3, '0xbfee6824f33314f5'],
      [10, '0x40d5825dcf950560'], [-10, '0xbfefffa0ca192a6e'], [30, '0x42a370470aec26ed'], [-30, '0xbfeffffffffffcb5'],
      [50, '0x44719103e4080b45'], [700, '0x7f0d945df4f8ec8e'], [709.7, '0x7fed75ae7a50ee14'], [-0.25, '0xbfcc5041854df7d4'],
    ]);
    expect(digest(expm1, 2, [uniform(-40, 40), uniform(-1.5, 1.5), withExponent(0, 0x3fe), uniform(0.3466, 0.443), uniform(-745, 709.78), integer(-60, 709)])).toBe('f4b17b836de3dcf7');
  });
});

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
      ...around([1, 2, 0.5, Math.SQRT2, Math.SQRT1_2, MIN_NORMAL, MIN_SUBNORMAL * 2 ** 20, MAX, 1.38, 1.58], 50).filter((x) => x > 0),
    ];
    expectClose(log, Math.log, args);
  });

  it('special values as Math.log: NaN, ±0 → −∞, negatives → NaN, +∞, 1 → +0', () => {
    expectSpecial(log, [
      [NaN, NaN], [Infinity, Infinity], [-Infinity, NaN], [0, -Infinity], [-0, -Infinity], [-1, NaN], [-MIN_SUBNORMAL, NaN],
      [1, 0], [MIN_SUBNORMAL, -744.4400719213812], [MIN_NORMAL, -708.3964185322641], [MAX, 709.782712893384], [2, Math.LN2],
      [Math.E, 1], [10, Math.LN10],
    ]);
  });

  it('is monotone', () => {
    expectMonotone(log, [1, 2, 0.5, Math.SQRT2, Math.SQRT1_2, 1 + 2 ** -20, 1 - 2 ** -20, 1.38, 1.58, MIN_NORMAL], MIN_SUBNORMAL, MAX);
  });

  it('reproduces pinned bits, and a digest of 20 000 more', () => {
    expectPinned(log, [
      [2, '0x3fe62e42fefa39ef'], [3, '0x3ff193ea7aad030a'], [0.5, '0xbfe62e42fefa39ef'], [0.1, '0xc0026bb1bbb55515'],
      [10, '0x40026bb1bbb55516'], [1.5, '0x3fd9f323ecbf984c'], [0.75, '0xbfd269621134db92'], [1 + 1e-7, '0x3e7ad7f2847b6492'],
      [1 - 1e-7, '0xbe7ad7f2b1049b9f'], [1.4, '0x3fd588c2d913348e'], [7, '0x3fff2272ae325a57'], [1000, '0x401ba18a998fffa0'],
      [123456.789, '0x40277281cad8a844'], [1e-300, '0xc085963447f87fb5'], [1e300, '0x4085963447f87fb5'],
      [MIN_SUBNORMAL, '0xc0874385446d71c3'], [1e-310, '0xc0864e69394d9508'], [MAX, '0x40862e42fefa39ef'],
      [Math.PI, '0x3ff250d048e7a1bd'], [0.999, '0xbf5064670d979b73'],
    ]);
    expect(digest(log, 3, [withExponent(0, 0x7fe, 1), uniform(0.5, 2), (r) => 1 + (r.next() - 0.5) * 2 ** -18, uniform(1.3, 1.6), integer(1, 1_000_000)])).toBe('b096c7a3e9b97e13');
  });
});

describe('log1p', () => {
  it('is within 1 ulp of Math.log1p over 200 000+ seeded arguments', () => {
    const args = [
      ...draw(55_000, uniform(-0.3, 0.42)), // the direct-series range
      ...draw(30_000, uniform(-1, -0.29)),
      ...draw(40_000, withExponent(0, 0x3fe)), // |x| < 1, down to subnormals
      ...draw(30_000, withExponent(0x3ff, 0x7fe, 1)), // x ≥ 1, up to the largest double
      ...draw(20_000, (r) => -1 + 2 ** -(1 + r.int(52)) * (1 + r.next())), // near −1
      ...draw(10_000, integer(0, 1_000_000)),
      ...draw(20_000, (r) => { const x = anyBits(r); return x > -1 ? x : -1 / (x - 1); }),
      ...around([0.41421356237309503, -0.2928932188134524, 2 ** -29, -(2 ** -29), 2 ** -54, 2 ** 53, -1 + 2 ** -53, 1, Math.SQRT2 - 1], 50),
    ];
    expectClose(log1p, Math.log1p, args);
  });

  it('special values as Math.log1p: NaN, −1 → −∞, below −1 → NaN, ±0 (sign kept), +∞', () => {
    expectSpecial(log1p, [
      [NaN, NaN], [Infinity, Infinity], [-Infinity, NaN], [-1, -Infinity], [next(-1, -1), NaN], [-2, NaN], [0, 0], [-0, -0],
      [MIN_SUBNORMAL, MIN_SUBNORMAL], [-MIN_SUBNORMAL, -MIN_SUBNORMAL], [1e-300, 1e-300], [MAX, 709.782712893384], [1, Math.LN2],
    ]);
  });

  it('is monotone', () => {
    expectMonotone(log1p, [0, 2 ** -29, -(2 ** -29), 0.41421356237309503, -0.2928932188134524, 2 ** 53, -1 + 2 ** -20, 1], -1, MAX);
  });

  it('reproduces pinned bits, and a digest of 20 000 more', () => {
    expectPinned(log1p, [
      [1e-10, '0x3ddb7cdfd9d1d693'], [-1e-10, '0xbddb7cdfd9dda4e3'], [1e-5, '0x3ee4f8aea9ae7317'], [0.1, '0x3fb8663f793c46c7'],
      [-0.1, '0xbfbaf8e8210a415e'], [0.3, '0x3fd0ca937be1b9dc'], [-0.3, '0xbfd6d3c324e13f4e'], [0.5, '0x3fd9f323ecbf984c'],
      [-0.5, '0xbfe62e42fefa39ef'], [-0.9, '0xc0026bb1bbb55516'], [-0.999999, '0xc02ba18a998fc064'], [1, '0x3fe62e42fefa39ef'],
      [2, '0x3ff193ea7aad030a'], [10, '0x40032ee3b77f374c'], [1e6, '0x402ba18abb1dedc8'], [1e20, '0x4047069e2aa2aa5b'],
      [1e300, '0x4085963447f87fb5'], [2 ** 60, '0x4044cb5ecf0a9650'], [0.41, '0x3fd5fd5fabe64085'], [-0.29, '0xbfd5eb5c7907e4c8'],
    ]);
    expect(digest(log1p, 4, [uniform(-0.3, 0.42), uniform(-1, -0.29), withExponent(0, 0x3fe), withExponent(0x3ff, 0x7fe, 1), (r) => -1 + 2 ** -(1 + r.int(52)) * (1 + r.next())])).toBe('deb313ba94a885dc');
  });
});

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
      [NaN, NaN], [Infinity, 1], [-Infinity, -1], [0, 0], [-0, -0], [MIN_SUBNORMAL, MIN_SUBNORMAL], [-MIN_SUBNORMAL, -MIN_SUBNORMAL],
      [1e-300, 1e-300], [22, 1], [-22, -1], [1000, 1], [-MAX, -1], [MAX, 1],
    ]);
  });

  it('is monotone and odd', () => {
    expectMonotone(tanh, [0, 2 ** -28, -(2 ** -28), 1, -1, 22, -22, 19.06154746539849], -30, 30);
    fc.assert(fc.property(fc.double({ noNaN: true }), (x) => Object.is(tanh(-x), -tanh(x))), { seed: 3, numRuns: 5000 });
  });

  it('reproduces pinned bits, and a digest of 20 000 more', () => {
    expectPinned(tanh, [
      [0.5, '0x3fdd9353d7568af3'], [-0.5, '0xbfdd9353d7568af3'], [1, '0x3fe85efab514f394'], [-1, '0xbfe85efab514f394'],
      [0.1, '0x3fb983d7795f413a'], [1e-5, '0x3ee4f8b588e06854'], [1e-9, '0x3e112e0be826d695'], [0.9, '0x3fe6ebe982d6605d'],
      [1.1, '0x3fe99db01fde2405'], [2, '0x3feed9505e1bc3d4'], [3, '0x3fefd77d111a0b00'], [-3, '0xbfefd77d111a0b00'],
      [5, '0x3fefff419668df11'], [10, '0x3feffffffdc96f35'], [18, '0x3feffffffffffffc'], [19.5, '0x3ff0000000000000'],
      [21.9, '0x3ff0000000000000'], [0.25, '0x3fcf597ea69a1c86'], [-0.75, '0xbfe45323e552f228'], [1.5, '0x3fecf6f9786df577'],
    ]);
    expect(digest(tanh, 5, [uniform(-22, 22), uniform(-3, 3), withExponent(0, 0x3fe), uniform(18, 23), integer(-30, 30)])).toBe('b3c33aab6d068c52');
  });
});

describe('tanhInto (the Tanh activation\'s fused loop)', () => {
  it('gives exactly the bits of tanh, element by element, over 300 000 seeded and special arguments', () => {
    const r = new Random(2026);
    const n = 300_000;
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const kind = i % 5;
      x[i] =
        kind === 0 ? r.normal() * 3
        : kind === 1 ? (r.next() - 0.5) * 50
        : kind === 2 ? (r.next() - 0.5) * 1e-6
        : kind === 3 ? r.normal() * 0.5
        : (r.next() - 0.5) * 4;
    }
    // Branch edges: 0, ±0, NaN, ±Infinity, the saturation at 22, |x| = 1, 2^−28, the reduction edge ln2/4.
    x.set([0, -0, NaN, Infinity, -Infinity, 22, -22, 21.999999999999996, 1, -1, 0.9999999999999999,
      3.725290298461914e-9, -3.725290298461914e-9, 3.7252902984619136e-9, 0.17328679513998632, 0.1732867951399863, 5e-324, 1e-300]);
    const out = new Float64Array(n);
    tanhInto(out, x);
    let mismatches = 0;
    for (let i = 0; i < n; i++) if (!Object.is(out[i], tanh(x[i]))) mismatches++;
    expect(mismatches).toBe(0);
  });

  it('works in place', () => {
    const x = Float64Array.of(-3, -0.5, 0, 0.25, 2, 30);
    const expected = Array.from(x, (v) => tanh(v));
    tanhInto(x, x);
    expect(Array.from(x)).toEqual(expected);
  });
});

describe('sin and cos', () => {
  const multiplesOfHalfPi = (count: number, max: number) => draw(count, (r) => next((r.int(max) + 1) * (Math.PI / 2), r.int(5) - 2));

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
      [NaN, NaN], [Infinity, NaN], [-Infinity, NaN], [0, 0], [-0, -0], [MIN_SUBNORMAL, MIN_SUBNORMAL],
      [-MIN_SUBNORMAL, -MIN_SUBNORMAL], [1e-300, 1e-300], [-1e-10, -1e-10],
    ]);
    expectSpecial(cos, [[NaN, NaN], [Infinity, NaN], [-Infinity, NaN], [0, 1], [-0, 1], [MIN_SUBNORMAL, 1], [1e-10, 1]]);
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
        const s = sin(x), c = cos(x);
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
      [0.5, '0x3fdeaee8744b05f0'], [-0.5, '0xbfdeaee8744b05f0'], [1, '0x3feaed548f090cee'], [2, '0x3fed18f6ead1b446'],
      [3, '0x3fc210386db6d55b'], [Math.PI, '0x3ca1a62633145c07'], [Math.PI / 2, '0x3ff0000000000000'], [Math.PI / 6, '0x3fdfffffffffffff'],
      [4, '0xbfe837b9dddc1eae'], [5, '0xbfeeaf81f5e09933'], [6, '0xbfd1e1f18ab0a2c0'], [10, '0xbfe1689ef5f34f52'],
      [100, '0xbfe03425b78c4db8'], [1e-5, '0x3ee4f8b588e1e8a2'], [0.1, '0x3fb98eaecb8bcb2c'], [0.78, '0x3fe68143d72d4ce4'],
      [1e6, '0xbfd6664b2568d867'], [1e10, '0xbfdf334c7896a4e3'], [1e22, '0xbfeb453ab76bf397'], [-7.5, '0xbfee041886fcae30'],
    ]);
    expectPinned(cos, [
      [0.5, '0x3fec1528065b7d50'], [-0.5, '0x3fec1528065b7d50'], [1, '0x3fe14a280fb5068c'], [2, '0xbfdaa22657537205'],
      [3, '0xbfefae04be85e5d2'], [Math.PI, '0xbff0000000000000'], [Math.PI / 2, '0x3c91a62633145c07'], [Math.PI / 3, '0x3fe0000000000001'],
      [4, '0xbfe4eaa606db24c1'], [5, '0x3fd22785706b4ad9'], [6, '0x3feeb9b7097822f6'], [10, '0xbfead9ac890c6b1f'],
      [100, '0x3feb981dbf665fdf'], [1e-5, '0x3feffffffff920c8'], [0.1, '0x3fefd712f9a817c0'], [0.78, '0x3fe6bfcdbf817bfa'],
      [1e6, '0x3fedf9df9906d32c'], [1e10, '0x3febf098901c931a'], [1e22, '0x3fe0be2cef01c8f4'], [-7.5, '0x3fd62f45e66f5c2f'],
    ]);
    const trig = [uniform(-2 * Math.PI, 2 * Math.PI), uniform(-1647100, 1647100), withExponent(0, 0x3fe), withExponent(0x413, 0x7fe), integer(-100_000, 100_000), (r: Random) => next((r.int(1_000_000) + 1) * (Math.PI / 2), r.int(5) - 2)];
    expect(digest(sin, 6, trig)).toBe('9b5a30be928e1b9b');
    expect(digest(cos, 7, trig)).toBe('9be0e402abce63dd');
  });
});

describe('branch thresholds', () => {
  // fdlibm tests most branches on a double's high word; src/math.ts writes those tests as comparisons
  // on |x| or f. A threshold off by even one double changes results next to it, by at most an ulp,
  // which the accuracy tests above allow: these digests pin the bits of the 1 000 doubles on each side
  // of every threshold (equal, when pinned, to Node 20's Math.* — fdlibm's — except beyond 2^20·π/2).
  const both = (xs: number[]) => xs.flatMap((x) => [x, -x]);
  const cases: [string, Fn, number[], string][] = [
    ['exp', exp, [...both([0.3465735912322998, 1.0397205352783203, 2 ** -28, 709.7822265625]), 709.782712893384, -745.1332191019411, -708.3964185322641], 'db667965b788d97f'],
    ['expm1', expm1, [...both([0.3465735912322998, 1.0397205352783203, 2 ** -54, 38.81622314453125, 13.862943611198906]), 709.782712893384, -0.25], 'e7bc59b18aea1d35'],
    ['log', log, [1.3799991607666016, 0.7100000381469727, 1 + 2 ** -20, 1 - 2 ** -20, Math.SQRT2, Math.SQRT1_2, MIN_NORMAL, 2.7599983215332031], '60273b568b977052'],
    ['log1p', log1p, [0.4142136573791504, -0.292893648147583, ...both([2 ** -29, 2 ** -54]), 2 ** 53, Math.SQRT2 - 1], '5ceaef75db4aa7e0'],
    ['tanh', tanh, both([22, 1, 2 ** -28]), '9ad735090ace6d15'],
    ['sin', sin, both([2 ** -27, 0.2999999523162842, 0.7812504768371581, 0.7853984832763672, 2.3561935424804688, Math.PI / 2, 1647100]), '9d49572dc10c999c'],
    ['cos', cos, both([2 ** -27, 0.2999999523162842, 0.7812504768371581, 0.7853984832763672, 2.3561935424804688, Math.PI / 2, 1647100]), 'b085e1a17775fcc7'],
  ];
  for (const [name, f, points, pinned] of cases) {
    it(`${name}: the doubles around each threshold`, () => expect(digestOf(f, around(points, 1000))).toBe(pinned));
  }
});

describe('powInt', () => {
  it('is within 1 ulp of Math.pow (and correctly rounded where they differ) over 200 000 seeded pairs', () => {
    let worst = 0;
    for (let i = 0; i < 200_000; i++) {
      const kind = i % 4;
      const base = kind === 0 ? 1 - random.next() * 0.2 : kind === 1 ? (random.next() - 0.5) * 8 : kind === 2 ? 1 + random.next() * 1e-3 : 0.999;
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
      [0, 0], [NaN, 0], [Infinity, 0], [0, 3], [-0, 3], [-0, 2], [Infinity, 2], [-Infinity, 3], [-Infinity, 2], [NaN, 5],
      [2, 1024], [-2, 1025], [0.5, 1075], [-0.5, 1075], [10, 400], [1e-200, 2],
    ];
    for (const [b, n] of cases) expect(Object.is(powInt(b, n), Math.pow(b, n)), `powInt(${b}, ${n})`).toBe(true);
  });

  it('rejects a negative or fractional exponent', () => {
    expect(() => powInt(2, -1)).toThrow(new RangeError('powInt: expected a non-negative integer n, got -1'));
    expect(() => powInt(2, 1.5)).toThrow(new RangeError('powInt: expected a non-negative integer n, got 1.5'));
  });

  it("reproduces pinned bits (Adam's bias corrections among them), and a digest of 20 000 more", () => {
    const pins: [number, number, string][] = [
      [0.9, 1, '0x3feccccccccccccd'], [0.9, 2, '0x3fe9eb851eb851ec'], [0.9, 10, '0x3fd650bf60432fd9'], [0.9, 100, '0x3efbda056ed49410'],
      [0.9, 1000, '0x366fee7413dac341'], [0.999, 1, '0x3feff7ced916872b'], [0.999, 10, '0x3fefae7299c256e3'],
      [0.999, 1000, '0x3fd788526411ed72'], [0.999, 10000, '0x3f07af105956a80f'], [0.999, 123456, '0x34cbe31a294758a6'],
      [1.0001, 1_000_000, '0x48f330ab10a37aa5'], [-1.1, 77, '0xc0980bf93db06df6'], [Math.PI, 10, '0x40f6dd00c27647fc'],
    ];
    expect(pins.map(([b, n]) => [b, n, hex(powInt(b, n))])).toEqual(pins);
    expect(digest((x) => powInt(1 - x, Math.floor(x * 1e6)), 8, [uniform(0, 0.001), uniform(0, 0.2)])).toBe('0b6c8bdb926d9086');
  });
});

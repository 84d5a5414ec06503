/**
 * Shared tools of the tests of bottomup's own transcendental functions (src/math/): ulp distances
 * and bit patterns, seeded argument generators, digests that pin thousands of results at once, and
 * the checks every family runs (accuracy against Math.*, special values, monotonicity, pinned bits,
 * the doubles around each branch threshold).
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { Random } from '../../src/random.js';

export type Fn = (x: number) => number;

export const VIEW = new DataView(new ArrayBuffer(8));

/** The double's bits as an integer that orders doubles like the reals (−0 and +0 both 0). */
export function ordinal(x: number): bigint {
  VIEW.setFloat64(0, x);
  const bits = VIEW.getBigInt64(0);
  return bits < 0n ? -(bits & 0x7fffffffffffffffn) : bits;
}

/** The double at an ordinal (inverse of {@link ordinal}; 0 gives +0). */
export function fromOrdinal(n: bigint): number {
  VIEW.setBigInt64(0, n < 0n ? -n | -0x8000000000000000n : n);
  return VIEW.getFloat64(0);
}

/** Distance in ulps: how many doubles apart (0 for two NaNs, Infinity for NaN against a number). */
export function ulps(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b) ? 0 : Infinity;
  const d = ordinal(a) - ordinal(b);
  return Number(d < 0n ? -d : d);
}

/** The 64 bits of `x` in hex, e.g. `0x3ff0000000000000` for 1. */
export function hex(x: number): string {
  VIEW.setFloat64(0, x);
  return `0x${VIEW.getBigUint64(0).toString(16).padStart(16, '0')}`;
}

export const next = (x: number, steps = 1): number => fromOrdinal(ordinal(x) + BigInt(steps));

// ---------------------------------------------------------------------------------------------
// Seeded samples

/** The generator every `draw` takes its arguments from (each test file starts it afresh). */
export const random = new Random(20240607);

/** A generator of arguments, drawing from the given seeded generator. */
export type Gen = (r: Random) => number;

/** A double with a uniformly random mantissa and an exponent field drawn from [e0, e1] (0 = subnormal). */
export const withExponent =
  (e0: number, e1: number, sign: 1 | -1 | 0 = 0): Gen =>
  (r) => {
    const e = e0 + r.int(e1 - e0 + 1);
    const s = sign === 0 ? (r.next() < 0.5 ? 1 : -1) : sign;
    VIEW.setUint32(0, ((s < 0 ? 0x80000000 : 0) | (e << 20) | r.int(1 << 20)) >>> 0);
    VIEW.setUint32(4, r.nextUint32());
    return VIEW.getFloat64(0);
  };

/** Any double at all (NaNs included), from 64 random bits. */
export const anyBits: Gen = (r) => {
  VIEW.setUint32(0, r.nextUint32());
  VIEW.setUint32(4, r.nextUint32());
  return VIEW.getFloat64(0);
};

export const uniform =
  (lo: number, hi: number): Gen =>
  (r) =>
    lo + (hi - lo) * r.next();
export const integer =
  (lo: number, hi: number): Gen =>
  (r) =>
    lo + r.int(hi - lo + 1);

/** `count` arguments from `gen`. */
export function draw(count: number, gen: Gen): number[] {
  return Array.from({ length: count }, () => gen(random));
}

/** Up to `k` doubles on either side of each point. */
export function around(points: readonly number[], k: number): number[] {
  const out: number[] = [];
  for (const p of points) for (let d = -k; d <= k; d++) out.push(next(p, d));
  return out;
}

/**
 * A 64-bit digest (two FNV-style 32-bit hashes) of the bits of `f` at `count` arguments drawn in
 * turn from `gens` with a generator seeded `seed`: pinned, it pins every one of those results.
 */
export function digest(f: Fn, seed: number, gens: readonly Gen[], count = 20_000): string {
  const r = new Random(seed);
  return digestOf(
    f,
    Array.from({ length: count }, (_, i) => gens[i % gens.length](r)),
  );
}

/** The 64-bit digest of the bits of `f` at each of `args`, in order. */
export function digestOf(f: Fn, args: readonly number[]): string {
  let a = 0x811c9dc5,
    b = 0x9747b28c;
  for (const x of args) {
    VIEW.setFloat64(0, f(x));
    const hi = VIEW.getUint32(0),
      lo = VIEW.getUint32(4);
    a = Math.imul(Math.imul(a ^ hi, 0x01000193) ^ lo, 0x01000193);
    b = Math.imul(Math.imul(b ^ lo, 0x5bd1e995) ^ hi, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/** Checks `f` against `ref` on every argument: max ulp distance ≤ `maxUlps`, mean tiny. */
export function expectClose(f: Fn, ref: Fn, args: readonly number[], maxUlps = 1): void {
  let worst = 0,
    worstX = NaN,
    sum = 0;
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
export function expectSpecial(f: Fn, cases: readonly (readonly [number, number])[]): void {
  for (const [x, y] of cases)
    expect(Object.is(f(x), y), `f(${Object.is(x, -0) ? '-0' : x}) = ${f(x)}, expected ${y}`).toBe(true);
}

/** Pinned bit patterns: `[argument, hex of the result]`. */
export function expectPinned(f: Fn, pins: readonly (readonly [number, string])[]): void {
  expect(pins.map(([x]) => [x, hex(f(x))])).toEqual(pins);
}

/** f(a) ≤ f(b) for a ≤ b (or ≥ for decreasing), checked on consecutive doubles and random pairs. */
export function expectMonotone(f: Fn, points: readonly number[], lo: number, hi: number, direction: 1 | -1 = 1): void {
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

export const MIN_SUBNORMAL = 5e-324;
export const MIN_NORMAL = 2.2250738585072014e-308;
export const MAX = Number.MAX_VALUE;

// ---------------------------------------------------------------------------------------------
// Branch thresholds
//
// fdlibm tests most branches on a double's high word; src/math/ writes those tests as comparisons
// on |x| or f. A threshold off by even one double changes results next to it, by at most an ulp,
// which the accuracy tests allow: these digests pin the bits of the 1 000 doubles on each side
// of every threshold (equal, when pinned, to Node 20's Math.* — fdlibm's — except beyond 2^20·π/2).

/** Each point and its negation. */
export const both = (xs: number[]): number[] => xs.flatMap((x) => [x, -x]);

/** A test pinning the digest of `f` at the 1 000 doubles on each side of each of `points`. */
export function itPinsThresholds(name: string, f: Fn, points: number[], pinned: string): void {
  it(`${name}: the doubles around each threshold`, () => expect(digestOf(f, around(points, 1000))).toBe(pinned));
}

// ---------------------------------------------------------------------------------------------
// Array forms

/** Arguments every array form must get right: ±0, subnormals, the ends of the range, huge, ±∞, NaN. */
export const EDGES: readonly number[] = [
  0,
  -0,
  MIN_SUBNORMAL,
  -MIN_SUBNORMAL,
  1e-310,
  -1e-310,
  MIN_NORMAL,
  -MIN_NORMAL,
  2 ** -60,
  -(2 ** -60),
  0.5,
  -0.5,
  1,
  -1,
  2,
  -2,
  30,
  -30,
  700,
  -700,
  710,
  -710,
  746,
  -746,
  1e300,
  -1e300,
  MAX,
  -MAX,
  Infinity,
  -Infinity,
  NaN,
];

/**
 * Checks an array form `into(out, x)` against its scalar `f` over `args`: every `out[i]` has exactly
 * the bits of `f(x[i])` (Object.is: −0 and NaN too), `x` is left unchanged, the same bits come out in
 * place (`out === x`), and a shorter `out` takes the first `out.length` values of a longer `x`.
 */
export function expectIntoMatches(
  into: (out: Float64Array, x: Float64Array) => void,
  f: Fn,
  args: readonly number[],
): void {
  const x = Float64Array.from(args);
  const expected = args.map(f);
  const out = new Float64Array(x.length).fill(7);
  into(out, x);
  let mismatches = 0,
    first = -1;
  for (let i = 0; i < x.length; i++) {
    if (!Object.is(out[i], expected[i])) {
      mismatches++;
      if (first < 0) first = i;
    }
  }
  expect(mismatches, first < 0 ? '' : `first at x = ${x[first]}: ${out[first]}, expected ${expected[first]}`).toBe(0);
  expect(Array.from(x).every((v, i) => Object.is(v, args[i]))).toBe(true);

  into(x, x);
  expect(Array.from(x).every((v, i) => Object.is(v, expected[i]))).toBe(true);

  const short = new Float64Array(4).fill(7);
  into(short, Float64Array.from(args.slice(0, 6)));
  expect(Array.from(short).every((v, i) => Object.is(v, expected[i]))).toBe(true);
}

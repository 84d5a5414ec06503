/**
 * The seeded generator: checked against an independent xoshiro128** reference, for determinism,
 * state round trips (including the cached Box–Muller spare), ranges and rough statistics.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Random, toRandom, type RandomState } from '../src/random.js';
import { Matrix } from '../src/matrix/index.js';
import { expectThrowExact } from './matrix/helpers.js';

/** xoshiro128** as in the reference C code (Blackman & Vigna), in BigInt so it shares nothing with `Random`. */
function referenceXoshiro(state: readonly number[]): () => number {
  const M = 0xffffffffn;
  const s = state.map((w) => BigInt(w >>> 0));
  const rotl = (x: bigint, k: bigint): bigint => ((x << k) | (x >> (32n - k))) & M;
  return () => {
    const result = (rotl((s[1] * 5n) & M, 7n) * 9n) & M;
    const t = (s[1] << 9n) & M;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11n);
    return Number(result);
  };
}

const draws = (r: Random, n: number, f: (r: Random) => number): number[] => Array.from({ length: n }, () => f(r));

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the xoshiro128** core', () => {
  it('matches the reference from state [1, 2, 3, 4], starting with the known 11520, 0', () => {
    const r = new Random().setState({ s: [1, 2, 3, 4], spare: null });
    const ref = referenceXoshiro([1, 2, 3, 4]);
    const got = draws(r, 1000, (g) => g.nextUint32());
    expect(got.slice(0, 2)).toEqual([11520, 0]);
    expect(got).toEqual(Array.from({ length: 1000 }, ref));
  });

  it('matches the reference from a seeded state', () => {
    const r = new Random(42);
    const ref = referenceXoshiro(r.getState().s);
    expect(draws(r, 1000, (g) => g.nextUint32())).toEqual(Array.from({ length: 1000 }, ref));
  });

  it('returns unsigned 32-bit integers', () => {
    for (const v of draws(new Random(1), 1000, (g) => g.nextUint32())) {
      expect(Number.isInteger(v) && v >= 0 && v < 2 ** 32).toBe(true);
    }
  });
});

describe('seeding', () => {
  it('pins the stream of a seed (saved seeds must keep reproducing the same weights)', () => {
    expect(draws(new Random(0), 3, (g) => g.nextUint32())).toEqual([3809008728, 1133695204, 53579671]);
    expect(draws(new Random(42), 3, (g) => g.nextUint32())).toEqual([2837322924, 544945897, 479756282]);
  });

  it('the same seed gives the same stream, different seeds different streams', () => {
    const mixed = (r: Random): number[] => [r.next(), r.normal(), r.int(100), r.uniform(-5, 5), r.normal(), r.normal()];
    expect(mixed(new Random(123))).toEqual(mixed(new Random(123)));
    expect(mixed(new Random(123))).not.toEqual(mixed(new Random(124)));
  });

  it('defaults to seed 0; every integer seed in [0, 2^32 − 1] is its own stream', () => {
    const first = (r: Random): number[] => draws(r, 4, (g) => g.nextUint32());
    expect(first(new Random())).toEqual(first(new Random(0)));
    expect(first(new Random(undefined))).toEqual(first(new Random(0)));
    // the seeds that `>>> 0` used to fold onto 0, 5 and 2^32 − 1 now each give a distinct stream or an error
    const streams = [0, 1, 5, 2 ** 31, 0xffffffff].map((s) => first(new Random(s)).join());
    expect(new Set(streams).size).toBe(streams.length);
  });

  it('never uses Math.random', () => {
    const spy = vi.spyOn(Math, 'random');
    const r = new Random(9);
    r.next();
    r.normal();
    r.int(3);
    r.uniform();
    r.shuffle([1, 2, 3]);
    Matrix.randn(3, 3);
    Matrix.uniform(3, 3, { random: r });
    expect(spy).not.toHaveBeenCalled();
  });
});

describe('next and uniform', () => {
  it('next() builds a 53-bit double from two outputs: ((u1 >>> 5)·2^26 + (u2 >>> 6)) / 2^53', () => {
    const r = new Random(77),
      ref = new Random(77);
    for (let i = 0; i < 100; i++) {
      const hi = ref.nextUint32() >>> 5,
        lo = ref.nextUint32() >>> 6;
      expect(r.next()).toBe((hi * 2 ** 26 + lo) / 2 ** 53);
    }
  });

  it('next() is in [0, 1) with mean about 1/2', () => {
    const r = new Random(5);
    let sum = 0;
    for (let i = 0; i < 20000; i++) {
      const v = r.next();
      expect(v >= 0 && v < 1).toBe(true);
      sum += v;
    }
    expect(Math.abs(sum / 20000 - 0.5)).toBeLessThan(0.01);
  });

  it('uniform(low, high) is low + (high − low)·next()', () => {
    const r = new Random(8),
      ref = new Random(8);
    for (let i = 0; i < 100; i++) expect(r.uniform(-3, 7)).toBe(-3 + 10 * ref.next());
    expect(new Random(8).uniform()).toBe(new Random(8).next());
  });

  it('uniform stays in [low, high)', () => {
    const r = new Random(6);
    for (let i = 0; i < 10000; i++) {
      const v = r.uniform(-0.5, 0.25);
      expect(v >= -0.5 && v < 0.25).toBe(true);
    }
  });

  it('uniform never returns high, even when rounding would land on it', () => {
    // Between 1 and the next double there is nothing: every draw must be 1.
    const r = new Random(1);
    const high = 1 + 2 ** -52;
    for (let i = 0; i < 1000; i++) expect(r.uniform(1, high)).toBe(1);
    expect(r.uniform(2, 2)).toBe(2);
  });
});

describe('normal', () => {
  it('has mean about 0 and variance about 1 over 20k draws', () => {
    const r = new Random(2024);
    const n = 20000;
    const xs = draws(r, n, (g) => g.normal());
    const mean = xs.reduce((a, b) => a + b, 0) / n;
    const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / n;
    const withinOne = xs.filter((x) => Math.abs(x) < 1).length / n;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(variance).toBeGreaterThan(0.95);
    expect(variance).toBeLessThan(1.05);
    expect(Math.abs(withinOne - 0.6827)).toBeLessThan(0.02);
    expect(xs.every(Number.isFinite)).toBe(true);
  });

  it('scales by mean and std; the cached spare is scaled by the call that returns it', () => {
    const r = new Random(3),
      ref = new Random(3);
    const z1 = ref.normal(),
      z2 = ref.normal();
    expect(r.normal(10, 2)).toBe(10 + 2 * z1);
    expect(r.normal(-1, 0.5)).toBe(-1 + 0.5 * z2);
  });

  it('draws two uniforms per pair of deviates (the second deviate is cached)', () => {
    const r = new Random(4),
      ref = new Random(4);
    r.normal();
    r.normal();
    ref.next();
    ref.next();
    expect(r.next()).toBe(ref.next());
  });
});

describe('int', () => {
  it('gives integers in [0, n), every value, roughly evenly', () => {
    const r = new Random(10);
    const counts = new Array<number>(10).fill(0);
    for (let i = 0; i < 10000; i++) {
      const v = r.int(10);
      expect(Number.isInteger(v) && v >= 0 && v < 10).toBe(true);
      counts[v]++;
    }
    for (const c of counts) expect(c > 850 && c < 1150).toBe(true);
  });

  it('int(1) is always 0; large n stays in range', () => {
    const r = new Random(11);
    for (let i = 0; i < 100; i++) expect(r.int(1)).toBe(0);
    for (let i = 0; i < 100; i++) {
      const v = r.int(2 ** 40);
      expect(Number.isInteger(v) && v >= 0 && v < 2 ** 40).toBe(true);
    }
  });

  it('is floor(next()·n)', () => {
    const r = new Random(12),
      ref = new Random(12);
    for (let i = 0; i < 100; i++) expect(r.int(7)).toBe(Math.floor(ref.next() * 7));
  });
});

describe('shuffle', () => {
  it('returns the same array, permuted', () => {
    const a = Array.from({ length: 50 }, (_, i) => i);
    const r = new Random(13);
    expect(r.shuffle(a)).toBe(a);
    expect([...a].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(a).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('is deterministic under a seed and differs across seeds', () => {
    const perm = (seed: number): number[] => new Random(seed).shuffle(Array.from({ length: 20 }, (_, i) => i));
    expect(perm(1)).toEqual(perm(1));
    expect(perm(1)).not.toEqual(perm(2));
  });

  it('works on typed arrays', () => {
    const a = new Int32Array([0, 1, 2, 3, 4, 5, 6, 7]);
    new Random(14).shuffle(a);
    expect(Array.from(a).sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const b = new Int32Array([0, 1, 2, 3, 4, 5, 6, 7]);
    new Random(14).shuffle(b);
    expect(b).toEqual(a);
  });

  it('leaves empty and single-element arrays alone', () => {
    expect(new Random(15).shuffle([])).toEqual([]);
    expect(new Random(15).shuffle(['x'])).toEqual(['x']);
  });

  it('gives each permutation of 3 elements about equally often (Fisher–Yates, not the biased swap)', () => {
    const r = new Random(16);
    const counts = new Map<string, number>();
    for (let i = 0; i < 6000; i++) {
      const key = r.shuffle(['a', 'b', 'c']).join('');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    for (const c of counts.values()) expect(c > 850 && c < 1150).toBe(true);
  });
});

describe('getState and setState', () => {
  const sequence = (r: Random): number[] => [
    r.normal(),
    r.next(),
    r.normal(),
    r.normal(),
    r.int(1000),
    r.uniform(-1, 1),
    r.normal(),
  ];

  it('round-trip reproduces the stream', () => {
    const r = new Random(20);
    r.next();
    const state = r.getState();
    const expected = sequence(r);
    expect(sequence(new Random(99).setState(state))).toEqual(expected);
  });

  it('round-trip includes the cached Box–Muller spare', () => {
    const r = new Random(21);
    r.normal(); // leaves the second deviate of the pair cached
    const state = r.getState();
    expect(typeof state.spare).toBe('number');
    const expected = sequence(r);
    const restored = new Random(0).setState(state);
    expect(sequence(restored)).toEqual(expected);
  });

  it('survives JSON', () => {
    const r = new Random(22);
    r.normal();
    const json = JSON.stringify(r.getState());
    const expected = sequence(r);
    expect(sequence(new Random().setState(JSON.parse(json) as RandomState))).toEqual(expected);
  });

  it('reports canonical unsigned words, whatever the history', () => {
    const r = new Random(23);
    for (let i = 0; i < 50; i++) {
      const { s } = r.getState();
      expect(s.every((w) => Number.isInteger(w) && w >= 0 && w < 2 ** 32)).toBe(true);
      expect(new Random().setState(r.getState()).getState()).toEqual(r.getState());
      r.nextUint32();
    }
  });

  it('accepts words as signed or unsigned 32-bit integers', () => {
    const a = new Random().setState({ s: [-1, 2, 3, 4], spare: null });
    const b = new Random().setState({ s: [0xffffffff, 2, 3, 4], spare: null });
    expect(draws(a, 10, (g) => g.nextUint32())).toEqual(draws(b, 10, (g) => g.nextUint32()));
  });

  it('getState returns a copy; setState returns this', () => {
    const r = new Random(24);
    const state = r.getState();
    (state.s as unknown as number[])[0] = 12345;
    expect(r.getState().s[0]).not.toBe(12345);
    expect(r.setState(r.getState())).toBe(r);
  });
});

describe('errors', () => {
  it('constructor: TypeError for a non-number seed, RangeError outside the integers [0, 2^32 − 1]', () => {
    const bad = (v: unknown): number => v as number;
    const range = 'Random: expected seed to be an integer in [0, 2^32 − 1], got';
    for (const seed of [Number.NaN, Infinity, -1, 0.5, 5.75, 2 ** 32, 2 ** 32 + 5, -0.5]) {
      expectThrowExact(() => new Random(seed), RangeError, `${range} ${seed}`);
    }
    expectThrowExact(() => new Random(bad('1')), TypeError, 'Random: expected seed to be a number, got "1"');
    expectThrowExact(() => new Random(bad(null)), TypeError, 'Random: expected seed to be a number, got null');
    expectThrowExact(() => new Random(bad({})), TypeError, 'Random: expected seed to be a number, got an object');
  });

  it('int: RangeError for n that is not a positive integer', () => {
    const r = new Random(30);
    const cases: [unknown, string][] = [
      [0, '0'],
      [-1, '-1'],
      [1.5, '1.5'],
      [Number.NaN, 'NaN'],
      [Infinity, 'Infinity'],
      ['3', '"3"'],
    ];
    for (const [n, shown] of cases) {
      expectThrowExact(() => r.int(n as number), RangeError, `Random.int: expected a positive integer n, got ${shown}`);
    }
    expect(r.getState()).toEqual(new Random(30).getState());
  });

  it('setState: TypeError for a malformed state, and the generator is unchanged', () => {
    const malformed = 'Random.setState: expected { s: [4 integers], spare }, got a malformed state';
    const r = new Random(31);
    const before = r.getState();
    const cases: unknown[] = [
      null,
      undefined,
      {},
      { s: [1, 2, 3], spare: null },
      { s: [1, 2, 3, 4, 5], spare: null },
      { s: [1, 2, 3, '4'], spare: null },
      { s: [1, 2, 3, 4.5], spare: null },
      { s: [1, 2, 3, Number.NaN], spare: null },
      { s: 'abcd', spare: null },
    ];
    for (const state of cases) expectThrowExact(() => r.setState(state as RandomState), TypeError, malformed);
    expectThrowExact(
      () => r.setState({ s: [1, 2, 3, 4], spare: 'x' as unknown as number }),
      TypeError,
      'Random.setState: expected spare to be a number or null, got string',
    );
    expectThrowExact(
      () => r.setState({ s: [1, 2, 3, 4] } as unknown as RandomState),
      TypeError,
      'Random.setState: expected spare to be a number or null, got undefined',
    );
    expect(r.getState()).toEqual(before);
  });

  it('setState: RangeError for the all-zero state (the generator would return 0 forever)', () => {
    const r = new Random(32);
    const before = r.getState();
    expectThrowExact(
      () => r.setState({ s: [0, 0, 0, 0], spare: null }),
      RangeError,
      'Random.setState: expected s to have a nonzero word (mod 2^32), got [0, 0, 0, 0]',
    );
    expectThrowExact(
      () => r.setState({ s: [2 ** 32, 0, 0, 0], spare: 0.5 }),
      RangeError,
      'Random.setState: expected s to have a nonzero word (mod 2^32), got [4294967296, 0, 0, 0]',
    );
    expect(r.getState()).toEqual(before);
  });
});

describe('toRandom', () => {
  it('passes a generator through, and seeds a new one from a number or the fallback', () => {
    const r = new Random(40);
    expect(toRandom(r)).toBe(r);
    expect(toRandom(7).next()).toBe(new Random(7).next());
    expect(toRandom(undefined).next()).toBe(new Random(0).next());
    expect(toRandom(undefined, 9).next()).toBe(new Random(9).next());
  });
});

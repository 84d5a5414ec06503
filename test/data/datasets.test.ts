import { describe, expect, it } from 'vitest';
import { blobs, circles, moons, planar } from '../../src/data/datasets.js';
import { Matrix } from '../../src/matrix/index.js';
import { Random } from '../../src/random.js';
import { expectBitEqual, expectThrowExact } from '../matrix/helpers.js';

/** Counts of each label value in a (1, m) label matrix. */
function counts(Y: Matrix): Record<number, number> {
  const c: Record<number, number> = {};
  for (const v of Y.data) c[v] = (c[v] ?? 0) + 1;
  return c;
}

/**
 * An independent transcription of the course's `load_planar_dataset` (numpy semantics), drawing
 * from `Random` directly: per class, `N` normals for `t`, then `N` normals for `r`.
 */
function planarOracle(m: number, seed: number): { X: number[][]; Y: number[] } {
  const rng = new Random(seed);
  const N = m / 2;
  const rows: number[][] = [[], []];
  const Y: number[] = [];
  for (let j = 0; j < 2; j++) {
    const start = j * 3.12,
      stop = (j + 1) * 3.12;
    // np.linspace(start, stop, N): arange(N) * ((stop - start) / (N - 1)) + start, last point = stop.
    const lin = Array.from({ length: N }, (_, i) =>
      N === 1 ? start : i === N - 1 ? stop : i * ((stop - start) / (N - 1)) + start,
    );
    const noiseT = Array.from({ length: N }, () => rng.normal() * 0.2);
    const t = lin.map((v, i) => v + noiseT[i]);
    const noiseR = Array.from({ length: N }, () => rng.normal() * 0.2);
    const r = t.map((ti, i) => 4 * Math.sin(4 * ti) + noiseR[i]);
    for (let i = 0; i < N; i++) {
      rows[0].push(r[i] * Math.sin(t[i]));
      rows[1].push(r[i] * Math.cos(t[i]));
      Y.push(j);
    }
  }
  return { X: rows, Y };
}

describe('planar', () => {
  it('is the course data set by default: X (2, 400), Y (1, 400), 200 per class, class 0 first', () => {
    const { X, Y } = planar();
    expect(X.shape).toEqual([2, 400]);
    expect(Y.shape).toEqual([1, 400]);
    expect(counts(Y)).toEqual({ 0: 200, 1: 200 });
    expect(Array.from(Y.data.subarray(0, 200)).every((v) => v === 0)).toBe(true);
    expect(Array.from(Y.data.subarray(200)).every((v) => v === 1)).toBe(true);
    expect(X.data.every(Number.isFinite)).toBe(true);
  });

  it('follows the generator formula exactly (independent transcription, tiny m)', () => {
    for (const [m, seed] of [
      [2, 0],
      [6, 123],
      [10, 7],
    ] as const) {
      const want = planarOracle(m, seed);
      const { X, Y } = planar({ m, seed });
      expectBitEqual(X, Matrix.from(want.X));
      expectBitEqual(Y, Matrix.from([want.Y]));
    }
    const big = planarOracle(400, 1);
    expectBitEqual(planar({ seed: 1 }).X, Matrix.from(big.X));
  });

  it('keeps the flower inside the maximum ray a = 4 plus noise', () => {
    const { X } = planar({ seed: 3 });
    for (let j = 0; j < 400; j++) expect(Math.hypot(X.get(0, j), X.get(1, j))).toBeLessThan(4 + 1.5);
  });

  it('is deterministic under a seed, defaults to seed 0, and differs across seeds', () => {
    expectBitEqual(planar({ seed: 42 }).X, planar({ seed: 42 }).X);
    expectBitEqual(planar().X, planar({ seed: 0 }).X);
    expect(planar({ seed: 1 }).X.equals(planar({ seed: 2 }).X)).toBe(false);
  });

  it('draws from (and advances) a given generator', () => {
    const rng = new Random(9);
    const first = planar({ m: 20, seed: rng });
    const second = planar({ m: 20, seed: rng });
    expectBitEqual(first.X, planar({ m: 20, seed: 9 }).X);
    expect(second.X.equals(first.X)).toBe(false);
  });

  it('rejects bad options with exact messages', () => {
    expectThrowExact(
      () => planar({ m: 3 }),
      RangeError,
      'planar: expected m to be an even positive integer (m/2 per class), got 3',
    );
    expectThrowExact(() => planar({ m: 0 }), RangeError, 'planar: expected m to be a positive integer, got 0');
    expectThrowExact(() => planar({ m: 2.5 }), RangeError, 'planar: expected m to be a positive integer, got 2.5');
    expectThrowExact(
      () => planar({ m: '400' as unknown as number }),
      TypeError,
      'planar: expected m to be a number, got "400"',
    );
    expectThrowExact(
      () => planar({ seed: 'a' as unknown as number }),
      TypeError,
      'planar: expected seed to be a number or a Random, got "a"',
    );
    expectThrowExact(
      () => planar({ seed: Number.NaN }),
      RangeError,
      'planar: expected seed to be an integer in [0, 2^32 − 1], got NaN',
    );
    expectThrowExact(
      () => planar({ n: 4 } as never),
      TypeError,
      'planar: expected options among m, seed, got unknown option "n"',
    );
    expectThrowExact(() => planar(400 as never), TypeError, 'planar: expected an options object, got 400');
  });
});

describe('circles', () => {
  it('puts ⌊m/2⌋ points on the unit circle (label 0) and the rest on radius factor (label 1)', () => {
    const { X, Y } = circles({ m: 101, factor: 0.3, seed: 4 });
    expect(X.shape).toEqual([2, 101]);
    expect(Y.shape).toEqual([1, 101]);
    expect(counts(Y)).toEqual({ 0: 50, 1: 51 });
    for (let j = 0; j < 101; j++) {
      const radius = Math.hypot(X.get(0, j), X.get(1, j));
      expect(radius).toBeCloseTo(Y.get(0, j) === 0 ? 1 : 0.3, 12);
    }
  });

  it('spaces the angles evenly, class 0 first, without shuffle (sklearn semantics)', () => {
    const { X, Y } = circles({ m: 8, factor: 0.5, shuffle: false });
    expect(Y.toArray()).toEqual([[0, 0, 0, 0, 1, 1, 1, 1]]);
    const expected = [0, 1, 2, 3].map((k) => [Math.cos((k * 2 * Math.PI) / 4), Math.sin((k * 2 * Math.PI) / 4)]);
    const inner = expected.map(([x, y]) => [x * 0.5, y * 0.5]);
    expect(X.toSamples()).toEqual([...expected, ...inner]);
  });

  it('adds noise with the given standard deviation, deterministically', () => {
    const a = circles({ m: 2000, noise: 0.1, seed: 5 });
    expectBitEqual(a.X, circles({ m: 2000, noise: 0.1, seed: 5 }).X);
    expect(a.X.equals(circles({ m: 2000, noise: 0.1, seed: 6 }).X)).toBe(false);
    const clean = circles({ m: 2000, seed: 5 });
    // Same seed: the same shuffle, then noise on top.
    expectBitEqual(a.Y, clean.Y);
    const diff = a.X.sub(clean.X).data;
    const sd = Math.sqrt(diff.reduce((s, v) => s + v * v, 0) / diff.length);
    expect(sd).toBeGreaterThan(0.09);
    expect(sd).toBeLessThan(0.11);
  });

  it('rejects bad options with exact messages', () => {
    expectThrowExact(() => circles({ factor: 1 }), RangeError, 'circles: expected factor in [0, 1), got 1');
    expectThrowExact(() => circles({ factor: -0.5 }), RangeError, 'circles: expected factor in [0, 1), got -0.5');
    expectThrowExact(
      () => circles({ factor: Number.NaN }),
      RangeError,
      'circles: expected factor to be a finite number, got NaN',
    );
    expectThrowExact(() => circles({ noise: -1 }), RangeError, 'circles: expected noise >= 0, got -1');
    expectThrowExact(
      () => circles({ noise: Infinity }),
      RangeError,
      'circles: expected noise to be a finite number, got Infinity',
    );
    expectThrowExact(
      () => circles({ shuffle: 1 as unknown as boolean }),
      TypeError,
      'circles: expected shuffle to be a boolean, got 1',
    );
    expectThrowExact(() => circles({ m: -2 }), RangeError, 'circles: expected m to be a positive integer, got -2');
    expectThrowExact(
      () => circles({ nosie: 0.1 } as never),
      TypeError,
      'circles: expected options among m, noise, factor, shuffle, seed, got unknown option "nosie"',
    );
  });
});

describe('moons', () => {
  it('draws two half circles: label 0 on the upper unit arc, label 1 on the shifted lower arc', () => {
    const { X, Y } = moons({ m: 99, seed: 8 });
    expect(X.shape).toEqual([2, 99]);
    expect(counts(Y)).toEqual({ 0: 49, 1: 50 });
    for (let j = 0; j < 99; j++) {
      const x = X.get(0, j),
        y = X.get(1, j);
      if (Y.get(0, j) === 0) {
        expect(Math.hypot(x, y)).toBeCloseTo(1, 12);
        expect(y).toBeGreaterThanOrEqual(0);
      } else {
        expect(Math.hypot(x - 1, y - 0.5)).toBeCloseTo(1, 12);
        expect(y).toBeLessThanOrEqual(0.5 + 1e-12);
      }
    }
  });

  it('starts and ends each moon at the arc ends, class 0 first, without shuffle', () => {
    const { X, Y } = moons({ m: 6, shuffle: false });
    expect(Y.toArray()).toEqual([[0, 0, 0, 1, 1, 1]]);
    const s = X.toSamples();
    expect(s[0]).toEqual([1, 0]);
    expect(s[1][0]).toBeCloseTo(0, 15);
    expect(s[1][1]).toBe(1);
    expect(s[2][0]).toBe(-1);
    expect(s[3]).toEqual([0, 0.5]);
    expect(s[4][0]).toBeCloseTo(1, 15);
    expect(s[4][1]).toBe(-0.5);
    expect(s[5][0]).toBe(2);
  });

  it('is deterministic under a seed', () => {
    const a = moons({ m: 50, noise: 0.2, seed: 11 });
    const b = moons({ m: 50, noise: 0.2, seed: 11 });
    expectBitEqual(a.X, b.X);
    expectBitEqual(a.Y, b.Y);
    expect(a.X.equals(moons({ m: 50, noise: 0.2, seed: 12 }).X)).toBe(false);
  });

  it('rejects bad options with exact messages', () => {
    expectThrowExact(() => moons({ noise: -0.1 }), RangeError, 'moons: expected noise >= 0, got -0.1');
    expectThrowExact(() => moons({ m: 1.5 }), RangeError, 'moons: expected m to be a positive integer, got 1.5');
    expectThrowExact(
      () => moons({ factor: 0.5 } as never),
      TypeError,
      'moons: expected options among m, noise, shuffle, seed, got unknown option "factor"',
    );
  });
});

describe('blobs', () => {
  it('splits m as evenly as possible, the first centres getting one more, labels 0 … k − 1', () => {
    const { X, Y } = blobs({ m: 11, centers: 3, shuffle: false });
    expect(X.shape).toEqual([2, 11]);
    expect(Y.toArray()).toEqual([[0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2]]);
  });

  it('places examples exactly on given centres when std is 0, in any dimension', () => {
    const centers = [
      [1, 2, 3],
      [-4, 5, 0.5],
    ];
    const { X, Y } = blobs({ m: 6, centers, std: 0, seed: 2 });
    expect(X.shape).toEqual([3, 6]);
    const s = X.toSamples();
    for (let j = 0; j < 6; j++) expect(s[j]).toEqual(centers[Y.get(0, j)]);
    expect(counts(Y)).toEqual({ 0: 3, 1: 3 });
  });

  it('draws numeric centres in [−10, 10)² and clusters with the given std', () => {
    const { X, Y } = blobs({ m: 3000, centers: 2, std: [0.5, 2], seed: 13 });
    for (const c of [0, 1]) {
      const cols = [...Y.data.keys()].filter((j) => Y.data[j] === c);
      const mean = [0, 1].map((i) => cols.reduce((s, j) => s + X.get(i, j), 0) / cols.length);
      for (const mu of mean) expect(Math.abs(mu)).toBeLessThan(10.2);
      const sd = Math.sqrt(cols.reduce((s, j) => s + (X.get(0, j) - mean[0]) ** 2, 0) / cols.length);
      expect(sd).toBeCloseTo(c === 0 ? 0.5 : 2, 1);
    }
  });

  it('is deterministic under a seed and shuffles by default', () => {
    const a = blobs({ seed: 21 });
    expect(a.X.shape).toEqual([2, 100]);
    expectBitEqual(a.X, blobs({ seed: 21 }).X);
    expectBitEqual(a.Y, blobs({ seed: 21 }).Y);
    expect(counts(a.Y)).toEqual({ 0: 34, 1: 33, 2: 33 });
    expect(Array.from(a.Y.data)).not.toEqual(Array.from(a.Y.data).sort());
  });

  it('rejects bad options with exact messages', () => {
    expectThrowExact(
      () => blobs({ centers: 0 }),
      RangeError,
      'blobs: expected centers to be a positive integer, got 0',
    );
    expectThrowExact(
      () => blobs({ centers: 'two' as never }),
      TypeError,
      'blobs: expected centers to be a number or an array of points, got "two"',
    );
    expectThrowExact(
      () => blobs({ centers: [] }),
      RangeError,
      'blobs: expected at least one centre, got an empty array',
    );
    expectThrowExact(
      () => blobs({ centers: [1, 2] as never }),
      TypeError,
      'blobs: expected centers[0] to be an array of numbers, got 1',
    );
    expectThrowExact(
      () => blobs({ centers: [[]] }),
      RangeError,
      'blobs: expected centers[0] to have at least one coordinate, got an empty array',
    );
    expectThrowExact(
      () => blobs({ centers: [[0, 0], [1]] }),
      RangeError,
      'blobs: expected every centre to have 2 coordinates, got centers[1] with 1',
    );
    expectThrowExact(
      () => blobs({ centers: [[0, Number.NaN]] }),
      RangeError,
      'blobs: expected centers[0][1] to be a finite number, got NaN',
    );
    expectThrowExact(() => blobs({ std: -1 }), RangeError, 'blobs: expected std >= 0, got -1');
    expectThrowExact(() => blobs({ std: [1, 2] }), RangeError, 'blobs: expected one std per centre (3), got 2');
    expectThrowExact(() => blobs({ std: [1, -2, 1] }), RangeError, 'blobs: expected std[1] >= 0, got -2');
    expectThrowExact(
      () => blobs({ std: '1' as never }),
      TypeError,
      'blobs: expected std to be a number or an array of numbers, got "1"',
    );
    expectThrowExact(() => blobs({ m: 0 }), RangeError, 'blobs: expected m to be a positive integer, got 0');
  });
});
